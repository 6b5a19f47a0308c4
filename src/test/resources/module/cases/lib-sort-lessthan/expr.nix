{ lib }:
lib.sort (a: b: a.prio < b.prio) [ { prio = 2; n = "x"; } { prio = 1; n = "y"; } { prio = 2; n = "z"; } ]
