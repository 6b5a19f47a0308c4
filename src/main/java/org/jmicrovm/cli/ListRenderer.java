package org.jmicrovm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.jmicrovm.host.ListVms.Entry;

/** Prints {@code microvm -l} as the original does (colours only on a terminal), or as JSON. */
record ListRenderer(Terminal term, PrintWriter out) {

    int render(List<Entry> entries, boolean json) throws IOException {
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .findAndRegisterModules().writeValueAsString(entries.stream().map(e -> {
                        var fields = new java.util.LinkedHashMap<String, Object>();
                        fields.put("name", e.name());
                        fields.put("activity", e.activity().name().toLowerCase());
                        fields.put("status", e.status().name().toLowerCase().replace('_', '-'));
                        fields.put("current", e.currentSystem());
                        fields.put("booted", e.bootedSystem().orElse(""));
                        fields.put("new", e.newSystem());
                        // null when not running: readiness is a property of a running boot
                        fields.put("ready", e.guestReady().orElse(null));
                        fields.put("previous", e.previousSystem().orElse(""));
                        fields.put("addresses", e.addresses());
                        return fields;
                    }).toList()));
            out.flush();
            return 0;
        }
        for (Entry e : entries) {
            String name = switch (e.activity()) {
                case RUNNING -> term.boldGreen(e.name());
                case BOOTED -> term.boldYellow(e.name());
                case OFF -> term.boldRed(e.name());
            };
            String line = switch (e.status()) {
                case OUTDATED -> term.red("outdated") + "(" + term.red(e.currentSystem()) + "), rebuild("
                        + term.green(e.newSystem()) + ") and reboot: " + term.boldCyan("microvm -Ru " + e.name());
                case CURRENT -> term.green("current") + "(" + term.green(e.bootedSystem().orElseThrow()) + ")";
                case STALE -> term.red("stale") + "(" + term.green(e.bootedSystem().orElseThrow()) + "), reboot("
                        + term.green(e.newSystem()) + "): " + term.boldCyan("microvm restart " + e.name());
                case NOT_BOOTED -> "current(" + term.green(e.currentSystem()) + "), not booted: "
                        + term.boldCyan("microvm start " + e.name());
            };
            if (e.guestReady().isPresent() && !e.guestReady().get()) {
                // a running hypervisor whose guest never came up (or is still booting) is not "current" in any useful sense
                line += ", " + term.yellow("guest not ready") + ": " + term.boldCyan("microvm logs " + e.name());
            }
            out.println(name + ": " + line);
        }
        out.flush();
        return 0;
    }
}
