/**
 * The builtins of Nix 2.8, grouped by theme ({@code ControlBuiltins}, {@code TypeBuiltins},
 * {@code ArithmeticBuiltins}, {@code StringBuiltins}, {@code RegexBuiltins}, {@code ListBuiltins},
 * {@code AttrBuiltins}, {@code JsonBuiltins} (with {@code JsonParser}, {@code TomlParser}), {@code XmlBuiltins}, {@code HashBuiltins},
 * {@code VersionBuiltins}, {@code PathBuiltins}), assembled into the outermost scope by
 * {@link org.jmicrovm.lang.builtins.Builtins#baseScope}: the {@code builtins} set, the names Nix binds
 * globally ({@code map}, {@code toString}, {@code import}, ...) and {@code __name} for every other one.
 *
 * <p>Every builtin Nix 2.8 has exists under the same name, so that {@code builtins ? x} and the feature checks
 * in nixpkgs' lib see what they see under Nix. Those jmicrovm does not provide ({@code derivation},
 * {@code derivationStrict}, {@code fetchGit}, {@code fetchMercurial}, {@code fetchTarball}, {@code fetchTree},
 * {@code fetchurl}, {@code storePath}) fail as soon as they are applied, with "builtins.NAME is not supported by jmicrovm" (not catchable by {@code tryEval}).
 * Callers may replace any builtin, or add their own Java primops, through {@code EvalOptions.extraBuiltins}.
 * {@code path}, {@code filterSource} and {@code toFile} compute the store path Nix would give, copying nothing
 * (as {@code nix-instantiate --eval} does). One builtin is added beyond Nix 2.8: {@code warn} (from later Nix versions), which the issue asks for.
 *
 * <p>{@code match} and {@code split} use {@link org.jmicrovm.lang.builtins.PosixRegex}, a re-implementation of
 * the matching of GNU libstdc++'s {@code std::regex::extended} that Nix uses (including its preference for the
 * longer alternative and its strict-ANSI escapes); {@code sort} reproduces libstdc++'s {@code std::stable_sort}
 * comparison by comparison ({@link org.jmicrovm.lang.builtins.StableSort}).
 */
package org.jmicrovm.lang.builtins;
