package io.flotilla.crypto.secagg;

import io.flotilla.crypto.SecretBytes;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shamir t-of-n sharing of 16-byte secrets over the prime field GF(2^130 - 5). Lagrange coefficients for a set of
 * points are cached, since the server reconstructs many secrets from the same responders.
 */
public final class ShamirSecretSharer implements SecretSharer {
    public static final BigInteger PRIME = BigInteger.ONE.shiftLeft(130).subtract(BigInteger.valueOf(5));
    public static final int SECRET_SIZE = 16;
    public static final int SHARE_SIZE = 17;
    private final Map<String, BigInteger[]> lagrangeCache = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BigInteger[]> eldest) {
            return size() > 64;
        }
    };

    @Override
    public List<Share> split(SecretBytes secret, int[] points, int threshold, SecureRandom random) {
        if (secret.size() != SECRET_SIZE) {
            throw new IllegalArgumentException("secret has " + secret.size() + " bytes, expected " + SECRET_SIZE);
        }
        if (threshold < 1 || threshold > points.length) {
            throw new IllegalArgumentException("threshold " + threshold + " outside 1.." + points.length);
        }
        BigInteger[] coeff = new BigInteger[threshold];
        coeff[0] = new BigInteger(1, secret.toByteArrayInsecure());
        for (int i = 1; i < threshold; i++) {
            BigInteger c;
            do {
                c = new BigInteger(131, random);
            } while (c.compareTo(PRIME) >= 0);
            coeff[i] = c;
        }
        List<Share> shares = new ArrayList<>(points.length);
        for (int x : points) {
            BigInteger bx = BigInteger.valueOf(x);
            BigInteger y = coeff[threshold - 1];
            for (int i = threshold - 2; i >= 0; i--) {
                y = y.multiply(bx).add(coeff[i]).mod(PRIME);
            }
            shares.add(new Share(x, toFixed(y, SHARE_SIZE)));
        }
        return shares;
    }

    @Override
    public SecretBytes combine(List<Share> shares, int threshold) {
        if (shares.size() < threshold) {
            throw new IllegalArgumentException("need " + threshold + " shares, got " + shares.size());
        }
        List<Share> use = new ArrayList<>(shares.subList(0, threshold));
        use.sort((a, b) -> Integer.compare(a.x(), b.x()));
        int[] xs = new int[threshold];
        for (int i = 0; i < threshold; i++) {
            xs[i] = use.get(i).x();
            if (i > 0 && xs[i] == xs[i - 1]) {
                throw new IllegalArgumentException("duplicate share point " + xs[i]);
            }
        }
        BigInteger[] lambda = lagrange(xs);
        BigInteger s = BigInteger.ZERO;
        for (int i = 0; i < threshold; i++) {
            byte[] y = use.get(i).y();
            if (y.length != SHARE_SIZE) {
                throw new IllegalArgumentException("share has " + y.length + " bytes, expected " + SHARE_SIZE);
            }
            s = s.add(new BigInteger(1, y).multiply(lambda[i]));
        }
        s = s.mod(PRIME);
        if (s.bitLength() > SECRET_SIZE * 8) {
            throw new IllegalArgumentException("shares do not combine to a " + SECRET_SIZE + "-byte secret");
        }
        return SecretBytes.copyFrom(toFixed(s, SECRET_SIZE));
    }

    private BigInteger[] lagrange(int[] xs) {
        String key = Arrays.toString(xs);
        synchronized (lagrangeCache) {
            BigInteger[] cached = lagrangeCache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        int t = xs.length;
        BigInteger[] out = new BigInteger[t];
        for (int i = 0; i < t; i++) {
            BigInteger num = BigInteger.ONE;
            BigInteger den = BigInteger.ONE;
            for (int j = 0; j < t; j++) {
                if (j != i) {
                    num = num.multiply(BigInteger.valueOf(xs[j])).mod(PRIME);
                    den = den.multiply(BigInteger.valueOf((long) xs[j] - xs[i])).mod(PRIME);
                }
            }
            out[i] = num.multiply(den.modInverse(PRIME)).mod(PRIME);
        }
        synchronized (lagrangeCache) {
            lagrangeCache.put(key, out);
        }
        return out;
    }

    private static byte[] toFixed(BigInteger v, int size) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[size];
        int copy = Math.min(raw.length, size);
        System.arraycopy(raw, raw.length - copy, out, size - copy, copy);
        return out;
    }
}
