{ opts = "ro"; }
