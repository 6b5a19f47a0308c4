{ lib }:
lib.groupBy (iface: iface.type) [ { type = "tap"; id = "vm-a"; } { type = "user"; id = "u"; } { type = "tap"; id = "vm-b"; } ]
