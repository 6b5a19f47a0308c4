{ ratio = 0.25; third = 1.0 / 3.0; }
