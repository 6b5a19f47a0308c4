{ config, ... }:
{
  microvm.interfaces = [
    {
      type = "macvtap";
      id = "vm-${config.networking.hostName}";
      mac = "02:00:00:00:00:07";
      macvtap = { link = "eth0"; mode = "bridge"; };
    }
  ];
}
