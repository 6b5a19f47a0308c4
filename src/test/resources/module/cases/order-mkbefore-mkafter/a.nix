{ lib, ... }:
{ l = lib.mkAfter [ "last" ]; }
