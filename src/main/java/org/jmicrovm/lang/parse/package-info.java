/**
 * The lexer and parser of the Nix language, as Nix 2.8 accepts it: {@link org.jmicrovm.lang.parse.Parser#parse}
 * turns a {@link org.jmicrovm.lang.ast.Source} into the {@link org.jmicrovm.lang.ast.Expr} tree, or throws a
 * {@link org.jmicrovm.lang.parse.ParseException} with Nix's wording ("syntax error, unexpected '}', expecting ';'")
 * and the position of the offending token.
 *
 * <p>Fidelity to Nix 2.8 is checked, not assumed: the tests print our trees in Nix's own format
 * ({@code nix-instantiate --parse}) and compare them, and the error messages and positions, with Nix's for
 * hundreds of expressions, random mutations of them, and random token sequences. Some of what that showed:
 * {@code 1e3} is {@code 1} applied to {@code e3} (a float needs a decimal point); {@code a ? b ? c} is accepted;
 * binary operators and applications are positioned at the start of their left operand; {@code inherit}
 * definitions just after the {@code inherit} keyword; duplicate formals are reported after the body is parsed.
 *
 * <p>Pieces: {@code Lexer} (flex rules: longest match, lexical states for strings, indented strings,
 * interpolation and paths), {@code Parser} (recursive descent plus an operator-precedence loop),
 * {@code IndentedString} (indentation stripping), {@code Bindings} (merging of attribute paths),
 * {@code PathLiterals}, {@code NumberLiterals}, {@code NixSyntax} (Nix's printed form of a tree).
 */
package org.jmicrovm.lang.parse;
