# The guest side of jmicrovm: every `microvm.*` option of a MicroVM plus the few operating-system
# options jmicrovm's guest builder implements. This is the module that a VM's `config` (and
# `nixpkgs.lib.nixosSystem`) is evaluated against. Options not declared here do not exist: a guest
# definition of any other option is an error, never silently ignored.
#
# Module arguments used: `pkgs`, the package set of the guest's system.
{
  imports = [
    ./common/assertions.nix
    ./guest/core.nix
    ./guest/storage.nix
    ./guest/network.nix
    ./guest/devices.nix
    ./guest/hypervisors.nix
    ./guest/generated.nix
    ./guest/checks.nix
    ./guest/os.nix
    ./guest/openssh.nix
  ];
}
