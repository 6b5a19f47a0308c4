{ lib, config, ... }:
{
  options.shares = lib.mkOption {
    type = lib.types.listOf (lib.types.submodule {
      options.source = lib.mkOption { type = lib.types.str; };
    });
    default = [ ];
  };
  options.storeOnDisk = lib.mkOption {
    type = lib.types.bool;
    default = !lib.any (share: share.source == "/nix/store") config.shares;
  };
}
