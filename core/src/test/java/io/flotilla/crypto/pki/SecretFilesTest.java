package io.flotilla.crypto.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
    @TempDir
    Path tmp;

    @Test
    void createsOwnerOnlyAndNeverOverwrites() throws Exception {
        Path f = tmp.resolve("secret");
        SecretFiles.writeOwnerOnly(f, new byte[] {1, 2});
        assertEquals(SecretFiles.OWNER_ONLY, Files.getPosixFilePermissions(f));
        assertThrows(FileAlreadyExistsException.class, () -> SecretFiles.writeOwnerOnly(f, new byte[] {3}));
        assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(f));
    }

    @Test
    void passwordsAreLongAndFresh() {
        SecureRandom r = new SecureRandom();
        char[] a = SecretFiles.newPassword(r);
        assertEquals(43, a.length);
        assertFalse(Arrays.equals(a, SecretFiles.newPassword(r)));
    }
}
