package io.flotilla.sdk;

import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.data.Dataset;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.encoding.GlobalModelBlob;
import io.flotilla.model.encoding.MaskBlob;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.nn.NeuralTrainer;
import io.flotilla.pruning.compression.CompressionConfig;
import io.flotilla.pruning.compression.UpdateCompressor;
import io.flotilla.wire.terms.RoundTermsVerifier;
import io.flotilla.wire.update.EnvelopeUpdateSealer;
import io.flotilla.wire.update.InsecurePlaintextUpdates;
import io.flotilla.wire.update.UpdateSealer;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.net.ssl.SSLParameters;

/**
 * A federated-training client that connects only outbound, over HTTPS, to the federation's gateways. Build one with
 * {@link #builder()}; call {@link #runOnce()} for one check-in cycle (check in; if a task comes, download the model
 * and mask, train on the local data, seal, upload in chunks, wait for the result) or {@link #run()} to loop until
 * {@link #close()}, honouring the gateway's "come back after T".
 *
 * <p>Gateways are tried in the order given, starting from the last one that answered; a gateway that refuses the
 * connection or fails the TLS handshake is skipped, and when none answers the client backs off exponentially with
 * jitter. A transfer that loses its connection resumes on the same gateway (downloads with {@code Range}, uploads
 * from the committed offset). Not thread-safe except for {@link #close()}: one cycle at a time.
 */
public final class FlotillaClient implements AutoCloseable {
    private static final Logger LOG = System.getLogger(FlotillaClient.class.getName());
    /** This SDK's name and version at check-in. */
    public static final String SDK_VERSION = "flotilla-sdk/0.1.0";
    /** A server's "retry after" is stretched by up to this share at random, so a fleet spreads out further. */
    private static final double RETRY_JITTER = 0.1;
    private static final Duration RESULT_POLL_FIRST = Duration.ofMillis(200);
    private static final Duration RESULT_POLL_MAX = Duration.ofSeconds(5);
    /** How long after the round's deadline the client still waits for its update's result. */
    private static final Duration RESULT_GRACE = Duration.ofSeconds(60);

    private final List<URI> gateways;
    private final ClientCredentials credentials;
    private final LocalData data;
    private final ConditionsSource conditions;
    private final String model;
    private final String security;
    private final ModelLayout layout;
    private final LocalRound training;
    private final TermsCheck terms;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final int chunkBytes;
    private final Backoff unreachable;
    private final Retries retries;
    private final Duration idleCheckIn;
    private final Random random;
    private final Object sleeper = new Object();
    private final Map<CycleOutcome.Kind, Long> outcomes = new java.util.EnumMap<>(CycleOutcome.Kind.class);
    private volatile boolean closed;
    private int preferred;

    private FlotillaClient(Builder b) throws GeneralSecurityException {
        this.gateways = List.copyOf(b.gateways);
        this.credentials = b.credentials;
        this.data = b.data;
        this.conditions = b.conditions;
        this.model = b.model;
        this.security = b.security;
        ModelSpec spec = ModelZoo.spec(b.model);
        this.layout = spec.layout();
        this.training = new LocalRound(credentials.clientId(), layout, new NeuralTrainer(spec), sealer(b),
                b.privacy, b.compression.codec().isPresent() ? new UpdateCompressor(b.compression) : null);
        this.terms = new TermsCheck(new RoundTermsVerifier(credentials.caCertificate(), credentials.federation(),
                credentials.clientId()));
        SSLParameters tls = new SSLParameters();
        tls.setProtocols(new String[] {"TLSv1.3"});
        this.http = HttpClient.newBuilder().sslContext(credentials.sslContext()).sslParameters(tls)
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = b.requestTimeout;
        this.chunkBytes = b.chunkBytes;
        this.random = b.random;
        this.unreachable = new Backoff(b.backoffBase, b.backoffCap, random);
        this.retries = new Retries(b.transferAttempts, b.backoffBase, b.backoffCap, random, this::pause);
        this.idleCheckIn = b.idleCheckIn;
    }

    private UpdateSealer sealer(Builder b) {
        switch (b.security) {
            case "envelope":
                return new EnvelopeUpdateSealer(credentials.federation(), credentials.clientId(),
                        credentials.identity(), SegmentedAeadParameters.defaults(), new SecureRandom());
            case "none":
                LOG.log(Level.WARNING, "security = none: this client's updates travel as PLAINTEXT (explicit, "
                        + "insecure setting)");
                return new InsecurePlaintextUpdates();
            default:
                throw new IllegalArgumentException("security must be envelope or none (secure aggregation is not in "
                        + "the SDK yet), got " + b.security);
        }
    }

