{
  networking.hostName = "web";
  microvm.interfaces = [
    { type = "tap"; id = "exactly15-chars"; mac = "02:00:00:00:00:01"; }
    { type = "tap"; id = "sixteen-chars-id"; mac = "02:00:00:00:00:02"; }
  ];
}
