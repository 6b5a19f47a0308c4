# Declares `dump`: the configuration as JSON-friendly data, for comparing whole configurations.
# Values that cannot be evaluated (options without value, generated outputs) appear as
# "<no value>", functions as "<function>", path values as "<path NAME>", package sets as "<pkgs SYSTEM>", derivations and other
# sets with an outPath as that path, nested evaluated configurations as their `config`.
{ config, lib, ... }:
let
  dumpValue =
    value:
    let
      attempt = builtins.tryEval value;
      v = attempt.value;
    in
    if !attempt.success then
      "<no value>"
    else if builtins.isFunction v then
      "<function>"
    else if builtins.isPath v then
      "<path ${baseNameOf v}>"
    else if builtins.isList v then
      map dumpValue v
    else if !builtins.isAttrs v then
      v
    else if (v._type or null) == "configuration" then
      dumpValue (removeAttrs v.config [ "_module" ])
    else if (v._type or null) == "pkgs" then
      "<pkgs ${v.system}>"
    else if v ? outPath then
      v.outPath
    else
      builtins.mapAttrs (_: dumpValue) v;
in
{
  options.dump = lib.mkOption {
    type = lib.types.raw;
    default = dumpValue (removeAttrs config [ "_module" "dump" ]);
    description = "The rest of the configuration as plain data (test helper).";
  };
}
