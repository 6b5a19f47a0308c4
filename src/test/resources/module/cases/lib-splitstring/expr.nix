{ lib }:
{ a = lib.splitString "," "a,b,,c"; b = lib.splitString "," ""; c = lib.splitString ", " "x, y"; d = lib.splitString "." "no-dot"; }
