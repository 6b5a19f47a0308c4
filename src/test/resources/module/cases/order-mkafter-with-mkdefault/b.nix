{ lib, ... }:
{ l = lib.mkAfter [ "after" ]; }
