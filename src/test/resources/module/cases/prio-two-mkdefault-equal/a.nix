{ lib, ... }:
{ enable = lib.mkDefault true; }
