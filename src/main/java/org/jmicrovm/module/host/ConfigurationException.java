package org.jmicrovm.module.host;

/**
 * A configuration that evaluates but cannot be used: failed assertions, a VM in neither mode, a
 * value jmicrovm cannot represent. The message names the option (and VM) concerned.
 */
public final class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message, null, false, false);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