    /** A builder; gateways, credentials, local data and the model are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The client's id, the CN of its certificate. */
    public String clientId() {
        return credentials.clientId();
    }

    /**
     * One check-in cycle. Never throws for what the network or a gateway does: the outcome says what happened and
     * when to come back. Throws only {@link InterruptedException} when {@link #close()} cut it short, and
     * {@link IOException} when the local data cannot be read.
     */
    public CycleOutcome runOnce() throws IOException, InterruptedException {
        DeviceConditions now = conditions.current();
        if (!conditions.mayTrain(now)) {
            return counted(new CycleOutcome(CycleOutcome.Kind.SKIPPED, 0, null, "conditions: " + now, idleCheckIn));
        }
        Dataset train = data.train();
        Dataset test = data.test();
        for (int tried = 0; tried < gateways.size(); tried++) {
            int index = (preferred + tried) % gateways.size();
            EdgeHttp gateway = new EdgeHttp(http, gateways.get(index), requestTimeout);
            EdgeJson offer;
            try {
                offer = gateway.postJson("/v1/check-in", checkIn(now, train, test));
            } catch (IOException unreachableGateway) {
                LOG.log(Level.WARNING, "gateway {0} unreachable: {1}", gateway.base(), unreachableGateway.toString());
                continue;
            } catch (GatewayRefusal r) {
                if (r.status() >= 500) {
                    // Shutting down or broken: another gateway may serve the client now.
                    LOG.log(Level.WARNING, "gateway {0} unavailable: {1}", gateway.base(), r.getMessage());
                    continue;
                }
                return counted(denied(r));
            } catch (EdgeProtocolException e) {
                LOG.log(Level.WARNING, "gateway {0} answered the check-in out of protocol: {1}", gateway.base(),
                        e.getMessage());
                continue;
            }
            preferred = index;
            unreachable.reset();
            return counted(onOffer(gateway, offer, train, test));
        }
        Duration wait = unreachable.nextDelay();
        return counted(new CycleOutcome(CycleOutcome.Kind.UNREACHABLE, 0, null, "no gateway of " + gateways
                + " answered", wait));
    }

    private CycleOutcome counted(CycleOutcome o) {
        synchronized (outcomes) {
            outcomes.merge(o.kind(), 1L, Long::sum);
        }
        return o;
    }

    /** How many cycles ended in each way since the client was built (what an app shows or reports). */
    public Map<CycleOutcome.Kind, Long> outcomeCounts() {
        synchronized (outcomes) {
            return new java.util.EnumMap<>(outcomes);
        }
    }

