{ lib }:
{ zero = lib.imap0 (i: v: "${toString i}:${v}") [ "a" "b" ]; one = lib.imap1 (i: v: "vd${builtins.elemAt [ "a" "b" "c" ] (i - 1)}=${v}") [ "var.img" "data.img" ]; }
