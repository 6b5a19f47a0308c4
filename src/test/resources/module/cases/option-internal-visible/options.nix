{ lib, options, ... }:
{
  options.hidden = lib.mkOption { type = lib.types.int; default = 1; internal = true; visible = false; };
  options.plain = lib.mkOption { type = lib.types.int; default = 1; };
  options.report = lib.mkOption {
    type = lib.types.anything;
    default = {
      hidden = { inherit (options.hidden) internal visible; };
      plain = {
        internal = options.plain.internal or null;
        visible = options.plain.visible or null;
      };
    };
  };
}
