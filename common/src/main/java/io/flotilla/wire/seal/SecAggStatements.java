package io.flotilla.wire.seal;

import io.flotilla.wire.protocol.SecAggInputSubmitted;
import io.flotilla.wire.protocol.SecAggKeysAdvertised;
import io.flotilla.wire.protocol.SecAggReport;
import io.flotilla.wire.protocol.SecAggSetup;
import io.flotilla.wire.protocol.SecAggSharesSent;
import io.flotilla.wire.protocol.SecAggUnmaskAnswered;
import io.flotilla.wire.protocol.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The canonical bytes a member signs for each secure aggregation report, and the coordinator verifies: a fixed
 * ASCII label per stage (domain separation: a signature over one stage's statement is never valid for another's,
 * nor for an envelope), then the federation id, round, session id, client id and index, then the stage's content,
 * every variable-length field prefixed by its length (so no two different reports share a statement):
 *
 * <table>
 * <caption>signed statements</caption>
 * <tr><th>report</th><th>label</th><th>content</th></tr>
 * <tr><td>{@link SecAggKeysAdvertised}</td><td>{@value #KEYS}</td><td>cipher key, mask key</td></tr>
 * <tr><td>{@link SecAggSharesSent}</td><td>{@value #SHARES}</td><td>SHA-256 of the holders and ciphertexts</td></tr>
 * <tr><td>{@link SecAggInputSubmitted}</td><td>{@value #INPUT}</td><td>SHA-256 and size of the masked-input
 * blob</td></tr>
 * <tr><td>{@link SecAggUnmaskAnswered}</td><td>{@value #UNMASK}</td><td>SHA-256 of the seed-share owners and
 * shares, then the key-share owners and shares, in ascending owner order</td></tr>
 * </table>
 *
 * <p>The session id (random per round, from the coordinator's {@link SecAggSetup}) is bound too, so a report of
 * an earlier session of the same round number (before a coordinator restart) does not verify either.
 */
public final class SecAggStatements {
    /** Label of the stage-0 statement. */
    public static final String KEYS = "flotilla-secagg-keys-v1";
    /** Label of the stage-1 statement. */
    public static final String SHARES = "flotilla-secagg-shares-v1";
    /** Label of the stage-2 statement. */
    public static final String INPUT = "flotilla-secagg-input-v1";
    /** Label of the stage-3 statement. */
    public static final String UNMASK = "flotilla-secagg-unmask-v1";

    private SecAggStatements() {
    }

    /** The statement {@code report}'s signature covers, in federation {@code federation}'s session {@code session}. */
    public static byte[] of(String federation, long session, SecAggReport report) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            string(out, label(report));
            string(out, federation);
            out.writeInt(report.round());
            out.writeLong(session);
            string(out, report.clientId());
            out.writeInt(report.index());
            if (report instanceof SecAggKeysAdvertised a) {
                field(out, a.cipherKey());
                field(out, a.maskKey());
            } else if (report instanceof SecAggSharesSent s) {
                field(out, digest(s.to(), s.ciphertexts(), new int[0], new byte[0]));
            } else if (report instanceof SecAggInputSubmitted in) {
                field(out, HexFormat.of().parseHex(in.payload().sha256()));
                out.writeLong(in.payload().size());
            } else if (report instanceof SecAggUnmaskAnswered u) {
                field(out, digest(u.seedOwners(), u.seedShares(), u.keyOwners(), u.keyShares()));
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    private static String label(SecAggReport report) {
        if (report instanceof SecAggKeysAdvertised) {
            return KEYS;
        } else if (report instanceof SecAggSharesSent) {
            return SHARES;
        } else if (report instanceof SecAggInputSubmitted) {
            return INPUT;
        } else if (report instanceof SecAggUnmaskAnswered) {
            return UNMASK;
        }
        throw new IllegalArgumentException("no statement for " + report.getClass().getName());
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        field(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    /** SHA-256 over two length-prefixed (owner list, packed values) pairs. */
    private static byte[] digest(int[] owners1, byte[] values1, int[] owners2, byte[] values2) {
        MessageDigest sha = Sha256.digest();
        update(sha, owners1, values1);
        update(sha, owners2, values2);
        return sha.digest();
    }

    private static void update(MessageDigest sha, int[] owners, byte[] values) {
        byte[] word = new byte[4];
        put(word, owners.length);
        sha.update(word);
        for (int o : owners) {
            put(word, o);
            sha.update(word);
        }
        put(word, values.length);
        sha.update(word);
        sha.update(values);
    }

    private static void put(byte[] word, int v) {
        word[0] = (byte) (v >>> 24);
        word[1] = (byte) (v >>> 16);
        word[2] = (byte) (v >>> 8);
        word[3] = (byte) v;
    }
}
