package io.flotilla.sdk;

import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.pki.FederationCa;
import io.flotilla.crypto.pki.IdentityCertificates;
import io.flotilla.crypto.pki.IdentityKeys;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.crypto.pki.NodeRole;
import io.flotilla.fit.TrainConfig;
import io.flotilla.wire.terms.RoundTerms;
import io.flotilla.wire.terms.RoundTermsSigner;
import io.flotilla.wire.terms.SignedRoundTerms;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * A real federation key directory in a temp dir, from {@link FederationCa}: client certificates and identity keys,
 * a gateway certificate, and a coordinator whose identity key signs the round terms of the tasks the stand-in
 * gateway offers, exactly as a coordinator signs its instructions.
 */
final class TestPki {
    static final String FEDERATION = "sdkfed";
    static final String COORDINATOR = "coordinator";
    private static final SecureRandom RANDOM = new SecureRandom();

    final KeyDirectory keys;
    final String federation;

    private TestPki(KeyDirectory keys, String federation) {
        this.keys = keys;
        this.federation = federation;
    }

    /** A CA of {@code federation} in {@code dir}: clients {@code clients...}, gateway {@code gateway}, coordinator. */
    static TestPki create(Path dir, String federation, String gateway, String... clients) throws Exception {
        KeyDirectory keys = new KeyDirectory(dir);
        FederationCa ca = FederationCa.init(keys, federation, RANDOM);
        for (String c : clients) {
            ca.issue(NodeRole.CLIENT, c);
        }
        ca.issue(NodeRole.GATEWAY, gateway);
        ca.issue(NodeRole.COORDINATOR, COORDINATOR);
        return new TestPki(keys, federation);
    }

    /** The coordinator's signer of round terms. */
    RoundTermsSigner coordinator() throws Exception {
        return new RoundTermsSigner(federation, IdentityKeys.loadPrivate(keys, COORDINATOR),
                IdentityCertificates.load(keys, COORDINATOR));
    }

    /** {@code task}'s terms for {@code client}, signed by the coordinator. */
    byte[] signed(String client, Map<String, Object> task) throws Exception {
        return coordinator().sign(terms(federation, client, task)).encode();
    }

    /**
     * {@code task}'s terms for {@code client}, signed with the identity key and certificate of {@code signer}, who
     * need not be a coordinator: what a compromised client host or gateway could produce.
     */
    byte[] signedBy(String signer, String client, Map<String, Object> task) throws Exception {
        Ed25519PrivateKey key = IdentityKeys.loadPrivate(keys, signer);
        byte[] terms = terms(federation, client, task).encode();
        return new SignedRoundTerms(terms, key.sign(RoundTermsSigner.message(terms)),
                IdentityCertificates.load(keys, signer).getEncoded()).encode();
    }

    /** {@code task} with {@code signed} in its {@code terms} field. */
    static Map<String, Object> withTerms(Map<String, Object> task, byte[] signed) {
        task.put("terms", signed == null ? null : Base64.getEncoder().encodeToString(signed));
        return task;
    }

    /** The round terms that a {@code TaskOffer.task} map ({@link TestGateway#taskJson}) stands for. */
    @SuppressWarnings("unchecked")
    static RoundTerms terms(String federation, String client, Map<String, Object> t) {
        Map<String, Object> p = (Map<String, Object>) t.get("parameters");
        Map<String, Object> m = (Map<String, Object>) t.get("mask");
        Map<String, Object> c = (Map<String, Object>) t.get("config");
        TrainConfig config = new TrainConfig((int) c.get("epochs"), (int) c.get("batchSize"),
                (float) c.get("learningRate"), (float) c.get("momentum"), (float) c.get("weightDecay"),
                (boolean) c.get("nesterov"),
                TrainConfig.Optimizer.valueOf(((String) c.get("optimizer")).toUpperCase(Locale.ROOT)),
                (float) c.get("proximalMu"), (double) c.get("dpSgdNoiseMultiplier"), (double) c.get("dpSgdClipNorm"));
        String key = (String) t.get("roundKey");
        return new RoundTerms(federation, client, (int) t.get("round"), ((Number) t.get("modelVersion")).longValue(),
                (String) t.get("model"), (int) t.get("parameterCount"), (String) p.get("sha256"),
                ((Number) p.get("size")).longValue(), m == null ? null : (String) m.get("sha256"),
                m == null ? 0 : ((Number) m.get("size")).longValue(), config, ((Number) t.get("seed")).longValue(),
                ((Number) t.get("deadlineEpochMillis")).longValue(), (String) t.get("security"),
                key == null ? null : Base64.getDecoder().decode(key));
    }

    static KeyStore load(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password(store));
        }
        return ks;
    }

    static char[] password(Path store) throws Exception {
        return new String(Files.readAllBytes(KeyDirectory.passwordFile(store)), StandardCharsets.US_ASCII).trim()
                .toCharArray();
    }
}
