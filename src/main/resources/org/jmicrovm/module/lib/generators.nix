# Turning Nix values into text formats.
{ lib, prim }:
let
  inherit (lib) concatStringsSep mapAttrsToList isAttrs isList;
in
rec {
  toPretty = prim.toPretty;

  withRecursion = { depthLimit, throwOnDepthLimit ? true }:
    assert builtins.isInt depthLimit;
    let
      specialAttrs = [ "__functor" "__functionArgs" "__toString" "__pretty" ];
      stepIntoAttr = evalNext: name: if builtins.elem name specialAttrs then (x: x) else evalNext;
      transform = depth:
        if depthLimit != null && depth > depthLimit then
          if throwOnDepthLimit
          then throw "Exceeded maximum eval-depth limit of ${toString depthLimit} while trying to evaluate with `generators.withRecursion'!"
          else (_: "<unevaluated>")
        else (x: x);
      mapAny = depth: v:
        let evalNext = x: mapAny (depth + 1) (transform (depth + 1) x);
        in if isAttrs v then builtins.mapAttrs (stepIntoAttr evalNext) v
        else if isList v then map evalNext v
        else transform (depth + 1) v;
    in mapAny 0;

  mkValueStringDefault = { }: v:
    let err = t: v: abort ("generators.mkValueStringDefault: ${t} not supported: ${toPretty { } v}");
    in
    if builtins.isInt v then toString v
    else if lib.attrsets.isDerivation v then toString v
    else if builtins.isString v then v
    else if true == v then "true"
    else if false == v then "false"
    else if null == v then "null"
    else if isList v then err "lists" v
    else if isAttrs v then err "attrsets" v
    else if lib.isFunction v then err "functions" v
    else if builtins.isFloat v then lib.strings.floatToString v
    else err "this value is" (toString v);

  mkKeyValueDefault = { mkValueString ? mkValueStringDefault { } }: sep: k: v:
    "${lib.strings.escape [ sep ] k}${sep}${mkValueString v}";

  toKeyValue = { mkKeyValue ? mkKeyValueDefault { } "=", listsAsDuplicateKeys ? false, indent ? "" }:
    let
      mkLine = k: v: indent + mkKeyValue k v + "\n";
      mkLines = if listsAsDuplicateKeys then k: v: map (mkLine k) (if isList v then v else [ v ]) else k: v: [ (mkLine k v) ];
    in attrs: lib.strings.concatStrings (lib.lists.concatLists (mapAttrsToList mkLines attrs));

  toINI = { mkSectionName ? (name: lib.strings.escape [ "[" "]" ] name), mkKeyValue ? mkKeyValueDefault { } "=", listsAsDuplicateKeys ? false }:
    attrsOfAttrs:
    let
      mkSection = sectName: sectValues: ''
        [${mkSectionName sectName}]
      '' + toKeyValue { inherit mkKeyValue listsAsDuplicateKeys; } sectValues;
    in concatStringsSep "\n" (mapAttrsToList mkSection attrsOfAttrs);

  toJSON = { }: builtins.toJSON;
  toYAML = { }: builtins.toJSON;
}
