{ config, lib, ... }:
{ greeting = "hello ${lib.toUpper config.name}"; }
