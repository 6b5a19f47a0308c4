# Declaring options, and the helpers nixpkgs' lib.options offers around them. Merging and
# printing definitions are implemented in Java (prim).
{ lib, prim }:
rec {
  isOption = lib.isType "option";

  mkOption =
    { default ? null, defaultText ? null, example ? null, description ? null, relatedPackages ? null
    , type ? null, apply ? null, internal ? null, visible ? null, readOnly ? null }@attrs:
    attrs // { _type = "option"; };

  mkEnableOption = name: mkOption {
    default = false;
    example = true;
    description = "Whether to enable ${name}.";
    type = lib.types.bool;
  };

  mkPackageOption = pkgs: name:
    { nullable ? false, default ? name, example ? null, extraDescription ? "", pkgsText ? "pkgs" }:
    let
      shortName = if builtins.isList name then lib.lists.last name else name;
      defaultPath = lib.lists.toList default;
      defaultText = lib.attrsets.showAttrPath defaultPath;
      defaultValue = lib.attrsets.attrByPath defaultPath (throw "${defaultText} cannot be found in ${pkgsText}") pkgs;
      defaults =
        if default != null then { default = defaultValue; defaultText = literalExpression "${pkgsText}.${defaultText}"; }
        else lib.attrsets.optionalAttrs nullable { default = null; };
    in
    mkOption (defaults // {
      description = "The ${shortName} package to use." + (if extraDescription == "" then "" else " ") + extraDescription;
      type = (if nullable then lib.types.nullOr else (t: t)) lib.types.package;
    } // lib.attrsets.optionalAttrs (example != null) {
      example = literalExpression (if builtins.isList example then "${pkgsText}.${lib.attrsets.showAttrPath example}" else example);
    });
  mkPackageOptionMD = mkPackageOption;

  mkSinkUndeclaredOptions = attrs: mkOption ({
    internal = true;
    visible = false;
    default = false;
    description = "Sink for option definitions.";
    type = lib.types.mkOptionType { name = "sink"; check = x: true; merge = loc: defs: false; };
    apply = x: throw "Option value is not readable because the option is not declared.";
  } // attrs);

  inherit (prim) mergeDefaultOption mergeOneOption mergeEqualOption mergeUniqueOption showDefs showOption;

  getValues = map (x: x.value);
  getFiles = map (x: x.file);

  unknownModule = "<unknown-file>";

  showFiles = files: lib.concatStringsSep " and " (map (f: "`${f}'") files);

  showOptionWithDefLocs = opt: ''
    ${showOption opt.loc}, with values defined in:
    ${lib.concatMapStringsSep "\n" (defFile: "  - ${defFile}") opt.files}
  '';

  literalExpression = text:
    if !builtins.isString text then throw "literalExpression expects a string."
    else { _type = "literalExpression"; inherit text; };
  literalExample = literalExpression;
  literalMD = text:
    if !builtins.isString text then throw "literalMD expects a string."
    else { _type = "literalMD"; inherit text; };

  renderOptionValue = v:
    if v ? _type && v ? text then v
    else literalExpression (lib.generators.toPretty { multiline = true; allowPrettyValues = true; } v);

  scrubOptionValue = x:
    if lib.attrsets.isDerivation x then { type = "derivation"; drvPath = x.name; outPath = x.name; name = x.name; }
    else if builtins.isList x then map scrubOptionValue x
    else if builtins.isAttrs x then builtins.mapAttrs (n: v: scrubOptionValue v) (removeAttrs x [ "_args" ])
    else x;

  # The options of a module evaluation as a flat list of documentation entries, sub-options included.
  optionAttrSetToDocList = optionAttrSetToDocList' [ ];
  optionAttrSetToDocList' = _: options:
    lib.lists.concatMap (opt:
      let
        name = showOption opt.loc;
        docOption = {
          loc = opt.loc;
          inherit name;
          description = opt.description or null;
          declarations = builtins.filter (x: x != unknownModule) opt.declarations;
          internal = opt.internal or false;
          visible = if opt ? visible && opt.visible == "shallow" then true else opt.visible or true;
          readOnly = opt.readOnly or false;
          type = opt.type.description or "unspecified";
        }
        // lib.attrsets.optionalAttrs (opt ? example) { example = renderOptionValue opt.example; }
        // lib.attrsets.optionalAttrs (opt ? defaultText || opt ? default) {
          default = renderOptionValue (opt.defaultText or opt.default);
        }
        // lib.attrsets.optionalAttrs (opt ? relatedPackages && opt.relatedPackages != null) {
          inherit (opt) relatedPackages;
        };
        subOptions = let ss = opt.type.getSubOptions opt.loc; in if ss != { } then optionAttrSetToDocList' opt.loc ss else [ ];
        subOptionsVisible = docOption.visible && opt.visible or null != "shallow";
      in
      [ docOption ] ++ lib.lists.optionals subOptionsVisible subOptions)
      (lib.attrsets.collect isOption options);
}
