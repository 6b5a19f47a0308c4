{ config, ... }:
{ a = [ (builtins.length config.a) ]; }
