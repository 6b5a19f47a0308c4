{
  microvm.vms.web.config = { };
  microvm.vms.db.config.networking.hostName = "database";
}
