{ lib }:
{ json = builtins.toJSON { b = [ 1 "x" ]; a = null; }; kv = lib.generators.toKeyValue { } { Restart = "always"; TimeoutSec = 150; }; }
