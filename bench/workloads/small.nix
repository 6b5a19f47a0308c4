# Cold start: a small configuration-like file, evaluated once.
let
  vms = { web = { mem = 256; vcpu = 1; }; db = { mem = 512; vcpu = 2; }; };
in builtins.mapAttrs (name: vm: vm // { name = name; hypervisor = "qemu"; }) vms
