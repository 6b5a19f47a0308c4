{
  networking.hostName = "al";
  microvm = {
    hypervisor = "alioth";
    shares = [ { tag = "data"; source = "/srv"; mountPoint = "/srv"; } ];
    interfaces = [ { type = "macvtap"; id = "vm-mv"; mac = "02:00:00:00:00:01"; macvtap = { link = "eth0"; mode = "private"; }; } ];
    balloon = true;
    devices = [ { bus = "pci"; path = "0000:01:00.0"; } ];
  };
}
