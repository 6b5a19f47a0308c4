{ lib, ... }:
{
  config = lib.mkIf true {
    a = lib.mkIf true {
      b = lib.mkIf true 1;
      c = lib.mkIf false 2;
    };
    d = lib.mkIf false 3;
  };
}
