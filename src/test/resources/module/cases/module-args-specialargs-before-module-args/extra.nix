{ which, ... }:
{ value = which; }
