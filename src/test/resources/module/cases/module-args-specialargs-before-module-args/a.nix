{ extra, ... }:
{
  imports = [ extra ];
  _module.args.which = "module-arg";
}
