{ hostName, ... }:
{
  imports = [ ./b.nix ];
  who = [ hostName ];
}
