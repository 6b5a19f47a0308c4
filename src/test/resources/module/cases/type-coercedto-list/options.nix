{ lib, ... }:
{
  options.v = lib.mkOption {
    type = lib.types.coercedTo lib.types.str (s: [ s ]) (lib.types.listOf lib.types.str);
  };
}
