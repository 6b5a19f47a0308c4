{ microvm.balloonMem = 512; }
