{
  env = {
    GOOD = "1";
    BAD = throw "never evaluated";
  };
}
