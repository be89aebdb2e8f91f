package io.flotilla.crypto.pki;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityKeysTest {
    @TempDir
    Path tmp;

    @Test
    void malformedKeyFilesAreReportedNotMisread() throws IOException {
        KeyDirectory dir = new KeyDirectory(tmp);
        Files.writeString(dir.identityKey("a"), "abcd");
        assertThrows(IOException.class, () -> IdentityKeys.loadPrivate(dir, "a"));
        Files.writeString(dir.identityPublicKey("b"), "zz".repeat(32));
        assertThrows(IOException.class, () -> IdentityKeys.loadPublic(dir, "b"));
        assertThrows(IOException.class, () -> IdentityKeys.loadPublic(dir, "missing"));
    }
}
