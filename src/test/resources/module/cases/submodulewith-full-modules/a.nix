{ lib, ... }:
{
  s = {
    options.b = lib.mkOption { type = lib.types.int; default = 2; };
    config.a = 10;
  };
}
