{
  microvm.vms.web.config = { config, ... }: {
    microvm.vcpu = 2;
    microvm.shares = [ { tag = "data"; source = "data"; mountPoint = "/data"; proto = "virtiofs"; } ];
    microvm.volumes = [ { image = "${config.networking.hostName}-var.img"; mountPoint = "/var"; size = 128; } ];
  };
}
