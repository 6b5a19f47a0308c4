{ guest = { lib, ... }: { tags = [ "b" ]; }; }
