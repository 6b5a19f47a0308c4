{ lib, ... }:
{
  imports = [ (lib.mkRemovedOptionModule [ "microvm" "balloonMem" ] "Use microvm.balloon instead.") ];
  options.microvm.balloon = lib.mkOption { type = lib.types.bool; default = false; };
}
