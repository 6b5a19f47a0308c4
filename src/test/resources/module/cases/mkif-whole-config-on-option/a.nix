{ service.enable = true; }
