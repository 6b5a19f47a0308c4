{ lib }:
(lib.optionals true [ "a" "b" ]) ++ (lib.optionals false [ "c" ])
