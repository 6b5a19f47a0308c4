{ lib }:
let
  base = lib.evalModules { modules = [ ./options.nix ]; };
  extended = base.extendModules { modules = [ { mem = 1024; } ]; };
in
{
  base = base.config.mem;
  extended = extended.config.mem;
}
