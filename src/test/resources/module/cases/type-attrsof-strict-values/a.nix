{
  env = {
    GOOD = "1";
    BAD = throw "evaluated after all";
  };
}
