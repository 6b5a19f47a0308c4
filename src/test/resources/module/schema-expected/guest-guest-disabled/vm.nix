{
  microvm.guest.enable = false;
  microvm.interfaces = [ { type = "tap"; id = "far-too-long-interface-id"; mac = "02:00:00:00:00:01"; } ];
}
