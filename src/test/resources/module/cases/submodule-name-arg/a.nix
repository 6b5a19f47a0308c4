{
  vms.web = { };
  vms.db.hostName = "database";
}
