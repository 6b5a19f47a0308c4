# A host configuration in the seed's fully-declarative form: one MicroVM, `hello`, whose NixOS-style
# configuration is written in place. `microvm-host switch examples/host.nix` evaluates it, builds the VM
# (guest system, kernel, initrd, runner) into the store, installs it under the state directory and
# starts it. Until the module system evaluates host configurations, `microvm-host demo` (what bin/demo
# runs) builds and boots the same VM from its Java equivalent, org.jmicrovm.host.DemoVm.
#
# `nixpkgs` and `microvm` are given to a host configuration by jmicrovm: `nixpkgs` is its built-in
# package set (kernels and busybox from Debian), `microvm.host` the host module.
{ microvm, ... }: {
  imports = [ microvm.host ];

  microvm.vms = {
    hello = {
      # The package set to use for the MicroVM; it also determines the MicroVM's architecture.
      pkgs = import nixpkgs { system = "x86_64-linux"; };

      config = { config, ... }: {
        microvm.hypervisor = "qemu";
        microvm.mem = 256;

        # The host's store, read-only over virtiofs: the guest system runs from it, no image to build.
        microvm.shares = [{
          source = "/nix/store";
          mountPoint = "/nix/.ro-store";
          tag = "ro-store";
          proto = "virtiofs";
        }];

        # A 64 MiB ext4 volume, created in the VM's state directory at the first start and kept after.
        microvm.volumes = [{
          image = "data.img";
          mountPoint = "/var/lib/data";
          size = 64;
        }];

        # qemu's user-mode network; the host's 127.0.0.1:8080 reaches the guest's port 80.
        microvm.interfaces = [{
          type = "user";
          id = "usernet";
          mac = "02:00:00:00:00:01";
        }];
        microvm.forwardPorts = [{
          from = "host";
          host.address = "127.0.0.1";
          host.port = 8080;
          guest.port = 80;
        }];

        # A web server answering with a page kept on the volume, which counts the server's starts.
        systemd.services.hello-web = {
          description = "Answers HTTP on port 80";
          wantedBy = [ "multi-user.target" ];
          serviceConfig.Restart = "always";
          script = ''
            mkdir -p /var/lib/data/www
            echo started >> /var/lib/data/starts
            starts=$(wc -l < /var/lib/data/starts)
            echo "Hello from ${config.networking.hostName}, a jmicrovm MicroVM (web server start $starts on this volume)" \
              > /var/lib/data/www/index.html
            exec httpd -f -p 80 -h /var/lib/data/www
          '';
        };
      };
    };
  };
}
