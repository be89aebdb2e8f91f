package io.flotilla.crypto.pki;

import java.util.Locale;

/** The role a node certificate is issued for; it appears as the OU of the certificate subject. */
public enum NodeRole {
    COORDINATOR, CLIENT, AGGREGATOR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
