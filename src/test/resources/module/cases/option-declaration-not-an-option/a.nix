{ lib, ... }:
{
  options.mem = 512;
}
