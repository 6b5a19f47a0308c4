{ lib, ... }:
{
  config = lib.mkMerge [ { a = 1; } { a = 2; } ];
}
