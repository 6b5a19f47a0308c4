{ lib }:
{ inherit (lib.mkIf true 1) _type condition content; prio = (lib.mkDefault 1).priority; force = (lib.mkForce 1).priority; optionDefault = (lib.mkOptionDefault 1).priority; before = (lib.mkBefore [ ]).priority; after = (lib.mkAfter [ ]).priority; merge = (lib.mkMerge [ 1 ])._type; }
