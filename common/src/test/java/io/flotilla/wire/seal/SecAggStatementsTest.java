package io.flotilla.wire.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.flotilla.wire.protocol.BlobRef;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.protocol.SecAggInputSubmitted;
import io.flotilla.wire.protocol.SecAggKeysAdvertised;
import io.flotilla.wire.protocol.SecAggUnmaskAnswered;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The signed statements: the stage-0 statement byte for byte (a known-answer layout), the signature itself never
 * part of what is signed, and length prefixes keeping apart reports whose fields merely concatenate alike.
 */
class SecAggStatementsTest {

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void theKeysStatementIsLabelFederationRoundSessionClientIndexAndBothKeys() {
        SecAggKeysAdvertised a = new SecAggKeysAdvertised(7, "c-1", 3, key(0xaa), key(0xbb), new byte[64]);
        ByteBuffer expected = ByteBuffer.allocate(4 + 23 + 4 + 3 + 4 + 8 + 4 + 3 + 4 + 4 + 32 + 4 + 32);
        expected.putInt(23).put("flotilla-secagg-keys-v1".getBytes(StandardCharsets.US_ASCII));
        expected.putInt(3).put("fed".getBytes(StandardCharsets.US_ASCII));
        expected.putInt(7).putLong(0x0102030405060708L);
        expected.putInt(3).put("c-1".getBytes(StandardCharsets.US_ASCII));
        expected.putInt(3);
        expected.putInt(32).put(key(0xaa)).putInt(32).put(key(0xbb));
        assertArrayEquals(expected.array(), SecAggStatements.of("fed", 0x0102030405060708L, a));
    }

    @Test
    void theSignatureIsNotPartOfTheStatement() {
        SecAggKeysAdvertised a = new SecAggKeysAdvertised(7, "c", 3, key(1), key(2), new byte[64]);
        byte[] other = new byte[64];
        other[9] = 1;
        assertArrayEquals(SecAggStatements.of("f", 1, a), SecAggStatements.of("f", 1, a.withSignature(other)));
    }

    @Test
    void lengthPrefixesKeepFederationAndClientApart() {
        SecAggKeysAdvertised ab = new SecAggKeysAdvertised(7, "bc", 3, key(1), key(2), new byte[64]);
        SecAggKeysAdvertised a = new SecAggKeysAdvertised(7, "c", 3, key(1), key(2), new byte[64]);
        // "fa" + "bc" and "fab" + "c" concatenate to the same text.
        assertFalse(Arrays.equals(SecAggStatements.of("fa", 1, ab), SecAggStatements.of("fab", 1, a)));
    }

    @Test
    void theInputStatementCarriesTheBlobDigestAndSize() {
        String hash = "0f".repeat(32);
        SecAggInputSubmitted in = new SecAggInputSubmitted(2, "c", 1, new BlobRef(hash, 40, "somewhere"),
                ClientReport.trained(1.0, Double.NaN, Double.NaN), new byte[64]);
        byte[] s = SecAggStatements.of("f", 5, in);
        byte[] tail = Arrays.copyOfRange(s, s.length - 4 - 32 - 8, s.length);
        ByteBuffer expected = ByteBuffer.allocate(44).putInt(32).put(HexFormat.of().parseHex(hash)).putLong(40);
        assertArrayEquals(expected.array(), tail);
        // Where the blob is fetched from and the metrics are not signed: neither changes what is summed.
        SecAggInputSubmitted elsewhere = new SecAggInputSubmitted(2, "c", 1, new BlobRef(hash, 40, ""), ClientReport.NONE,
                new byte[64]);
        assertArrayEquals(s, SecAggStatements.of("f", 5, elsewhere));
        assertEquals(SecAggStatements.INPUT, new String(s, 4, 24, StandardCharsets.US_ASCII));
    }

    @Test
    void unmaskAnswersDifferingInWhichListAShareIsInHaveDifferentStatements() {
        byte[] share = new byte[SecAggUnmaskAnswered.SHARE_SIZE];
        SecAggUnmaskAnswered seed = new SecAggUnmaskAnswered(2, "c", 1, new int[] {4}, share, new int[0],
                new byte[0], new byte[64]);
        SecAggUnmaskAnswered key = new SecAggUnmaskAnswered(2, "c", 1, new int[0], new byte[0], new int[] {4},
                share, new byte[64]);
        assertFalse(Arrays.equals(SecAggStatements.of("f", 5, seed), SecAggStatements.of("f", 5, key)));
    }
}
