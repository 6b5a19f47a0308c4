{ config, options, lib, ... }:
{
  summary = "${toString config.mem} (${options.mem.description}) defined=${lib.boolToString options.mem.isDefined}";
}
