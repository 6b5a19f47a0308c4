{ lib }:
lib.genAttrs [ "web" "db" ] (name: "${name}.sock")
