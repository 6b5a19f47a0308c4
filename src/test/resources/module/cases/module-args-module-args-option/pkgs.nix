{
  _module.args.pkgs = { linux = { version = "6.1.0"; }; };
}
