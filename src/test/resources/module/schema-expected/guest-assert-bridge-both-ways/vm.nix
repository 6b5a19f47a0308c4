{
  networking.hostName = "web";
  microvm.interfaces = [
    { type = "bridge"; id = "vm-br"; mac = "02:00:00:00:00:01"; }
    { type = "tap"; id = "vm-tap"; mac = "02:00:00:00:00:02"; bridge = "br0"; }
  ];
}
