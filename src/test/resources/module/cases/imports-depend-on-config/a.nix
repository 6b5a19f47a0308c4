{ config, lib, ... }:
{
  imports = lib.optional config.extra ./options.nix;
}
