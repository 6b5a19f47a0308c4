# Options through which the original exposes what it builds from a guest configuration (runners,
# store disk, deployment scripts). jmicrovm builds these in Java, outside the module system, so
# reading them from Nix code fails with an explanation instead of yielding a stand-in.
{ config, lib, ... }:
let
  inherit (lib) mkOption types literalExpression;

  builtByJmicrovm =
    what:
    throw "not supported by jmicrovm: ${what} is built by jmicrovm (microvm-host build), not evaluated in Nix";
in
{
  options.microvm = {
    runner = mkOption {
      type = types.attrsOf types.package;
      default = builtByJmicrovm "microvm.runner";
      defaultText = literalExpression "one runner package per hypervisor";
      description = "The runner package of this guest for every hypervisor.";
    };

    declaredRunner = mkOption {
      type = types.package;
      default = builtByJmicrovm "microvm.declaredRunner";
      defaultText = literalExpression "config.microvm.runner.\${config.microvm.hypervisor}";
      description = "The runner for the hypervisor chosen by `microvm.hypervisor`.";
    };

    storeDisk = mkOption {
      type = types.path;
      default = builtByJmicrovm "microvm.storeDisk";
      defaultText = literalExpression "the store disk image built for this guest";
      description = "Disk image holding the guest's store closure (when `storeOnDisk`).";
    };

    bootDisk = mkOption {
      type = types.path;
      default = builtByJmicrovm "microvm.bootDisk";
      defaultText = literalExpression "a GPT disk image with an EFI system partition";
      description = "Bootable disk image of the guest, for hypervisors that cannot load a kernel directly.";
    };

    deploy = {
      installOnHost = mkOption {
        type = types.package;
        default = builtByJmicrovm "microvm.deploy.installOnHost";
        defaultText = literalExpression "built by jmicrovm";
        description = "Script copying this guest's runner to a host over SSH and installing it there.";
      };
      sshSwitch = mkOption {
        type = types.package;
        default = builtByJmicrovm "microvm.deploy.sshSwitch";
        defaultText = literalExpression "built by jmicrovm";
        description = "Script activating a new guest system in the running VM over SSH.";
      };
      rebuild = mkOption {
        type = types.package;
        default = builtByJmicrovm "microvm.deploy.rebuild";
        defaultText = literalExpression "built by jmicrovm";
        description = "`installOnHost` followed by `sshSwitch` or a restart of the VM.";
      };
    };
  };
}
