{ id = "abc1"; }
