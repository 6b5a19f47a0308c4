{ lib, ... }:
{
  options.v = lib.mkOption {
    type = lib.types.either (lib.types.listOf lib.types.int) (lib.types.attrsOf lib.types.int);
  };
}
