{
  networking.hostName = "web";
  microvm.hypervisor = "cloud-hypervisor";
  microvm.shares = [ { tag = "ro-store"; source = "/nix/store"; mountPoint = "/nix/.ro-store"; proto = "virtiofs"; } ];
}
