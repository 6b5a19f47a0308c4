# Tracing helpers.
{ lib }:
rec {
  traceIf = pred: msg: x: if pred then builtins.trace msg x else x;
  traceValFn = f: x: builtins.trace (f x) x;
  traceVal = traceValFn (x: x);
  traceSeq = x: y: builtins.trace (builtins.deepSeq x x) y;
  traceValSeqFn = f: v: traceValFn f (builtins.deepSeq v v);
  traceValSeq = traceValSeqFn (x: x);
  traceFnSeqN = depth: name: f: v: builtins.trace "${name}: ${lib.generators.toPretty { } v}" (f v);
  runTests = tests: throw "not supported by jmicrovm: lib.debug.runTests";
}
