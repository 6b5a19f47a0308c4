{ lib, ... }:
{
  options.a = lib.mkOption { type = lib.types.oneOf [ lib.types.bool lib.types.int lib.types.str ]; };
  options.b = lib.mkOption { type = lib.types.oneOf [ lib.types.bool lib.types.int lib.types.str ]; };
  options.c = lib.mkOption { type = lib.types.oneOf [ lib.types.bool lib.types.int lib.types.str ]; };
}
