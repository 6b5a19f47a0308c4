{ lib, ... }:
{ preStart = lib.mkBefore "set -e"; }
