{
  microvm.vms.web = {
    specialArgs = { site = "example.org"; };
    extraModules = [
      { networking.nameservers = [ "9.9.9.9" ]; }
      ({ site, ... }: { networking.nameservers = [ "ns.${site}" ]; })
    ];
    config = { site, ... }: {
      networking.hostName = "web-${builtins.replaceStrings [ "." ] [ "-" ] site}";
    };
  };
}
