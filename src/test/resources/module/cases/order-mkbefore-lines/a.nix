{ preStart = "echo main"; }
