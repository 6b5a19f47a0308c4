{ lib, pkgs, config, options, ... }:
{
  options.hello.package = lib.mkPackageOption pkgs "hello" { };
  options.report = lib.mkOption {
    type = lib.types.anything;
    default = {
      value = config.hello.package.name;
      inherit (options.hello.package) defaultText description;
      type = options.hello.package.type.name;
    };
  };
}
