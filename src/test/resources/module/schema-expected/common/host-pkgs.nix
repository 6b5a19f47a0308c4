# The host's package set, as jmicrovm passes it to host modules.
{ _module.args.pkgs = import ./fake-nixpkgs { system = "x86_64-linux"; }; }
