{ s.options = [ "ro" "noatime" ]; }
