{ lib }:
{ plain = lib.escapeShellArg "abc"; quoted = lib.escapeShellArg "it's"; args = lib.escapeShellArgs [ "-m" "256 M" ]; }
