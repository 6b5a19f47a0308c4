{ opts = "noatime"; }
