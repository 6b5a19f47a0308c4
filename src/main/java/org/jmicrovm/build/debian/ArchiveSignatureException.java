package org.jmicrovm.build.debian;

/** Archive metadata or a package file failed verification; nothing derived from it is used. */
public final class ArchiveSignatureException extends RuntimeException {
    public ArchiveSignatureException(String message) {
        super(message);
    }
}
