{ microvm.vms.web.config = ./web-guest.nix; }
