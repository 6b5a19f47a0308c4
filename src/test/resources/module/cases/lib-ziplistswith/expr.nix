{ lib }:
lib.zipListsWith (a: b: "${a}=${toString b}") [ "x" "y" "z" ] [ 1 2 ]
