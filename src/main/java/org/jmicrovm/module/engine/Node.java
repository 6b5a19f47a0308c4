package org.jmicrovm.module.engine;

/** What a name in the option tree stands for: an option, or a level of further names. */
sealed interface Node permits OptionNode, Level {}
