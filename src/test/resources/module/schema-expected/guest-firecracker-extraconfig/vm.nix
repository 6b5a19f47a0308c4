{
  microvm.firecracker.extraConfig = {
    machine-config.smt = false;
    logger = { level = "Debug"; show_level = true; };
  };
}
