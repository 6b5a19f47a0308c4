package org.jmicrovm.module;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jmicrovm.lang.NixException;
import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.ByteStrings;
import org.jmicrovm.lang.eval.Force;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.NixAttrs;
import org.jmicrovm.lang.eval.NixBool;
import org.jmicrovm.lang.eval.NixList;
import org.jmicrovm.lang.eval.NixNull;
import org.jmicrovm.lang.eval.NixString;
import org.jmicrovm.lang.eval.Value;
import org.jmicrovm.module.engine.NixValues;

/**
 * Every option a host configuration can set: the host schema's, and below
 * {@code microvm.vms.<name>.config} the guest schema's, each with its type, default and description,
 * as {@code lib.optionAttrSetToDocList} describes them. Internal and invisible options are left out.
 */
public final class OptionDocs {

    /**
     * One option.
     *
     * @param name         e.g. {@code microvm.vms.<name>.config.microvm.mem}
     * @param type         the type's description, e.g. {@code positive integer, meaning >0}
     * @param defaultValue the default as Nix text, if any
     * @param example      an example as Nix text, if any
     * @param description  what the option does (Markdown)
     * @param readOnly     whether it may be defined at all
     * @param declarations files declaring it, relative to the built-in tree ({@code schema/…})
     */
    public record OptionDoc(String name, String type, Optional<String> defaultValue, Optional<String> example,
                            String description, boolean readOnly, List<String> declarations) {}

    private static final String GUEST_PREFIX = "microvm.vms.<name>.config";

    private OptionDocs() {}

    public static List<OptionDoc> list(ModuleSystem system) {
        return system.nix().onEvalThread(() -> {
            String sys = system.nix().options().currentSystem();
            NixAttrs pkgsModule = NixValues.attrs("_module", NixValues.attrs("args", NixValues.attrs("pkgs",
                    NixValues.lazy(() -> system.packageSet(sys)))));
            NixAttrs special = NixValues.attrs("nixpkgs", system.nixpkgsInput(), "microvm", system.microvmInput());
            NixAttrs host = system.engine().evalModules(NixValues.attrs(
                    "modules", NixValues.list(ModuleSystem.schemaModule("host.nix"), pkgsModule),
                    "specialArgs", special));
            NixAttrs guest = system.engine().evalModules(NixValues.attrs(
                    "modules", NixValues.list(ModuleSystem.schemaModule("guest.nix"), pkgsModule),
                    "prefix", NixValues.list(NixValues.str("microvm"), NixValues.str("vms"), NixValues.str("<name>"),
                            NixValues.str("config"))));
            List<OptionDoc> out = new ArrayList<>();
            collect(system, host, out);
            collect(system, guest, out);
            out.sort((a, b) -> compareNames(a.name(), b.name()));
            return out;
        });
    }

    /** Option names sorted as the manual lists them: by path, a parent before its sub-options. */
    private static int compareNames(String a, String b) {
        return a.replace('.', '\0').compareTo(b.replace('.', '\0'));
    }

    private static void collect(ModuleSystem system, NixAttrs evaluation, List<OptionDoc> out) {
        NixAttrs lib = Force.attrs(system.lib(), Pos.NONE);
        Value toDocList = NixValues.select(lib, "optionAttrSetToDocList", Pos.NONE);
        NixList docs = Force.list(system.nix().evaluator().apply(toDocList, evaluation.get("options"), Pos.NONE), Pos.NONE);
        for (Lazy entry : docs.array()) {
            NixAttrs d = Force.attrs(entry, Pos.NONE);
            String name = text(d.get("name"));
            if (name.startsWith("_module") || name.contains("._module")
                    || d.get("internal").force() == NixBool.TRUE || d.get("visible").force() == NixBool.FALSE) {
                continue;
            }
            List<String> declarations = new ArrayList<>();
            for (Lazy f : Force.list(d.get("declarations"), Pos.NONE).array()) {
                String file = text(f);
                String root = Session.ROOT + "/";
                declarations.add(file.startsWith(root) ? file.substring(root.length()) : file);
            }
            Value description = d.get("description").force();
            out.add(new OptionDoc(name, text(d.get("type")), rendered(d, "default"), rendered(d, "example"),
                    description instanceof NixString s ? s.text().strip() : "",
                    d.get("readOnly").force() == NixBool.TRUE, declarations));
        }
    }

    private static Optional<String> rendered(NixAttrs doc, String field) {
        Lazy v = doc.get(field);
        if (v == null) {
            return Optional.empty();
        }
        try {
            Value literal = v.force();
            return Optional.of(text(NixValues.select(literal, "text", Pos.NONE)).strip());
        } catch (NixException e) {
            return Optional.of("(computed: " + firstLine(e.getMessage()) + ")");
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String text(Lazy v) {
        Value value = v.force();
        if (value instanceof NixNull) {
            return "";
        }
        return ByteStrings.toText(Force.string(value, Pos.NONE));
    }

    /** The list as Markdown: the text of {@code docs/options.md}. */
    public static String markdown(List<OptionDoc> options) {
        StringBuilder b = new StringBuilder();
        b.append("# Options\n\n");
        b.append("Every option a jmicrovm host configuration can set, generated by `microvm-host options --markdown`")
                .append(" (a test keeps this file in sync). Options below `microvm.vms.<name>.config` are the guest's;")
                .append(" a host may also set any other NixOS option, which jmicrovm accepts and ignores, while a guest")
                .append(" option not listed here is an error (for NixOS habits such as `services.nginx`,")
                .append(" `networking.firewall` or `fileSystems` the error says what a jmicrovm guest has instead).\n");
        for (OptionDoc o : options) {
            b.append("\n## `").append(o.name()).append("`\n\n");
            if (!o.description().isEmpty()) {
                b.append(o.description()).append("\n\n");
            }
            b.append("- Type: ").append(o.type()).append('\n');
            o.defaultValue().ifPresent(d -> b.append("- Default: ").append(code(d)).append('\n'));
            o.example().ifPresent(e -> b.append("- Example: ").append(code(e)).append('\n'));
            if (o.readOnly()) {
                b.append("- Read-only\n");
            }
            if (!o.declarations().isEmpty()) {
                b.append("- Declared in: ").append(String.join(", ", o.declarations())).append('\n');
            }
        }
        return b.toString();
    }

    private static String code(String nix) {
        if (nix.contains("\n")) {
            return "\n\n  ```nix\n  " + nix.replace("\n", "\n  ") + "\n  ```";
        }
        return nix.contains("`") ? "`` " + nix + " ``" : "`" + nix + "`";
    }
}
