{
  server = { config, ... }: {
    host = "example.org";
    url = "https://${config.host}/";
  };
}
