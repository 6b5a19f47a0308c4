{ lib, ... }:
{ hostName = "web"; flakeInputs = { self = "self-input"; }; }
