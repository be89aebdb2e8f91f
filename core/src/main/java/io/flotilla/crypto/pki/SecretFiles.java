package io.flotilla.crypto.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Writes private files with owner-only permissions (rw-------) set at creation, so that there is no window in
 * which another user can open them, and never overwrites an existing file.
 */
public final class SecretFiles {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SecretFiles() {
    }

    /** Creates {@code file} owner-only and returns a stream to write its contents. */
    public static OutputStream createOwnerOnly(Path file) throws IOException {
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file + " exists; refusing to overwrite key material");
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        return Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    public static void writeOwnerOnly(Path file, byte[] contents) throws IOException {
        try (OutputStream out = createOwnerOnly(file)) {
            out.write(contents);
        }
    }

    /** A fresh password of 32 random bytes, base64url without padding. */
    public static char[] newPassword(SecureRandom random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).toCharArray();
    }
}
