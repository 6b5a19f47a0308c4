{ lib }:
lib.mapAttrsRecursive (path: value: lib.concatStringsSep "." path + "=" + toString value) { a = { b = 1; }; c = 2; }
