{ extraModules = [ { names = [ "first" ]; } ({ ... }: { names = [ "second" ]; }) ]; }
