{ lib }:
"-m 256" + lib.optionalString true " -smp 2" + lib.optionalString false " -enable-kvm"
