{ lib, ... }:
{
  options.path = lib.mkOption { type = lib.types.separatedString ":"; };
}
