# What bench/module-bench.sh has both jmicrovm and nix-instantiate (with nixpkgs' lib) compute from a
# host configuration: the host options and, for every VM, the guest options jmicrovm's model reads,
# after the NixOS assertion check of host and guests. Packages come from the corpus' stand-in package
# set, so that both sides print the same JSON.
{ lib, hostFile, schemaDir, pkgsFile }:
let
  pkgs = import pkgsFile { system = "x86_64-linux"; };
  host = lib.evalModules {
    modules = [ (schemaDir + "/host.nix") hostFile { _module.args.pkgs = pkgs; } ];
    specialArgs = {
      nixpkgs = { outPath = pkgsFile; inherit lib; };
      microvm = { host = schemaDir + "/host.nix"; microvm = schemaDir + "/guest.nix"; };
    };
  };
  failed = config: builtins.filter (a: !a.assertion) config.assertions;
  without = names: set: removeAttrs set names;
  vm = name: v:
    let
      c = v.config.config;
      m = c.microvm;
    in
    assert failed c == [ ];
    {
      inherit (m) hypervisor vcpu mem hugepageMem hotplugMem hotpluggedMem balloon initialBalloonMem deflateOnOOM
        socket user preStart extraArgsScript shares volumes forwardPorts devices vsock credentialFiles
        machineId registerWithMachined prettyProcnames binScripts storeOnDisk storeDiskErofsFlags
        storeDiskSquashfsFlags writableStoreOverlay systemSymlink kernelParams initrdPath cpu;
      kernel = m.kernel.name;
      # macvtap.* has no value for other interface types
      interfaces = map (i: { inherit (i) type id mac bridge; vhost = i.tap.vhost; }) m.interfaces;
      optimize = m.optimize.enable;
      virtiofsd = without [ "package" ] m.virtiofsd;
      graphics = without [ "crosvmPackage" ] m.graphics;
      qemu = without [ "package" ] m.qemu;
      cloud-hypervisor = without [ "package" ] m.cloud-hypervisor;
      crosvm = without [ "package" ] m.crosvm;
      firecracker = without [ "package" ] m.firecracker;
      os = {
        inherit (c.networking) hostName interfaces defaultGateway nameservers;
        etc = c.environment.etc;
        services = c.systemd.services;
        users = c.users.users;
        timeZone = c.time.timeZone;
        packages = map (p: p.name) c.environment.systemPackages;
      };
      inherit (c) warnings;
    };
in
assert failed host.config == [ ];
{
  host = { inherit (host.config.microvm) autostart stateDir host; };
  vms = builtins.mapAttrs vm host.config.microvm.vms;
}
