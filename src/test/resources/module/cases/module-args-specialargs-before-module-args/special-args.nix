{ lib, ... }:
{ which = "special"; extra = ./extra.nix; }
