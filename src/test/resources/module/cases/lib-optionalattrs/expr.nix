{ lib }:
{ a = 1; } // lib.optionalAttrs true { b = 2; } // lib.optionalAttrs false { c = 3; }
