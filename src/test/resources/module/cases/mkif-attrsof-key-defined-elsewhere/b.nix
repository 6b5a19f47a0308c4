{ env.X = "from b"; }
