{ lib, ... }:
{
  options.id = lib.mkOption { type = lib.types.strMatching "[a-z]+"; };
}
