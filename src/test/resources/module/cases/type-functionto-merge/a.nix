{ mkArgs = name: [ "-name" name ]; }
