{ lib }:
{ any1 = lib.any (x: x > 2) [ 1 2 3 ]; any0 = lib.any (x: x > 2) [ ]; all1 = lib.all (x: x > 0) [ 1 2 3 ]; all0 = lib.all (x: x > 5) [ ]; }
