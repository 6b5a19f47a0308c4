package org.jmicrovm.module.engine;

import org.jmicrovm.lang.eval.NixAttrs;

/** An option, as the set {@code options.<path>} shows it: its merged declaration plus its value. */
record OptionNode(NixAttrs option) implements Node {}
