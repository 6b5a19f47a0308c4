{
  networking.hostName = "fc";
  microvm = {
    hypervisor = "firecracker";
    socket = null;
    shares = [ { tag = "ro-store"; source = "/nix/store"; mountPoint = "/nix/.ro-store"; proto = "virtiofs"; } ];
    interfaces = [
      { type = "user"; id = "usernet"; mac = "02:00:00:00:00:01"; }
      { type = "macvtap"; id = "vm-mv"; mac = "02:00:00:00:00:02"; macvtap = { link = "eth0"; mode = "bridge"; }; }
      { type = "bridge"; id = "vm-br"; mac = "02:00:00:00:00:03"; bridge = "br0"; }
    ];
    balloon = true;
    hotplugMem = 512;
    devices = [ { bus = "pci"; path = "0000:01:00.0"; } { bus = "usb"; path = "vendorid=0x1234,productid=0x5678"; } ];
    credentialFiles.KEY = "/run/secrets/key";
    user = "microvm";
  };
}
