package org.jmicrovm.module.engine;

import java.util.List;
import org.jmicrovm.lang.eval.Lazy;
import org.jmicrovm.lang.eval.Value;

/**
 * A module in canonical form ({@code unifyModuleSyntax}): where it comes from, its identity for
 * deduplication, what it imports or disables, and its option declarations and definitions (both
 * still lazy).
 *
 * @param file     {@code _file}: the name errors use for this module
 * @param clazz    {@code _class}, or null
 * @param key      identity: a file's path, or {@code parentKey:anon-N} for inline modules
 */
record Module(String file, Value clazz, String key, List<Lazy> disabledModules, List<Lazy> imports,
              Lazy options, Lazy config) {}
