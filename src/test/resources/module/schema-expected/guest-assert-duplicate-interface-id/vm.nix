{
  networking.hostName = "web";
  microvm.interfaces = [
    { type = "tap"; id = "vm-web"; mac = "02:00:00:00:00:01"; }
    { type = "tap"; id = "vm-web"; mac = "02:00:00:00:00:02"; }
  ];
}
