{
  microvm.vms.web = {
    config = { };
    updateFlake = "git+file:///etc/nixos";
  };
}
