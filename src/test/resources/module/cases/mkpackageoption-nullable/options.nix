{ lib, pkgs, ... }:
{
  options.tool.package = lib.mkPackageOption pkgs "socat" { nullable = true; };
}
