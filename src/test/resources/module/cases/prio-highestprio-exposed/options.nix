{ lib, options, ... }:
{
  options.a = lib.mkOption { type = lib.types.int; default = 1; };
  options.b = lib.mkOption { type = lib.types.int; };
  options.c = lib.mkOption { type = lib.types.int; };
  options.d = lib.mkOption { type = lib.types.int; };
  options.report = lib.mkOption {
    type = lib.types.attrsOf lib.types.int;
    default = {
      a = options.a.highestPrio;
      b = options.b.highestPrio;
      c = options.c.highestPrio;
      d = options.d.highestPrio;
    };
  };
}
