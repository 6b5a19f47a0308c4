{ lib, ... }:
{
  options.s = lib.mkOption {
    type = lib.types.submoduleWith {
      shorthandOnlyDefinesConfig = true;
      modules = [
        {
          options.options = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; };
        }
      ];
    };
  };
}
