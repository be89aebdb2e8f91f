package io.flotilla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeysCommandTest {
    @TempDir
    Path tmp;

    @Test
    void initThenIssueWritesStoresAndNeverPrintsPasswords() throws Exception {
        Path dir = tmp.resolve("keys");
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int init;
        int issue;
        int bad;
        try {
            CommandLine cli = new CommandLine(new FlotillaMain());
            init = cli.execute("keys", "init", "--dir", dir.toString(), "--federation", "demo");
            issue = cli.execute("keys", "issue", "--dir", dir.toString(), "--role", "client", "--name", "n1");
            bad = cli.execute("keys", "issue", "--dir", dir.toString(), "--role", "emperor", "--name", "n2");
        } finally {
            System.setOut(old);
        }
        assertEquals(0, init);
        assertEquals(0, issue);
        assertEquals(2, bad);
        assertTrue(Files.exists(dir.resolve("n1.p12")) && Files.exists(dir.resolve("n1.identity.key")));
        String printed = out.toString(StandardCharsets.UTF_8);
        for (String secretFile : new String[] {"ca.p12.password", "n1.p12.password", "truststore.p12.password",
                "n1.identity.key"}) {
            String secret = Files.readString(dir.resolve(secretFile)).trim();
            assertFalse(printed.contains(secret), secretFile + " leaked to the console");
        }
        assertTrue(printed.contains(Files.readString(dir.resolve("n1.identity.pub")).trim()));
    }

    @Test
    void revokeWritesTheListAndRefusesAnUnknownName() throws Exception {
        Path dir = tmp.resolve("keys");
        CommandLine cli = new CommandLine(new FlotillaMain());
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int revoked;
        int unknown;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertEquals(0, cli.execute("keys", "init", "--dir", dir.toString(), "--federation", "demo"));
            assertEquals(0, cli.execute("keys", "issue", "--dir", dir.toString(), "--role", "gateway", "--name",
                    "gw1.example.org"));
            assertEquals(0, cli.execute("keys", "issue", "--dir", dir.toString(), "--role", "client", "--name",
                    "n1"));
            revoked = cli.execute("keys", "revoke", "--dir", dir.toString(), "--name", "n1");
            unknown = cli.execute("keys", "revoke", "--dir", dir.toString(), "--name", "n9");
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        assertEquals(0, revoked);
        assertEquals(2, unknown);
        assertTrue(Files.size(dir.resolve("ca.crl")) > 0);
    }
}
