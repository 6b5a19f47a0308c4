{ lib }:
{ elem = lib.elem "tap" [ "user" "tap" ]; count = lib.count (x: x == "tap") [ "tap" "user" "tap" ]; partition = lib.partition (x: x > 2) [ 1 2 3 4 ]; }
