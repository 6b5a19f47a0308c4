{ lib, ... }:
{
  options.name = lib.mkOption { type = lib.types.str; default = "world"; };
  options.greeting = lib.mkOption { type = lib.types.str; };
}
