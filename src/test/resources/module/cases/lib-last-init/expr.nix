{ lib }:
{ last = lib.last [ 1 2 3 ]; init = lib.init [ 1 2 3 ]; initOne = lib.init [ 1 ]; }
