{ lib }:
lib.last [ ]
