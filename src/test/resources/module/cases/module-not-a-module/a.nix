[ "not" "a" "module" ]
