# Small functions on values and functions.
{ lib }:
rec {
  id = x: x;
  const = x: _: x;
  flip = f: a: b: f b a;
  pipe = builtins.foldl' (value: f: f value);
  concat = a: b: a ++ b;
  "or" = a: b: a || b;
  "and" = a: b: a && b;
  xor = a: b: (!a) != (!b);
  bitAnd = builtins.bitAnd;
  bitOr = builtins.bitOr;
  bitXor = builtins.bitXor;
  bitNot = builtins.sub (-1);
  boolToString = b: if b then "true" else "false";
  boolToYesNo = b: if b then "yes" else "no";
  mergeAttrs = a: b: a // b;
  mapNullable = f: a: if a == null then a else f a;
  min = a: b: if a < b then a else b;
  max = a: b: if a > b then a else b;
  mod = base: int: base - (int * (builtins.div base int));
  compare = a: b: if a < b then -1 else if a > b then 1 else 0;
  splitByAndCompare = p: yes: no: a: b:
    if p a then (if p b then yes a b else -1) else if p b then 1 else no a b;
  inherit (builtins) seq deepSeq;
  isBool = builtins.isBool;
  isInt = builtins.isInt;
  isFloat = builtins.isFloat;

  # Functions, including sets that can be called (`__functor`).
  isFunction = f: builtins.isFunction f || (f ? __functor && isFunction (f.__functor f));
  functionArgs = f:
    if f ? __functor then f.__functionArgs or (functionArgs (f.__functor f))
    else builtins.functionArgs f;
  setFunctionArgs = f: args: { __functor = _: f; __functionArgs = args; };
  mirrorFunctionArgs = f: g: setFunctionArgs g (functionArgs f);
  toFunction = v: if isFunction v then v else _: v;

  importJSON = path: builtins.fromJSON (builtins.readFile path);
  importTOML = path: builtins.fromTOML (builtins.readFile path);

  warn = msg: value: builtins.trace "evaluation warning: ${msg}" value;
  warnIf = cond: msg: if cond then warn msg else x: x;
  warnIfNot = cond: msg: if cond then x: x else warn msg;
  throwIf = cond: msg: if cond then throw msg else x: x;
  throwIfNot = cond: msg: if cond then x: x else throw msg;
  info = msg: builtins.trace "INFO: ${msg}";
  showWarnings = warnings: res: builtins.foldl' (acc: w: warn w acc) res warnings;
  inPureEvalMode = !builtins ? currentSystem;

  toHexString = n:
    let
      digits = "0123456789ABCDEF";
      go = i: if i < 16 then builtins.substring i 1 digits else go (builtins.div i 16) + builtins.substring (mod i 16) 1 digits;
    in go n;
  toBaseDigits = base: n:
    let go = i: if i < base then [ i ] else go (builtins.div i base) ++ [ (mod i base) ];
    in go n;
  fromHexString = s: (builtins.fromTOML "v = 0x${s}").v;

  # meta helpers NixOS configurations use
  getExe = x: getExe' x (x.meta.mainProgram or (builtins.parseDrvName x.name).name);
  getExe' = x: y: "${x}/bin/${y}";
  setPrio = priority: pkg: pkg // { meta = (pkg.meta or { }) // { inherit priority; }; };
  lowPrio = setPrio 10;
  hiPrio = setPrio (-10);
  mdDoc = x: x;
}
