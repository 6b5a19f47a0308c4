{ lib, ... }:
let
  t = lib.types;
in
{
  options.names = lib.mkOption {
    type = t.attrsOf t.str;
    default = lib.mapAttrs (_: type: type.name) {
      bool = t.bool;
      int = t.int;
      positive = t.ints.positive;
      unsigned = t.ints.unsigned;
      between = t.ints.between 0 10;
      u8 = t.ints.u8;
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
      enum = t.enum [ "a" ];
      nullOr = t.nullOr t.str;
      listOf = t.listOf t.int;
      attrsOf = t.attrsOf t.str;
      lazyAttrsOf = t.lazyAttrsOf t.str;
      submodule = t.submodule { };
      either = t.either t.int t.str;
      oneOf = t.oneOf [ t.int t.str ];
      coercedTo = t.coercedTo t.int toString t.str;
      uniq = t.uniq t.int;
      functionTo = t.functionTo t.str;
      deferredModule = t.deferredModule;
    };
  };
}
