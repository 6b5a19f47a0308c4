{ lib, ... }:
{
  options.v = lib.mkOption { type = lib.types.oneOf [ lib.types.bool lib.types.int lib.types.str ]; };
}
