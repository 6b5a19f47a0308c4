package org.jmicrovm.module;

import org.jmicrovm.lang.EvalOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A module system for a test class, as the schema and engine tests use it: isolated from the machine's
 * environment, {@code x86_64-linux}, traces dropped; made before the class's tests and closed after them.
 * Register it as {@code @RegisterExtension static final IsolatedModuleSystem nix = new IsolatedModuleSystem();}.
 */
public final class IsolatedModuleSystem implements BeforeAllCallback, AfterAllCallback {

    private ModuleSystem system;

    @Override
    public void beforeAll(ExtensionContext context) {
        system = ModuleSystem.create(EvalOptions.isolated().withCurrentSystem("x86_64-linux").withTraceSink(l -> { }));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        system.close();
    }

    public ModuleSystem system() {
        return system;
    }
}
