# Evaluates one test case of the module-system corpus (see README.md).
#
#   lib        the library under test: nixpkgs' lib when producing the expected files,
#              jmicrovm's own lib when the Java tests replay the case
#   caseDir    the case directory (a path), holding case.json and the case's .nix files
#   schemaDir  the directory of jmicrovm's schema modules (src/main/resources/org/jmicrovm/module/schema);
#              a module named "schema:guest.nix" in case.json is read from there
#
# Only builtins and lib.evalModules are used here, so that the harness itself does not
# depend on the helpers under test.
{ lib, caseDir, schemaDir ? null }:
let
  spec = builtins.fromJSON (builtins.readFile (caseDir + "/case.json"));

  file =
    name:
    if builtins.substring 0 7 name == "schema:" then
      schemaDir + "/${builtins.substring 7 (builtins.stringLength name) name}"
    else
      caseDir + "/${name}";

  specialArgs =
    if spec ? specialArgs then import (file spec.specialArgs) { inherit lib schemaDir; } else { };

  # What the case evaluates: a module-system result, or a plain expression over lib.
  result =
    if spec ? expr then
      import (file spec.expr) { inherit lib; }
    else
      lib.evalModules {
        modules = map file spec.modules;
        inherit specialArgs;
      };

  # NixOS' rule: every failed assertion stops evaluation, listing all their messages.
  assertionsChecked =
    let
      failed = builtins.filter (a: !a.assertion) result.config.assertions;
      messages = builtins.concatStringsSep "\n" (map (a: "- ${a.message}") failed);
    in
    if failed == [ ] then result else throw "Failed assertions:\n${messages}";

  checked = if spec.checkAssertions or false then assertionsChecked else result;

  defaultAttr = if spec ? expr then [ ] else [ "config" ];
in
builtins.foldl' (value: name: value.${name}) checked (spec.attr or defaultAttr)
