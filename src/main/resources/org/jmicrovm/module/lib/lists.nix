# Functions on lists.
{ lib }:
let
  inherit (builtins) length elemAt head tail genList filter foldl' concatLists;
in
rec {
  inherit (builtins) head tail length elem elemAt filter map genList concatLists concatMap
    any all sort partition foldl' groupBy isList;

  singleton = x: [ x ];
  forEach = xs: f: map f xs;
  foldr = op: nul: list:
    let
      len = length list;
      go = n: if n == len then nul else op (elemAt list n) (go (n + 1));
    in go 0;
  fold = foldr;
  foldl = op: nul: list:
    let go = n: if n == -1 then nul else op (go (n - 1)) (elemAt list n);
    in go (length list - 1);
  imap0 = f: list: genList (n: f n (elemAt list n)) (length list);
  imap1 = f: list: genList (n: f (n + 1) (elemAt list n)) (length list);
  ifilter0 = ipred: input:
    map (idx: elemAt input idx) (filter (idx: ipred idx (elemAt input idx)) (range 0 (length input - 1)));
  flatten = x: if builtins.isList x then builtins.concatMap flatten x else [ x ];
  remove = e: filter (x: x != e);
  findSingle = pred: default: multiple: list:
    let found = filter pred list; n = length found;
    in if n == 0 then default else if n != 1 then multiple else head found;
  findFirstIndex = pred: default: list:
    let
      go = i: if i == length list then default else if pred (elemAt list i) then i else go (i + 1);
    in go 0;
  findFirst = pred: default: list:
    let index = findFirstIndex pred null list;
    in if index == null then default else elemAt list index;
  count = pred: foldl' (c: x: if pred x then c + 1 else c) 0;
  optional = cond: elem: if cond then [ elem ] else [ ];
  optionals = cond: elems: if cond then elems else [ ];
  toList = x: if builtins.isList x then x else [ x ];
  range = first: last: if first > last then [ ] else genList (n: first + n) (last - first + 1);
  replicate = n: elem: genList (_: elem) n;
  groupBy' = op: nul: pred: lst:
    builtins.mapAttrs (_: foldl' op nul) (builtins.groupBy pred lst);
  zipListsWith = f: fst: snd:
    genList (n: f (elemAt fst n) (elemAt snd n)) (lib.trivial.min (length fst) (length snd));
  zipLists = zipListsWith (fst: snd: { inherit fst snd; });
  reverseList = xs: let l = length xs; in genList (n: elemAt xs (l - n - 1)) l;
  sortOn = f: list:
    map (p: p.x) (builtins.sort (a: b: a.k < b.k) (map (x: { inherit x; k = f x; }) list));
  compareLists = cmp: a: b:
    if a == [ ] then (if b == [ ] then 0 else -1)
    else if b == [ ] then 1
    else let rel = cmp (head a) (head b); in if rel == 0 then compareLists cmp (tail a) (tail b) else rel;
  take = count: sublist 0 count;
  drop = count: list: sublist count (length list) list;
  takeEnd = n: xs: drop (lib.trivial.max 0 (length xs - n)) xs;
  dropEnd = n: xs: take (lib.trivial.max 0 (length xs - n)) xs;
  sublist = start: count: list:
    let len = length list;
    in genList (n: elemAt list (n + start))
      (if start >= len then 0 else if start + count > len then len - start else count);
  last = list:
    assert lib.assertMsg (list != [ ]) "lists.last: list must not be empty!";
    elemAt list (length list - 1);
  init = list:
    assert lib.assertMsg (list != [ ]) "lists.init: list must not be empty!";
    take (length list - 1) list;
  crossLists = f: foldl' (fs: args: concatLists (map (f: map f args) fs)) [ f ];
  unique = foldl' (acc: e: if builtins.elem e acc then acc else acc ++ [ e ]) [ ];
  allUnique = list: length (unique list) == length list;
  intersectLists = e: filter (x: builtins.elem x e);
  subtractLists = e: filter (x: !(builtins.elem x e));
  mutuallyExclusive = a: b: length a == 0 || !(builtins.any (x: builtins.elem x a) b);
  listDfs = stopOnCycles: before: list:
    let
      dfs' = us: visited: rest:
        let
          c = filter (x: before x us) visited;
          b = partition (x: before x us) rest;
        in
        if stopOnCycles && (length c > 0) then { cycle = us; loops = c; inherit visited rest; }
        else if length b.right == 0 then { minimal = us; inherit visited rest; }
        else dfs' (head b.right) ([ us ] ++ visited) (tail b.right ++ b.wrong);
    in dfs' (head list) [ ] (tail list);
}
