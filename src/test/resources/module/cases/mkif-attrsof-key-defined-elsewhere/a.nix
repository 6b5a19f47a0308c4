{ lib, ... }:
{ env.X = lib.mkIf false "from a"; }
