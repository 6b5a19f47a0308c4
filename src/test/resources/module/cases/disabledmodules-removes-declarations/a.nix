{ feature.enable = true; }
