{ file = ./a.nix; }
