{ flakeInputs, ... }:
{ who = [ flakeInputs.self ]; }
