{ lib }:
{ port = lib.types.port.check 80; bad = lib.types.port.check 70000; isOpt = lib.isOption (lib.mkOption { }); isType = lib.isType "option" (lib.mkOption { }); }
