{ microvm.autostart = [ "made-with-microvm-c" ]; }
