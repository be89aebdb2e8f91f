package io.flotilla.bench;

import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.crypto.envelope.EnrolledKeys;
import io.flotilla.crypto.envelope.EnvelopeOpener;
import io.flotilla.crypto.envelope.EnvelopeSealer;
import io.flotilla.crypto.envelope.ReplayGuard;
import io.flotilla.crypto.envelope.RoundExpectation;
import io.flotilla.crypto.envelope.RoundKeyPair;
import io.flotilla.crypto.envelope.SealedUpdate;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Steady-state envelope throughput on one thread: seal (agreement, HKDF, segmented AES-256-GCM, Ed25519 signature
 * over the tag digest) and open (verify, checks, decrypt) of a payload. Bytes per second = payload size x ops/s.
 * Each open uses a fresh replay guard, since opening the same update twice is (correctly) a replay.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class EnvelopeBenchmark {
    @Param({"16"})
    public int payloadMiB;

    @Param({"262144", "1048576"})
    public int segmentSize;

    private byte[] payload;
    private byte[] paramsHash;
    private RoundKeyPair roundKey;
    private EnvelopeSealer sealer;
    private EnrolledKeys enrolled;
    private SegmentedAeadParameters params;
    private SealedUpdate sealed;

    @Setup(Level.Trial)
    public void setup() throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        payload = new byte[payloadMiB << 20];
        new Random(1).nextBytes(payload);
        paramsHash = new byte[32];
        roundKey = RoundKeyPair.generate(1, random);
        params = new SegmentedAeadParameters(segmentSize);
        Ed25519PrivateKey id = Ed25519PrivateKey.generate(random);
        sealer = new EnvelopeSealer("bench", "c1", id, params, random);
        enrolled = new EnrolledKeys();
        enrolled.enrol("c1", id.publicKey());
        sealed = sealer.seal(roundKey.publicKey(), 1, paramsHash, payload);
    }

    @Benchmark
    public SealedUpdate seal() throws GeneralSecurityException {
        return sealer.seal(roundKey.publicKey(), 1, paramsHash, payload);
    }

    @Benchmark
    public byte[] open() throws GeneralSecurityException {
        return opener().open(sealed);
    }

    @Benchmark
    public byte[] sealAndOpen() throws GeneralSecurityException {
        return opener().open(sealer.seal(roundKey.publicKey(), 1, paramsHash, payload));
    }

    private EnvelopeOpener opener() {
        return new EnvelopeOpener(new RoundExpectation("bench", 1, 1, paramsHash), roundKey, enrolled,
                new ReplayGuard(), params);
    }
}
