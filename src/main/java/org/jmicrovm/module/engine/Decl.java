package org.jmicrovm.module.engine;

import org.jmicrovm.lang.ast.Pos;
import org.jmicrovm.lang.eval.Lazy;

/**
 * A declaration source at one level of the option tree: the {@code options} subtree a module
 * (file) gives there, and where the attribute naming it was written.
 */
record Decl(String file, Lazy options, Pos pos) {}
