{ lib, ... }:
{
  assertions = [ { assertion = 1 + 1 == 2; message = "arithmetic"; } ];
}
