{ _module.args.pkgs = { }; }
