{
  server = { ... }: {
    imports = [ ./tls.nix ];
  };
}
