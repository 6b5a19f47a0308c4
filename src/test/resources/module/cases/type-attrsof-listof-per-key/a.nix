{ groups = { wheel = [ "alice" ]; kvm = [ "microvm" ]; }; }
