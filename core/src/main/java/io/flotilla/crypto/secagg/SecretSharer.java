package io.flotilla.crypto.secagg;

import io.flotilla.crypto.SecretBytes;
import java.security.SecureRandom;
import java.util.List;

/**
 * Threshold secret sharing: any {@code threshold} shares give the secret back, fewer give no information about it.
 * {@code combine} with shares that were not produced together returns garbage or throws; it cannot detect every
 * such case, so shares travel authenticated.
 */
public interface SecretSharer {
    List<Share> split(SecretBytes secret, int[] points, int threshold, SecureRandom random);

    SecretBytes combine(List<Share> shares, int threshold);
}
