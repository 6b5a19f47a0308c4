# Functions on attribute sets.
{ lib }:
let
  inherit (builtins) head tail length attrNames attrValues getAttr hasAttr isAttrs isList listToAttrs
    mapAttrs filter concatMap foldl' elemAt genList zipAttrsWith;
in
rec {
  inherit (builtins) attrNames attrValues getAttr hasAttr removeAttrs intersectAttrs listToAttrs
    mapAttrs catAttrs zipAttrsWith isAttrs;

  attrByPath = attrPath: default: set:
    let
      n = length attrPath;
      go = i: s:
        if i == n then s
        else let name = elemAt attrPath i; in
          if isAttrs s && s ? ${name} then go (i + 1) s.${name} else default;
    in go 0 set;
  hasAttrByPath = attrPath: e:
    let
      n = length attrPath;
      go = i: s:
        if i == n then true
        else let name = elemAt attrPath i; in
          if isAttrs s && s ? ${name} then go (i + 1) s.${name} else false;
    in go 0 e;
  longestValidPathPrefix = attrPath: v:
    let
      n = length attrPath;
      go = i: s:
        if i == n then attrPath
        else let name = elemAt attrPath i; in
          if isAttrs s && s ? ${name} then go (i + 1) s.${name} else lib.lists.take i attrPath;
    in go 0 v;
  setAttrByPath = attrPath: value:
    let
      len = length attrPath;
      atDepth = n: if n == len then value else { ${elemAt attrPath n} = atDepth (n + 1); };
    in atDepth 0;
  getAttrFromPath = attrPath: set:
    attrByPath attrPath (abort ("cannot find attribute '" + lib.concatStringsSep "." attrPath + "'")) set;
  concatMapAttrs = f: v: foldl' (acc: x: acc // x) { } (attrValues (mapAttrs f v));
  updateManyAttrsByPath = updates: value:
    foldl' (acc: u:
      let
        go = path: v:
          if path == [ ] then u.update v
          else let name = head path; rest = tail path; in
            (if isAttrs v then v else { }) // { ${name} = go rest (if isAttrs v && v ? ${name} then v.${name} else null); };
      in go u.path acc) value updates;
  attrVals = nameList: set: map (x: set.${x}) nameList;
  getAttrs = names: attrs: lib.genAttrs names (name: attrs.${name});
  filterAttrs = pred: set:
    removeAttrs set (filter (name: !pred name set.${name}) (attrNames set));
  filterAttrsRecursive = pred: set:
    listToAttrs (concatMap (name:
      let v = set.${name}; in
      if pred name v then [ (nameValuePair name (if isAttrs v then filterAttrsRecursive pred v else v)) ] else [ ])
      (attrNames set));
  foldlAttrs = f: init: set: foldl' (acc: name: f acc name set.${name}) init (attrNames set);
  foldAttrs = op: nul: list_of_attrs:
    foldl' (a: n: foldl' (o: name: o // { ${name} = op n.${name} (a.${name} or nul); }) a (attrNames n)) { }
      (lib.lists.reverseList list_of_attrs);
  collect = pred: attrs:
    if pred attrs then [ attrs ]
    else if isAttrs attrs then concatMap (collect pred) (attrValues attrs)
    else [ ];
  cartesianProduct = attrsOfLists:
    foldl' (listOfAttrs: attrName:
      concatMap (attrs: map (listValue: attrs // { ${attrName} = listValue; }) attrsOfLists.${attrName}) listOfAttrs)
      [ { } ] (attrNames attrsOfLists);
  mapCartesianProduct = f: attrsOfLists: map f (cartesianProduct attrsOfLists);
  nameValuePair = name: value: { inherit name value; };
  mapAttrs' = f: set: listToAttrs (mapAttrsToList f set);
  mapAttrsToList = f: attrs: attrValues (mapAttrs f attrs);
  attrsToList = mapAttrsToList nameValuePair;
  mapAttrsRecursive = f: set: mapAttrsRecursiveCond (_: true) f set;
  mapAttrsRecursiveCond = cond: f: set:
    let
      recurse = path: mapAttrs (name: value:
        if isAttrs value && cond value then recurse (path ++ [ name ]) value else f (path ++ [ name ]) value);
    in recurse [ ] set;
  mapAttrsToListRecursive = mapAttrsToListRecursiveCond (_: _: true);
  mapAttrsToListRecursiveCond = cond: f: set:
    let
      go = path: s: concatMap (name:
        let v = s.${name}; p = path ++ [ name ]; in
        if isAttrs v && cond p v then go p v else [ (f p v) ]) (attrNames s);
    in go [ ] set;
  genAttrs = names: f: listToAttrs (map (n: nameValuePair n (f n)) names);
  genAttrs' = xs: f: listToAttrs (map f xs);
  isDerivation = value: value.type or null == "derivation";
  toDerivation = path:
    let
      path' = builtins.storePath path;
      res = {
        type = "derivation";
        name = lib.strings.sanitizeDerivationName (builtins.substring 33 (-1) (baseNameOf path'));
        outPath = path';
        outputs = [ "out" ];
        out = res;
        outputName = "out";
      };
    in res;
  optionalAttrs = cond: as: if cond then as else { };
  zipAttrsWithNames = names: f: sets:
    listToAttrs (map (name: { inherit name; value = f name (catAttrs name sets); }) names);
  zipAttrs = zipAttrsWith (name: values: values);
  mergeAttrsList = list: foldl' (a: b: a // b) { } list;
  recursiveUpdateUntil = pred: lhs: rhs:
    let
      f = attrPath: zipAttrsWith (n: values:
        let here = attrPath ++ [ n ]; in
        if length values == 1 || pred here (elemAt values 1) (head values) then head values
        else f here values);
    in f [ ] [ rhs lhs ];
  recursiveUpdate = lhs: rhs: recursiveUpdateUntil (path: lhs: rhs: !(isAttrs lhs && isAttrs rhs)) lhs rhs;
  matchAttrs = pattern: attrs:
    assert isAttrs pattern;
    lib.lists.all (name:
      let pat = pattern.${name}; in
      attrs ? ${name} && (if isAttrs pat then isAttrs attrs.${name} && matchAttrs pat attrs.${name} else pat == attrs.${name}))
      (attrNames pattern);
  overrideExisting = old: new: mapAttrs (name: value: new.${name} or value) old;
  showAttrPath = path: if path == [ ] then "<root attribute path>" else lib.concatMapStringsSep "." lib.strings.escapeNixIdentifier path;
  getOutput = output: pkg:
    if !pkg ? outputSpecified || !pkg.outputSpecified then pkg.${output} or pkg.out or pkg else pkg;
  getFirstOutput = candidates: pkg:
    let outputs = builtins.filter (name: hasAttr name pkg) candidates;
    in if outputs == [ ] then pkg else pkg.${head outputs};
  getBin = getOutput "bin";
  getLib = getOutput "lib";
  getDev = getOutput "dev";
  getMan = getOutput "man";
  chooseDevOutputs = map getDev;
  recurseIntoAttrs = attrs: attrs // { recurseForDerivations = true; };
  dontRecurseIntoAttrs = attrs: attrs // { recurseForDerivations = false; };
  unionOfDisjoint = x: y:
    let intersection = builtins.intersectAttrs x y; collisions = lib.concatStringsSep " " (attrNames intersection);
    in if intersection == { } then x // y else throw "unionOfDisjoint: collision on ${collisions}";
}
