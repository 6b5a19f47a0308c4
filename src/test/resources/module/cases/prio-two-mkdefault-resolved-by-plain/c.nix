{ hostName = "final"; }
