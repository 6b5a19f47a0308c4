{ lib, ... }:
let
  t = lib.types;
  sub = t.submodule { options.x = lib.mkOption { type = t.int; }; };
in
{
  options.descriptions = lib.mkOption {
    type = t.attrsOf t.str;
    default = lib.mapAttrs (_: type: type.description) {
      bool = t.bool;
      int = t.int;
      positive = t.ints.positive;
      unsigned = t.ints.unsigned;
      between = t.ints.between 0 10;
      u8 = t.ints.u8;
      u16 = t.ints.u16;
      u32 = t.ints.u32;
      s32 = t.ints.s32;
      port = t.port;
      float = t.float;
      number = t.number;
      str = t.str;
      nonEmptyStr = t.nonEmptyStr;
      strMatching = t.strMatching "[a-z]+";
      lines = t.lines;
      commas = t.commas;
      separatedString = t.separatedString ":";
      path = t.path;
      package = t.package;
      anything = t.anything;
      unspecified = t.unspecified;
      raw = t.raw;
      attrs = t.attrs;
      enum = t.enum [ "a" "b" ];
      nullOr = t.nullOr t.str;
      listOf = t.listOf t.int;
      attrsOf = t.attrsOf t.str;
      lazyAttrsOf = t.lazyAttrsOf t.str;
      submodule = sub;
      attrsOfSubmodule = t.attrsOf sub;
      submoduleWith = t.submoduleWith { modules = [ ]; };
      either = t.either t.int t.str;
      oneOf = t.oneOf [ t.bool t.int t.str ];
      coercedTo = t.coercedTo t.int toString t.str;
      uniq = t.uniq t.int;
      functionTo = t.functionTo t.str;
      deferredModule = t.deferredModule;
      nullOrListOfAttrsOf = t.nullOr (t.listOf (t.attrsOf t.int));
    };
  };
}
