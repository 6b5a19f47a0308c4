{ lib }:
lib.concatMapStringsSep "," (share: "tag=${share.tag}") [ { tag = "ro-store"; } { tag = "data"; } ]
