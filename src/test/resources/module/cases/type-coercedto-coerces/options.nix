{ lib, ... }:
{
  options.a = lib.mkOption { type = lib.types.coercedTo lib.types.int builtins.toString lib.types.str; };
  options.b = lib.mkOption { type = lib.types.coercedTo lib.types.int builtins.toString lib.types.str; };
}
