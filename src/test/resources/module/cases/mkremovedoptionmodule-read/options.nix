{ lib, ... }:
{
  imports = [ (lib.mkRemovedOptionModule [ "microvm" "balloonMem" ] "Use microvm.balloon instead.") ];
}
