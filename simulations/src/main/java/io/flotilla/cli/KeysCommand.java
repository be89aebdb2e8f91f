package io.flotilla.cli;

import io.flotilla.crypto.pki.FederationCa;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.crypto.pki.NodeRole;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flotilla keys init|issue|revoke}: creates the federation CA, issues node TLS certificates and Ed25519
 * identity keys, and revokes certificates (a CRL that gateways reload). Prints file paths and the public identity key, never a password or private key.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Federation CA and node credentials for mutual TLS and signed updates.",
        subcommands = {KeysCommand.Init.class, KeysCommand.Issue.class, KeysCommand.Revoke.class})
public final class KeysCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create a federation CA (ECDSA P-256, self-signed) and trust store in DIR.")
    static final class Init implements Callable<Integer> {
        @Option(names = "--dir", required = true, description = "key directory (created if absent)")
        Path dir;

        @Option(names = "--federation", defaultValue = "flotilla", description = "federation name (default: ${DEFAULT-VALUE})")
        String federation;

        @Override
        public Integer call() throws Exception {
            KeyDirectory keys = new KeyDirectory(dir);
            FederationCa.init(keys, federation, new SecureRandom());
            System.out.println("CA for federation '" + federation + "' created:");
            System.out.println("  " + keys.caStore() + " (CA key, owner-only; keep offline after issuing)");
            System.out.println("  " + keys.caCertificate());
            System.out.println("  " + keys.trustStore());
            return 0;
        }
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Issue a node TLS certificate and an Ed25519 identity key, signed by the CA in DIR.")
    static final class Issue implements Callable<Integer> {
        @Option(names = "--dir", required = true, description = "key directory holding the CA")
        Path dir;

        @Option(names = "--role", required = true, description = "coordinator, gateway, aggregator, host (runs member client agents) or client (a "
                + "device or remote client: connects to gateways only, never to the cluster)")
        String role;

        @Option(names = "--name", required = true, description = "node name: letters, digits, '.', '_', '-'")
        String name;

        @Override
        public Integer call() throws Exception {
            NodeRole r;
            try {
                r = NodeRole.fromLabel(role.toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                System.err.println("unknown role '" + role + "': expected coordinator, gateway, aggregator, host "
                        + "or client");
                return 2;
            }
            KeyDirectory keys = new KeyDirectory(dir);
            String identity = FederationCa.load(keys, new SecureRandom()).issue(r, name);
            System.out.println("issued " + r.label() + " '" + name + "':");
            System.out.println("  " + keys.nodeStore(name) + " (TLS key and certificate, owner-only)");
            System.out.println("  " + keys.identityKey(name) + " (Ed25519 identity key, owner-only)");
            System.out.println("  " + keys.identityCertificate(name) + " (the identity key certified by the CA)");
            System.out.println("  identity public key " + identity);
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke node NAME's certificate: rewrites DIR/ca.crl, signed by the CA. Gateways reload it "
                    + "without restart and answer the node 403 revoked.")
    static final class Revoke implements Callable<Integer> {
        @Option(names = "--dir", required = true, description = "key directory holding the CA")
        Path dir;

        @Option(names = "--name", required = true, description = "node whose certificate is revoked")
        String name;

        @Override
        public Integer call() throws Exception {
            KeyDirectory keys = new KeyDirectory(dir);
            try {
                java.math.BigInteger serial = FederationCa.load(keys, new SecureRandom()).revoke(name);
                System.out.println("revoked '" + name + "' (certificate serial " + serial.toString(16) + "):");
                System.out.println("  " + keys.revocationList() + " (copy it to every gateway's key directory)");
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            }
        }
    }
}
