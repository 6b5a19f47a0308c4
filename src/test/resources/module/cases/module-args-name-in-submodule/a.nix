{
  users.alice = { };
  users.root.home = "/root";
}
