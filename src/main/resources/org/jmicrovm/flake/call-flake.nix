# Evaluates a flake whose source is already in the store, the way Nix's call-flake does, for
# jmicrovm's offline world: the inputs `nixpkgs` and `microvm` are jmicrovm's built-ins whatever
# url they name; every other input must be local (path:, git+file:, a directory) and is copied into
# the store by `fetchSource`.
{ builtinInputs, fetchSource }:
let
  callFlake = src:
    let
      flake = import (src + "/flake.nix");
      specs = flake.inputs or { };
      wanted = builtins.attrNames
        (builtins.removeAttrs (specs // builtins.functionArgs flake.outputs) [ "self" ]);
      urlOf = name: spec:
        if builtins.isString spec then spec
        else if spec ? url then spec.url
        else throw "flake input '${name}' of ${src} has no url (follows and registry names are not supported by jmicrovm)";
      isFlake = spec: !(builtins.isAttrs spec && spec ? flake && !spec.flake);
      inputFor = name:
        if builtinInputs ? ${name} then builtinInputs.${name}
        else if !(specs ? ${name}) then
          throw "the outputs of ${src}/flake.nix take an input '${name}' that its inputs do not declare"
        else
          let
            spec = specs.${name};
            path = fetchSource src (urlOf name spec);
          in if isFlake spec then callFlake path else { outPath = path; };
      inputs = builtins.listToAttrs (map (name: { inherit name; value = inputFor name; }) wanted);
      outputs = flake.outputs (inputs // { inherit self; });
      self = outputs // {
        outPath = src;
        inherit inputs;
        sourceInfo = { outPath = src; };
        _type = "flake";
      };
    in self;
in callFlake
