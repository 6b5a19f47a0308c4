{ microvm.balloonMem = 256; }
