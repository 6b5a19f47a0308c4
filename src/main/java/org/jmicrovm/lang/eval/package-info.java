/**
 * The lazy evaluator of the Nix language, agreeing with Nix 2.8 ({@code nix-instantiate --eval}).
 *
 * <p>Pieces, in the order data flows through them:
 * <ul>
 *   <li>{@link org.jmicrovm.lang.eval.Compiler} turns the syntax tree into {@link org.jmicrovm.lang.eval.Code}:
 *       every variable becomes (hops up, slot) in an {@link org.jmicrovm.lang.eval.Env}, or a by-name lookup in
 *       the enclosing {@code with}s when no lexical binding exists (lexical bindings always win, as in Nix);
 *       undefined variables are reported before evaluation; static attribute names are sorted once;
 *       {@code f a b c} becomes one call; {@code builtins.x} and the global builtins become constants.</li>
 *   <li>{@link org.jmicrovm.lang.eval.Code} nodes ({@code BasicCode}, {@code AttrCode}, {@code OperatorCode},
 *       {@link org.jmicrovm.lang.eval.LambdaCode}, {@code CallCode}) evaluate to weak head normal form or
 *       {@linkplain org.jmicrovm.lang.eval.Code#delay delay} themselves as a
 *       {@link org.jmicrovm.lang.eval.Thunk} (constants and variables need no new thunk: Nix's maybeThunk).</li>
 *   <li>{@link org.jmicrovm.lang.eval.Value} is a sealed interface of immutable values; compound values hold
 *       {@link org.jmicrovm.lang.eval.Lazy} elements, so laziness is visible in the types.
 *       {@link org.jmicrovm.lang.eval.NixAttrs} keeps names sorted byte-wise in arrays (binary search for small
 *       sets, a shared hash index for large ones, linear merges for {@code //}).</li>
 *   <li>{@link org.jmicrovm.lang.eval.Evaluator} is the runtime: application, coercions, imports and their
 *       cache, the search path, deep forcing. {@link org.jmicrovm.lang.eval.JsonWriter} and
 *       {@link org.jmicrovm.lang.eval.ValuePrinter} give Nix's two output forms.</li>
 * </ul>
 *
 * <p>Decisions worth knowing:
 * <ul>
 *   <li>Strings are byte strings ({@link org.jmicrovm.lang.eval.ByteStrings}): lengths, substrings, regular
 *       expressions and ordering work on UTF-8 bytes exactly as in Nix. jmicrovm keeps no string contexts.</li>
 *   <li>A path used as a string becomes the store path Nix would give it, computed and not copied
 *       ({@link org.jmicrovm.lang.eval.StorePaths}), which is also what {@code nix-instantiate --eval} does;
 *       the store layer can plug in a real copy through {@link org.jmicrovm.lang.eval.StoreAdapter}.</li>
 *   <li>Depth: evaluation runs on an {@link org.jmicrovm.lang.eval.EvalThread} with a 1 GiB stack (reserved,
 *       touched only when used); nested calls, thunk evaluations and structure walks are counted, and past
 *       200 000 levels (Nix 2.8 itself overflows at about 70 000 calls) evaluation stops with Nix's
 *       "stack overflow (possible infinite recursion)".</li>
 *   <li>Errors are {@link org.jmicrovm.lang.eval.EvalError}s with Nix's messages and "while evaluating" frames;
 *       {@code throw} and failed {@code assert}s are {@link org.jmicrovm.lang.eval.ThrownError}s, the only
 *       errors {@code tryEval} catches (as in Nix). A thunk whose evaluation fails can be forced again.</li>
 * </ul>
 */
package org.jmicrovm.lang.eval;
