# Properties of definitions and the option-renaming modules. evalModules itself is Java (prim).
{ lib, prim }:
let
  inherit (lib.options) mkOption showOption showFiles isOption;
in
rec {
  evalModules = prim.evalModules;

  mkIf = condition: content: { _type = "if"; inherit condition content; };
  mkAssert = assertion: message: content:
    mkIf (if assertion then true else throw "\nFailed assertion: ${message}") content;
  mkMerge = contents: { _type = "merge"; inherit contents; };
  mkDefinition = args@{ file, value, ... }: args // { _type = "definition"; };
  mkOverride = priority: content: { _type = "override"; inherit priority content; };
  mkOptionDefault = mkOverride 1500;
  mkDefault = mkOverride 1000;
  mkImageMediaOverride = mkOverride 60;
  mkForce = mkOverride 50;
  mkVMOverride = mkOverride 10;
  defaultOverridePriority = 100;
  defaultPriority = defaultOverridePriority;
  mkFixStrictness = x: x;
  mkOrder = priority: content: { _type = "order"; inherit priority content; };
  mkBefore = mkOrder 500;
  defaultOrderPriority = 1000;
  mkAfter = mkOrder 1500;

  setDefaultModuleLocation = file: m: { _file = file; imports = [ m ]; };

  filterOverrides = defs: (filterOverrides' defs).values;
  filterOverrides' = defs:
    let
      getPrio = def: if def.value._type or "" == "override" then def.value.priority else defaultOverridePriority;
      highestPrio = builtins.foldl' (prio: def: lib.trivial.min (getPrio def) prio) 9999 defs;
      strip = def: if def.value._type or "" == "override" then def // { value = def.value.content; } else def;
    in {
      values = builtins.concatMap (def: if getPrio def == highestPrio then [ (strip def) ] else [ ]) defs;
      inherit highestPrio;
    };
  sortProperties = defs:
    let
      strip = def: if def.value._type or "" == "order" then def // { value = def.value.content; inherit (def.value) priority; } else def;
      compare = a: b: (a.priority or defaultOrderPriority) < (b.priority or defaultOrderPriority);
    in builtins.sort compare (map strip defs);

  mkAliasDefinitions = mkAliasAndWrapDefinitions (x: x);
  mkAliasAndWrapDefinitions = wrap: option: mkAliasIfDef option (wrap (mkMerge option.definitions));
  mkAliasAndWrapDefsWithPriority = wrap: option:
    let
      prio = option.highestPrio or defaultOverridePriority;
      defsWithPrio = map (mkOverride prio) option.definitions;
    in mkAliasIfDef option (wrap (mkMerge defsWithPrio));
  mkAliasIfDef = option: mkIf (isOption option && option.isDefined);
  mkDerivedConfig = opt: f: mkOverride (opt.highestPrio or defaultOverridePriority) (f opt.value);

  mkRemovedOptionModule = optionName: replacementInstructions:
    { options, ... }:
    {
      options = lib.attrsets.setAttrByPath optionName (mkOption {
        visible = false;
        apply = x: throw "The option `${showOption optionName}' can no longer be used since it's been removed. ${replacementInstructions}";
      });
      config.assertions =
        let opt = lib.attrsets.getAttrFromPath optionName options;
        in [ {
          assertion = !opt.isDefined;
          message = ''
            The option definition `${showOption optionName}' in ${showFiles opt.files} no longer has any effect; please remove it.
            ${replacementInstructions}
          '';
        } ];
    };

  mkRenamedOptionModule = from: to: doRename {
    inherit from to;
    visible = false;
    warn = true;
    use = builtins.trace "Obsolete option `${showOption from}' is used. It was renamed to `${showOption to}'.";
  };

  mkRenamedOptionModuleWith = { from, to, sinceRelease }: doRename {
    inherit from to;
    visible = false;
    warn = lib.oldestSupportedReleaseIsAtLeast sinceRelease;
    use = lib.trivial.warnIf (lib.oldestSupportedReleaseIsAtLeast sinceRelease)
      "Obsolete option `${showOption from}' is used. It was renamed to `${showOption to}'.";
  };

  mkMergedOptionModule = from: to: mergeFn:
    { config, options, ... }:
    {
      options = builtins.foldl' lib.attrsets.recursiveUpdate { } (map (path:
        lib.attrsets.setAttrByPath path (mkOption { visible = false; default = "_mkMergedOptionModule"; })) from);
      config = {
        warnings = builtins.filter (x: x != "") (map (f:
          let
            val = lib.attrsets.getAttrFromPath f config;
            opt = lib.attrsets.getAttrFromPath f options;
          in lib.strings.optionalString (val != "_mkMergedOptionModule")
            "The option `${showOption f}' defined in ${showFiles opt.files} has been changed to `${showOption to}' that has a different type. Please read `${showOption to}' documentation and update your configuration accordingly.")
          from);
      } // lib.attrsets.setAttrByPath to (mkMerge (lib.lists.optional
        (builtins.any (f: (lib.attrsets.getAttrFromPath f config) != "_mkMergedOptionModule") from) (mergeFn config)));
    };

  mkChangedOptionModule = from: to: changeFn: mkMergedOptionModule [ from ] to changeFn;

  mkAliasOptionModule = from: to: doRename {
    inherit from to;
    visible = true;
    warn = false;
    use = x: x;
  };
  mkAliasOptionModuleMD = mkAliasOptionModule;

  doRename = { from, to, visible, warn, use, withPriority ? true, condition ? true }:
    { config, options, ... }:
    let
      fromOpt = lib.attrsets.getAttrFromPath from options;
      toOf = lib.attrsets.attrByPath to (abort "Renaming error: option `${showOption to}' does not exist.");
      toType = let opt = lib.attrsets.attrByPath to { } options; in opt.type or (lib.types.submodule { });
    in
    {
      options = lib.attrsets.setAttrByPath from (mkOption {
        inherit visible;
        description = "Alias of {option}`${showOption to}`.";
        apply = x: use (toOf config);
      } // lib.attrsets.optionalAttrs (toType != null) { type = toType; });
      config = mkIf condition (mkMerge [
        (lib.attrsets.optionalAttrs (options ? warnings) {
          warnings = lib.lists.optional (warn && fromOpt.isDefined)
            "The option `${showOption from}' defined in ${showFiles fromOpt.files} has been renamed to `${showOption to}'.";
        })
        (if withPriority
          then mkAliasAndWrapDefsWithPriority (lib.attrsets.setAttrByPath to) fromOpt
          else mkAliasAndWrapDefinitions (lib.attrsets.setAttrByPath to) fromOpt)
      ]);
    };

  importApply = modulePath: staticArg: setDefaultModuleLocation modulePath (import modulePath staticArg);
  importJSON = file: { _file = file; config = lib.trivial.importJSON file; };
  importTOML = file: { _file = file; config = lib.trivial.importTOML file; };
}
