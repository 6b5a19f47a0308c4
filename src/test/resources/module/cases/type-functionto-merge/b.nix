{ mkArgs = name: [ "-m" "256" ]; }
