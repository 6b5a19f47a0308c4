{ lib, ... }:
{
  options.shares = lib.mkOption {
    type = lib.types.listOf (lib.types.submodule {
      options.tag = lib.mkOption { type = lib.types.str; };
    });
  };
}
