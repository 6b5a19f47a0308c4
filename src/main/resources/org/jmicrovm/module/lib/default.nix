# jmicrovm's `lib`: what NixOS configurations expect to find in nixpkgs' lib, with the same
# names and behaviour. The module system itself (evalModules, the option types, pretty-printing
# of definitions) is implemented in Java and arrives here as `prim`; everything else is written
# in Nix below.
prim:
let
  lib = builtins // trivial // lists // strings // attrsets // fixedPoints // asserts // debug // options // modules // {
    inherit trivial lists strings attrsets options modules generators versions asserts debug;
    fixedPoints = fixedPoints;
    types = prim.types;
    inherit (prim.types) mkOptionType isType setType isOptionType;
    inherit (versions) splitVersion;
    # builtins that nixpkgs' lib re-exports under the same name
    inherit (builtins) toString typeOf;
    version = "25.11-jmicrovm";
    release = "25.11";
    codeName = "jmicrovm";
    oldestSupportedRelease = 2505;
    isInOldestRelease = release: release <= 2505;
    oldestSupportedReleaseIsAtLeast = release: release <= 2505;
    nixpkgsVersion = "25.11-jmicrovm";
    # nixpkgs' flake adds this to its lib: evaluates a guest (NixOS) configuration
    nixosSystem = prim.nixosSystem or (_: throw "not supported by jmicrovm: lib.nixosSystem outside a jmicrovm session");
  };

  trivial = import ./trivial.nix { inherit lib; };
  lists = import ./lists.nix { inherit lib; };
  strings = import ./strings.nix { inherit lib; };
  attrsets = import ./attrsets.nix { inherit lib; };
  fixedPoints = import ./fixed-points.nix { inherit lib; };
  asserts = import ./asserts.nix { inherit lib; };
  debug = import ./debug.nix { inherit lib; };
  options = import ./options.nix { inherit lib prim; };
  modules = import ./modules.nix { inherit lib prim; };
  generators = import ./generators.nix { inherit lib prim; };
  versions = import ./versions.nix { inherit lib; };
in
lib
