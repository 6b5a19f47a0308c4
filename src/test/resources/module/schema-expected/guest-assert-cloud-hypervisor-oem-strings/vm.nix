{
  networking.hostName = "web";
  microvm.hypervisor = "cloud-hypervisor";
  microvm.vsock.cid = 4;
  microvm.shares = [ { tag = "ro-store"; source = "/nix/store"; mountPoint = "/nix/.ro-store"; proto = "virtiofs"; } ];
  microvm.cloud-hypervisor.platformOEMStrings = [ "oem_strings=[x]" ];
  microvm.cloud-hypervisor.extraArgs = [ "--platform" "serial_number=1,oem_strings=[a]" "--cpus" "boot=4" "--vsock" "cid=9,socket=x.vsock" ];
}
