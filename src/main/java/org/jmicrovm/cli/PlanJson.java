package org.jmicrovm.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jmicrovm.host.Switch;
import org.jmicrovm.host.plan.Step;
import org.jmicrovm.host.plan.VmPlan;

/** {@code microvm-host plan --json}: the plan as data, for tools that decide on it (CI, drift checks). */
final class PlanJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {}

    /** A step as its kind ({@code set-current}, {@code restart}, …) and the line {@code plan} prints for it. */
    private static Map<String, Object> step(Step step) {
        String kind = step.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", kind);
        s.put("description", step.describe());
        return s;
    }

    static String render(Switch.Result result) {
        List<Map<String, Object>> vms = new ArrayList<>();
        for (VmPlan vm : result.plan().vms()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", vm.name().value());
            v.put("action", vm.action().word());
            v.put("interruptsGuest", vm.interruptsGuest());
            v.put("touchesState", vm.touchesState());
            v.put("steps", vm.steps().stream().map(PlanJson::step).toList());
            v.put("changes", vm.changes());
            v.put("notes", vm.notes());
            vms.add(v);
        }
        List<Map<String, Object>> host = new ArrayList<>();
        for (var p : result.host()) {
            host.add(Map.of("line", p.line(), "changes", p.changes()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("changes", result.changes());
        out.put("vms", vms);
        out.put("host", host);
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the plan cannot be written as JSON", e);
        }
    }
}
