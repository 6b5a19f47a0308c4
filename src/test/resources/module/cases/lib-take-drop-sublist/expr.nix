{ lib }:
{ take = lib.take 2 [ 1 2 3 ]; drop = lib.drop 2 [ 1 2 3 ]; sublist = lib.sublist 1 2 [ 1 2 3 4 ]; reverse = lib.reverseList [ 1 2 3 ]; }
