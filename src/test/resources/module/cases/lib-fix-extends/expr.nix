{ lib }:
let base = self: { a = 1; b = self.a + 1; }; overlay = self: super: { a = 10; }; in { fixed = lib.fix base; extended = lib.fix (lib.extends overlay base); }
