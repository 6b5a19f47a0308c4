{ l = [ "unwanted" ]; }
