{ lib }:
[ (lib.optional true "x") (lib.optional false "y") ]
