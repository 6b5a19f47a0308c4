{
  networking.hostName = "q";
  microvm = {
    shares = [
      { tag = "ro-store"; source = "/nix/store"; mountPoint = "/nix/.ro-store"; readOnly = true; }
      { tag = "data"; source = "/srv"; mountPoint = "/srv"; proto = "virtiofs"; }
    ];
    interfaces = [
      { type = "user"; id = "usernet"; mac = "02:00:00:00:00:01"; }
      { type = "tap"; id = "vm-q"; mac = "02:00:00:00:00:02"; tap.vhost = true; }
      { type = "macvtap"; id = "vm-mv"; mac = "02:00:00:00:00:03"; macvtap = { link = "eth0"; mode = "bridge"; }; }
      { type = "bridge"; id = "vm-br"; mac = "02:00:00:00:00:04"; bridge = "br0"; }
    ];
    forwardPorts = [ { host.port = 2222; guest.port = 22; } ];
    vsock.cid = 7;
    balloon = true;
    devices = [ { bus = "pci"; path = "0000:01:00.0"; } { bus = "usb"; path = "vendorid=0x1234,productid=0x5678"; } ];
    credentialFiles.KEY = "/run/secrets/key";
    user = "microvm";
  };
}
