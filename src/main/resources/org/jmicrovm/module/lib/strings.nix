# Functions on strings.
{ lib }:
let
  inherit (builtins) length elemAt substring stringLength match split filter head concatStringsSep
    replaceStrings genList toJSON isString isPath;
in
rec {
  inherit (builtins) stringLength substring head tail isString replaceStrings split match
    concatStringsSep toJSON fromJSON unsafeDiscardStringContext hasContext;

  concatStrings = concatStringsSep "";
  concatMapStrings = f: list: concatStrings (map f list);
  concatImapStrings = f: list: concatStrings (lib.lists.imap1 f list);
  intersperse = separator: list:
    if list == [ ] || length list == 1 then list
    else builtins.tail (lib.lists.concatMap (x: [ separator x ]) list);
  concatMapStringsSep = sep: f: list: concatStringsSep sep (map f list);
  concatImapStringsSep = sep: f: list: concatStringsSep sep (lib.lists.imap1 f list);
  concatMapAttrsStringSep = sep: f: attrs: concatStringsSep sep (lib.attrsets.mapAttrsToList f attrs);
  concatLines = list: concatMapStrings (s: s + "\n") list;
  replicate = n: s: concatStrings (lib.lists.replicate n s);
  makeSearchPath = subDir: paths: concatStringsSep ":" (map (p: p + "/" + subDir) (filter (x: x != null) paths));
  makeSearchPathOutput = output: subDir: pkgs: makeSearchPath subDir (map (lib.attrsets.getOutput output) pkgs);
  makeLibraryPath = makeSearchPathOutput "lib" "lib";
  makeBinPath = makeSearchPathOutput "bin" "bin";
  optionalString = cond: string: if cond then string else "";
  hasPrefix = pref: str: substring 0 (stringLength pref) str == pref;
  hasSuffix = suffix: content:
    let lenC = stringLength content; lenS = stringLength suffix;
    in lenC >= lenS && substring (lenC - lenS) lenC content == suffix;
  hasInfix = infix: content: match ".*${escapeRegex infix}.*" "${content}" != null;
  stringToCharacters = s: genList (p: substring p 1 s) (stringLength s);
  stringAsChars = f: s: concatStrings (map f (stringToCharacters s));
  charToInt = c: builtins.getAttr c asciiTable;
  escape = list: replaceStrings list (map (c: "\\${c}") list);
  escapeC = list: replaceStrings list (map (c: "\\x${lib.toLower (lib.trivial.toHexString (charToInt c))}") list);
  escapeURL =
    let
      unreserved = [ "A" "B" "C" "D" "E" "F" "G" "H" "I" "J" "K" "L" "M" "N" "O" "P" "Q" "R" "S" "T" "U" "V" "W" "X" "Y" "Z"
        "a" "b" "c" "d" "e" "f" "g" "h" "i" "j" "k" "l" "m" "n" "o" "p" "q" "r" "s" "t" "u" "v" "w" "x" "y" "z"
        "0" "1" "2" "3" "4" "5" "6" "7" "8" "9" "-" "_" "." "~" ];
      toEscape = builtins.removeAttrs asciiTable unreserved;
    in replaceStrings (builtins.attrNames toEscape)
      (lib.attrsets.mapAttrsToList (_: c: "%${fixedWidthString 2 "0" (lib.trivial.toHexString c)}") toEscape);
  escapeShellArg = arg:
    let string = toString arg;
    in if match "[[:alnum:],._+:@%/-]+" string == null then "'${replaceStrings [ "'" ] [ "'\\''" ] string}'" else string;
  escapeShellArgs = concatMapStringsSep " " escapeShellArg;
  isValidPosixName = name: match "[a-zA-Z_][a-zA-Z0-9_]*" name != null;
  toShellVar = name: value:
    lib.trivial.throwIfNot (isValidPosixName name) "toShellVar: ${name} is not a valid shell variable name" (
      if builtins.isAttrs value && !isStringLike value then
        "declare -A ${name}=(${concatStringsSep " " (lib.attrsets.mapAttrsToList (n: v: "[${escapeShellArg n}]=${escapeShellArg v}") value)})"
      else if builtins.isList value then "declare -a ${name}=(${escapeShellArgs value})"
      else "${name}=${escapeShellArg value}");
  toShellVars = vars: concatStringsSep "\n" (lib.attrsets.mapAttrsToList toShellVar vars);
  escapeNixString = s: escape [ "$" ] (toJSON s);
  escapeRegex = escape (stringToCharacters "\\[{()^$?*+|.");
  escapeNixIdentifier = s: if match "[a-zA-Z_][a-zA-Z0-9_'-]*" s != null then s else escapeNixString s;
  escapeXML = replaceStrings [ "\"" "'" "<" ">" "&" ] [ "&quot;" "&apos;" "&lt;" "&gt;" "&amp;" ];
  toUpper = replaceStrings lowerChars upperChars;
  toLower = replaceStrings upperChars lowerChars;
  lowerChars = stringToCharacters "abcdefghijklmnopqrstuvwxyz";
  upperChars = stringToCharacters "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  toSentenceCase = str:
    lib.trivial.throwIfNot (isString str) "toSentenceCase does only accepts string values, but got ${builtins.typeOf str}" (
      let firstChar = substring 0 1 str; rest = substring 1 (stringLength str) str;
      in addContextFrom str (toUpper firstChar + toLower rest));
  addContextFrom = src: target: substring 0 0 src + target;
  splitString = sep: s:
    let parts = split (escapeRegex (toString sep)) (toString s);
    in map (addContextFrom s) (filter isString parts);
  removePrefix = prefix: str:
    let preLen = stringLength prefix;
    in if substring 0 preLen str == prefix then substring preLen (-1) str else str;
  removeSuffix = suffix: str:
    let sufLen = stringLength suffix; sLen = stringLength str;
    in if sufLen <= sLen && suffix == substring (sLen - sufLen) sufLen str then substring 0 (sLen - sufLen) str else str;
  versionOlder = v1: v2: builtins.compareVersions v2 v1 == 1;
  versionAtLeast = v1: v2: !versionOlder v1 v2;
  getName = x:
    let parse = drv: (builtins.parseDrvName drv).name;
    in if isString x then parse x else x.pname or (parse x.name);
  getVersion = x:
    let parse = drv: (builtins.parseDrvName drv).version;
    in if isString x then parse x else x.version or (parse x.name);
  nameFromURL = url: sep:
    let
      components = splitString "/" url;
      filename = lib.lists.last components;
      name = head (splitString sep filename);
    in assert name != filename; name;
  cmakeOptionType = type: feature: value:
    assert builtins.elem (lib.toUpper type) [ "BOOL" "FILEPATH" "PATH" "STRING" "INTERNAL" ];
    "-D${feature}:${lib.toUpper type}=${value}";
  cmakeBool = condition: flag: cmakeOptionType "bool" condition (lib.toUpper (lib.trivial.boolToString flag));
  cmakeFeature = feature: value: cmakeOptionType "string" feature value;
  mesonOption = feature: value: "-D${feature}=${value}";
  mesonBool = condition: flag: mesonOption condition (lib.trivial.boolToString flag);
  mesonEnable = feature: flag: mesonOption feature (if flag then "enabled" else "disabled");
  enableFeature = flag: feature: "--${if flag then "enable" else "disable"}-${feature}";
  enableFeatureAs = flag: feature: value: enableFeature flag feature + optionalString flag "=${value}";
  withFeature = flag: feature: "--${if flag then "with" else "without"}-${feature}";
  withFeatureAs = flag: feature: value: withFeature flag feature + optionalString flag "=${value}";
  fixedWidthString = width: filler: str:
    let strw = stringLength str; reqWidth = width - (stringLength filler);
    in assert lib.assertMsg (strw <= width) "fixedWidthString: requested string length (${toString width}) must not be shorter than actual length (${toString strw})";
    if strw == width then str else filler + fixedWidthString reqWidth filler str;
  fixedWidthNumber = width: n: fixedWidthString width "0" (toString n);
  floatToString = float: toString float;
  isCoercibleToString = isConvertibleWithToString;
  isConvertibleWithToString = x:
    isStringLike x || builtins.elem (builtins.typeOf x) [ "null" "int" "float" "bool" ]
    || (builtins.isList x && lib.lists.all isConvertibleWithToString x);
  isStringLike = x: isString x || isPath x || x ? outPath || x ? __toString;
  isStorePath = x:
    if isStringLike x then
      let str = toString x;
      in substring 0 1 str == "/" && (dirOf str == builtins.storeDir || match "/[0-9a-z]{52}" str != null)
    else false;
  toInt = str:
    let
      stripped = match "[[:space:]]*(-?[[:digit:]]+)[[:space:]]*" str;
      parsed = if stripped == null then null else builtins.fromJSON (head stripped);
      leadingZero = match "[[:space:]]*0[[:digit:]]+[[:space:]]*" str != null;
    in
    if stripped == null || leadingZero then throw "toInt: Could not convert ${escapeNixString str} to int." else parsed;
  toIntBase10 = str:
    let
      stripped = match "[[:space:]]*0*(-?[[:digit:]]+)[[:space:]]*" str;
    in if stripped == null then throw "toIntBase10: Could not convert ${escapeNixString str} to int."
    else builtins.fromJSON (head stripped);
  fileContents = file: removeSuffix "\n" (builtins.readFile file);
  sanitizeDerivationName = string:
    if stringLength string <= 207 && match "[[:alnum:]+_?=-][[:alnum:]+._?=-]*" string != null then string
    else lib.trivial.pipe string [
      (x: builtins.elemAt (match "\\.*(.*)" x) 0)
      (split "[^[:alnum:]+._?=-]+")
      (concatMapStrings (s: if builtins.isList s then "-" else s))
      (x: substring (lib.trivial.max (stringLength x - 207) 0) (-1) x)
      (x: if stringLength x == 0 then "unknown" else x)
    ];
  trimWith = { start ? false, end ? false }: s:
    let
      regex =
        if start && end then "[[:space:]]*(.*[^[:space:]])[[:space:]]*"
        else if start then "[[:space:]]*(.*)"
        else if end then "(.*[^[:space:]])[[:space:]]*"
        else "(.*)";
      res = match regex s;
    in if res == null then "" else head res;
  trim = trimWith { start = true; end = true; };
  replaceString = from: to: replaceStrings [ from ] [ to ];
  levenshtein = a: b:
    let
      la = stringLength a; lb = stringLength b;
      ca = stringToCharacters a; cb = stringToCharacters b;
      row = prev: i: builtins.foldl' (acc: j:
        acc ++ [ (lib.trivial.min (lib.trivial.min (elemAt prev j + 1) (lib.lists.last acc + 1))
          (elemAt prev (j - 1) + (if elemAt ca (i - 1) == elemAt cb (j - 1) then 0 else 1))) ]) [ i ] (lib.lists.range 1 lb);
      final = builtins.foldl' row (lib.lists.range 0 lb) (lib.lists.range 1 la);
    in lib.lists.last final;
  asciiTable = import ./ascii-table.nix;
}
