{ lib }:
lib.concatMapAttrs (name: value: { "${name}-a" = value; "${name}-b" = value + 1; }) { x = 1; y = 10; }