    private Map<String, Object> checkIn(DeviceConditions now, Dataset train, Dataset test) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("charging", now.charging());
        c.put("unmetered", now.unmetered());
        c.put("idle", now.idle());
        c.put("freeMemoryBytes", now.freeMemoryBytes());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sdk", SDK_VERSION);
        body.put("model", model);
        body.put("examples", train.size());
        if (test != null) {
            body.put("testExamples", test.size());
        }
        body.put("security", security);
        body.put("conditions", c);
        return body;
    }

    private CycleOutcome denied(GatewayRefusal r) {
        LOG.log(Level.WARNING, "check-in refused: {0}", r.getMessage());
        return new CycleOutcome(CycleOutcome.Kind.DENIED, 0, null, r.code() + ": " + r.getMessage(),
                unreachable.nextDelay().plus(idleCheckIn));
    }

    private CycleOutcome onOffer(EdgeHttp gateway, EdgeJson offer, Dataset train, Dataset test)
            throws InterruptedException {
        String status;
        RoundTask task;
        try {
            status = offer.string("status");
            if (status.equals("retry")) {
                Duration after = Duration.ofMillis(Math.max(0, offer.integer("retryAfterMillis")));
                return new CycleOutcome(CycleOutcome.Kind.RETRY, 0, null, null,
                        Backoff.jittered(after, RETRY_JITTER, random));
            }
            if (!status.equals("task")) {
                throw new EdgeProtocolException("check-in status '" + status + "' is neither task nor retry");
            }
            task = RoundTask.from(offer.object("task"));
        } catch (EdgeProtocolException e) {
            return failed(0, "malformed task offer: " + e.getMessage());
        }
        String misfit = misfit(task, train);
        if (misfit != null) {
            return refuse(gateway, task, misfit);
        }
        LOG.log(Level.INFO, "{0}: task {1}", clientId(), task);
        try {
            BlobDownload download = new BlobDownload(gateway, retries);
            byte[] global = download.fetch(task.parameters(), GlobalModelBlob.maxEncodedSize(layout));
            byte[] mask = task.mask() == null ? null : download.fetch(task.mask(), MaskBlob.maxEncodedSize(layout));
            TrainedUpdate update;
            try {
                update = training.run(task, global, mask, train, test);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "local training for round " + task.round() + " failed", e);
                return refuse(gateway, task, "local training failed: " + e.getMessage());
            }
            EdgeJson result = new ChunkedUpload(gateway, retries, chunkBytes).send(task, update);
            LOG.log(Level.INFO, "{0}: round {1} uploaded ({2} examples, {3} bytes sealed)", clientId(), task.round(),
                    update.examples, update.sealed.length);
            return awaitResult(gateway, task, result);
        } catch (IOException e) {
            return failed(task.round(), "gateway " + gateway.base() + " lost: " + e);
        } catch (EdgeProtocolException e) {
            return failed(task.round(), e.getMessage());
        }
    }

    /** Why this client cannot follow {@code task}, or null when it can (the member agent's checks, plus terms). */
    private String misfit(RoundTask task, Dataset train) {
        if (!task.model().equals(model)) {
            return "task is for model " + task.model() + ", this client runs " + model;
        }
        if (task.parameterCount() != layout.totalSize()) {
            return "task has " + task.parameterCount() + " parameters, model " + model + " has "
                    + layout.totalSize();
        }
        if (!task.security().equals(security)) {
            return "security " + task.security() + " requested, this client implements " + security;
        }
        if (train.size() == 0) {
            return "no local training data";
        }
        if (System.currentTimeMillis() >= task.deadlineEpochMillis()) {
            return "deadline already passed";
        }
        return terms.problem(task);
    }

    private CycleOutcome refuse(EdgeHttp gateway, RoundTask task, String reason) throws InterruptedException {
        LOG.log(Level.WARNING, "{0}: refusing round {1}: {2}", clientId(), task.round(), reason);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason.length() > 256 ? reason.substring(0, 256) : reason);
        try {
            gateway.postJson("/v1/rounds/" + task.round() + "/refusal", body);
        } catch (IOException | EdgeProtocolException e) {
            // The gateway reports a client that never answers as refusing at the deadline anyway.
            LOG.log(Level.WARNING, "the refusal of round {0} did not reach the gateway: {1}", task.round(),
                    e.toString());
        }
        return new CycleOutcome(CycleOutcome.Kind.REFUSED, task.round(), null, reason, idleCheckIn);
    }

    /** Polls the round's result until the coordinator decided, or the round's deadline plus a grace passed. */
    private CycleOutcome awaitResult(EdgeHttp gateway, RoundTask task, EdgeJson finished)
            throws IOException, InterruptedException {
        EdgeJson result = finished;
        if (result == null) {
            result = EdgeJson.parse("{\"status\":\"pending\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "finish");
        }
        long giveUpAt = Math.max(task.deadlineEpochMillis(), System.currentTimeMillis()) + RESULT_GRACE.toMillis();
        Backoff poll = new Backoff(RESULT_POLL_FIRST, RESULT_POLL_MAX, random);
        String path = "/v1/rounds/" + task.round() + "/result";
        while (result.string("status").equals("pending") && System.currentTimeMillis() < giveUpAt) {
            pause(RESULT_POLL_FIRST.plus(poll.nextDelay()));
            try {
                result = gateway.get(path);
            } catch (GatewayRefusal r) {
                if (!r.code().equals("no_result")) {
                    throw r;
                }
            } catch (java.net.ConnectException gone) {
                // Nothing listens there any more: the result lived only at that gateway, so waiting for it would
                // hold the client away from the others until the give-up time. Check in again (failing over).
                LOG.log(Level.INFO, "gateway {0} gone while polling the result of round {1}: {2}", gateway.base(),
                        task.round(), gone.toString());
                break;
            } catch (IOException dropped) {
                // The update is in; only the answer is late. Keep polling until the give-up time.
                LOG.log(Level.INFO, "polling the result of round {0}: {1}", task.round(), dropped.toString());
            }
        }
        String status = result.string("status");
        String reason = result.optionalString("reason");
        String detail = result.optionalString("detail");
        LOG.log(Level.INFO, "{0}: round {1} {2}{3}", clientId(), task.round(), status,
                reason == null ? "" : " (" + reason + (detail == null ? "" : ": " + detail) + ")");
        return new CycleOutcome(CycleOutcome.Kind.SUBMITTED, task.round(), status,
                reason == null ? null : reason + (detail == null ? "" : ": " + detail), idleCheckIn);
    }

    private CycleOutcome failed(int round, String why) {
        LOG.log(Level.WARNING, "{0}: cycle failed: {1}", clientId(), why);
        return new CycleOutcome(CycleOutcome.Kind.FAILED, round, null, why, unreachable.nextDelay());
    }

    /**
     * Runs cycles until {@link #close()}, waiting between them as each outcome says. A cycle that throws (the local
     * data cannot be read) ends the loop with that exception.
     */
    public void run() throws IOException {
        try {
            while (!closed) {
                CycleOutcome o = runOnce();
                LOG.log(Level.DEBUG, "{0}: {1}", clientId(), o);
                pause(o.nextCheckIn());
            }
        } catch (InterruptedException closing) {
            if (!closed) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits {@code d}, or until {@link #close()}; throws {@link InterruptedException} once closed. */
    private void pause(Duration d) throws InterruptedException {
        long until = System.nanoTime() + d.toNanos();
        synchronized (sleeper) {
            while (!closed) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                sleeper.wait(Math.max(1, left / 1_000_000));
            }
        }
        throw new InterruptedException("client closed");
    }

    /** Stops {@link #run()} (at its next pause or transfer retry); a cycle in training finishes its step first. */
    @Override
    public void close() {
        synchronized (sleeper) {
            closed = true;
            sleeper.notifyAll();
        }
    }

    /** Settings of a {@link FlotillaClient}. */
    public static final class Builder {
        private final List<URI> gateways = new ArrayList<>();
        private ClientCredentials credentials;
        private LocalData data;
        private ConditionsSource conditions = DeviceConditions::server;
        private String model;
        private String security = "envelope";
        private LocalPrivacy privacy;
        private CompressionConfig compression = CompressionConfig.none();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(120);
        private int chunkBytes = 256 * 1024;
        private Duration backoffBase = Duration.ofMillis(500);
        private Duration backoffCap = Duration.ofMinutes(5);
        private int transferAttempts = 5;
        private Duration idleCheckIn = Duration.ofSeconds(5);
        private Random random = new SecureRandom();

        private Builder() {
        }

        /** Adds a gateway base URL ({@code https://host:port}); tried in the order added. */
        public Builder gateway(URI url) {
            if (url == null || !"https".equals(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException("a gateway URL must be https://host:port, got " + url);
            }
            gateways.add(url);
            return this;
        }

        public Builder credentials(ClientCredentials c) {
            this.credentials = c;
            return this;
        }

        /** Credentials from a key directory ({@code NAME.p12}, {@code truststore.p12}, {@code NAME.identity.key}). */
        public Builder keyDirectory(java.nio.file.Path dir, String name) throws IOException, GeneralSecurityException {
            return credentials(ClientCredentials.fromKeyDirectory(dir, name));
        }

        public Builder localData(LocalData d) {
            this.data = d;
            return this;
        }

        public Builder conditions(ConditionsSource c) {
            this.conditions = c;
            return this;
        }

        /** The model this client trains (a {@code ModelZoo} name); tasks for another are refused. */
        public Builder model(String name) {
            this.model = name;
            return this;
        }

        /** {@code envelope} (the default) or {@code none} (plaintext; tests only). Must match the coordinator's. */
        public Builder security(String mode) {
            this.security = mode == null ? null : mode.toLowerCase(Locale.ROOT);
            return this;
        }

        /** Client-side DP on every delta before sealing (must match the coordinator's privacy settings). */
        public Builder privacy(LocalPrivacy p) {
            this.privacy = p;
            return this;
        }

        /** Update compression with error feedback (must match the coordinator's). */
        public Builder compression(CompressionConfig c) {
            this.compression = c;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder requestTimeout(Duration d) {
            this.requestTimeout = d;
            return this;
        }

        /** Bytes per upload chunk (at most the gateway's {@code max-chunk-bytes}, 1 MiB by default). */
        public Builder chunkBytes(int bytes) {
            this.chunkBytes = bytes;
            return this;
        }

        /** The first and the largest ceiling of the jittered exponential backoff after connection failures. */
        public Builder backoff(Duration base, Duration cap) {
            this.backoffBase = base;
            this.backoffCap = cap;
            return this;
        }

        /** Attempts to resume one transfer on the same gateway before the cycle is abandoned. */
        public Builder transferAttempts(int n) {
            this.transferAttempts = n;
            return this;
        }

        /** How long to wait after a cycle that gave no "retry after" (skipped, refused, submitted). */
        public Builder idleCheckIn(Duration d) {
            this.idleCheckIn = d;
            return this;
        }

        /** The source of backoff and retry jitter (a seeded one makes tests repeatable). */
        public Builder random(Random r) {
            this.random = r;
            return this;
        }

        public FlotillaClient build() throws GeneralSecurityException {
            if (gateways.isEmpty() || credentials == null || data == null || model == null || conditions == null
                    || security == null || compression == null || random == null) {
                throw new IllegalArgumentException("gateways, credentials, local data, model, conditions, security, "
                        + "compression and random are required");
            }
            return new FlotillaClient(this);
        }
    }
}
