# The two options NixOS declares for assertions and warnings (nixos/modules/misc/assertions.nix).
{ lib, ... }:
{
  options.assertions = lib.mkOption {
    type = lib.types.listOf lib.types.unspecified;
    internal = true;
    default = [ ];
    description = "Conditions that must hold; a failed one stops evaluation with its message.";
  };
  options.warnings = lib.mkOption {
    type = lib.types.listOf lib.types.str;
    internal = true;
    default = [ ];
    description = "Messages printed after evaluation.";
  };
}
