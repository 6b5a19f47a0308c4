{ mem = 16; vcpu = 0; }
