# The two options through which modules report problems, declared as NixOS declares them.
# jmicrovm checks them after evaluation: any assertion that does not hold stops the build
# with all failed messages; warnings are printed.
{ lib, ... }:
{
  options.assertions = lib.mkOption {
    type = lib.types.listOf lib.types.unspecified;
    internal = true;
    default = [ ];
    example = [
      {
        assertion = false;
        message = "this configuration cannot work because …";
      }
    ];
    description = ''
      Conditions the configuration must satisfy, as a list of
      `{ assertion = <bool>; message = <string>; }`. Evaluation stops with every
      message whose assertion is false.
    '';
  };

  options.warnings = lib.mkOption {
    type = lib.types.listOf lib.types.str;
    internal = true;
    default = [ ];
    example = [ "option `foo' is deprecated" ];
    description = "Messages shown to the user after evaluation; they do not stop it.";
  };
}
