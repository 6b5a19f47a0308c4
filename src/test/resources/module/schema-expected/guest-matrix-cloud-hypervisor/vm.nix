{
  networking.hostName = "ch";
  microvm = {
    hypervisor = "cloud-hypervisor";
    vsock.cid = 3;
    shares = [ { tag = "data"; source = "/srv"; mountPoint = "/srv"; } ];
    interfaces = [ { type = "user"; id = "usernet"; mac = "02:00:00:00:00:01"; } ];
    devices = [ { bus = "usb"; path = "vendorid=0x1234,productid=0x5678"; } ];
    credentialFiles.KEY = "/run/secrets/key";
    user = "microvm";
  };
}
