{ pkgs, ... }:
{ x = pkgs.hello; }
