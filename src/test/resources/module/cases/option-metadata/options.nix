{ lib, options, ... }:
{
  options.mem = lib.mkOption {
    type = lib.types.ints.positive;
    default = 512;
    example = 1024;
    description = "Amount of RAM in megabytes.";
  };
  options.socket = lib.mkOption {
    type = lib.types.nullOr lib.types.str;
    default = "vm.sock";
    defaultText = lib.literalExpression ''"''${hostName}.sock"'';
    example = lib.literalExpression ''"/run/vm.sock"'';
    description = "Control socket.";
  };
  options.report = lib.mkOption {
    type = lib.types.anything;
    default = {
      mem = {
        inherit (options.mem) description example default;
        typeName = options.mem.type.name;
        typeDescription = options.mem.type.description;
      };
      socket = {
        inherit (options.socket) defaultText example;
        typeName = options.socket.type.name;
        typeDescription = options.socket.type.description;
      };
    };
  };
}
