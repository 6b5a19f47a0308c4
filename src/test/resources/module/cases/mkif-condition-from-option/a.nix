{ lib, config, ... }:
{
  kernelParams = lib.mkIf config.debug [ "loglevel=7" ];
}
