package io.flotilla.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.flotilla.crypto.Sha256;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.fit.TrainConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * A stand-in gateway for the SDK's unit tests (module gateway's own tests run the real one with the SDK): a real
 * HTTPS server (the JDK's, TLS 1.3, client certificate required, trusting only the federation CA) that serves the
 * edge protocol of docs/edge.md for one staged task, takes the client's id from its certificate, puts in the task
 * the round terms its {@link Terms} source gives for that client (a coordinator's signature, or a forgery), and can
 * drop a connection in the middle of a download or an upload chunk, once.
 */
final class TestGateway implements AutoCloseable {
    private final HttpsServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private volatile Map<String, Object> task;
    private volatile int taskRound;
    private volatile long retryAfterMillis = 50;
    private volatile boolean unavailable;
    private volatile Terms terms = (client, task) -> null;

    /** The signed terms the offer of {@code task} to {@code client} carries (null: none). */
    @FunctionalInterface
    interface Terms {
        byte[] of(String client, Map<String, Object> task) throws Exception;
    }

    // Faults, each used once.
    private final AtomicLong dropDownloadAfter = new AtomicLong(-1);
    private final AtomicLong dropUploadAfter = new AtomicLong(-1);
    private final java.util.concurrent.atomic.AtomicBoolean dropFinishAnswer =
            new java.util.concurrent.atomic.AtomicBoolean();

    // What happened.
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger checkIns = new AtomicInteger();
    final List<String> ranges = Collections.synchronizedList(new ArrayList<>());
    final List<String> clientIds = Collections.synchronizedList(new ArrayList<>());
    final List<String> refusals = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger uploadResyncs = new AtomicInteger();
    final AtomicLong bytesServed = new AtomicLong();
    volatile String lastCheckIn;
    /** {@link System#nanoTime()} of the first check-in, 0 before it. */
    volatile long firstCheckInNanos;
    volatile byte[] uploaded;
    volatile String uploadedReport;

    // The one upload.
    private volatile String uploadSha;
    private volatile ByteArrayOutputStream upload;
    private volatile long uploadSize;

    /** A gateway presenting {@code name}'s key of {@code keys}, trusting the CA of {@code trust}. */
    TestGateway(KeyDirectory keys, String name, KeyDirectory trust) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(TestPki.load(keys.nodeStore(name)), TestPki.password(keys.nodeStore(name)));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(TestPki.load(trust.trustStore()));
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx) {
            @Override
            public void configure(HttpsParameters p) {
                SSLParameters sp = ctx.getDefaultSSLParameters();
                sp.setNeedClientAuth(true);
                sp.setProtocols(new String[] {"TLSv1.3"});
                p.setSSLParameters(sp);
            }
        });
        server.createContext("/v1/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    URI url() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers every check-in 503 unavailable, as a gateway shutting down does. */
    void unavailable(boolean u) {
        unavailable = u;
    }

    /** Where the terms of offered tasks come from, e.g. {@code pki::signed} as a coordinator signs them. */
    void terms(Terms source) {
        terms = source;
    }

    void retryAfter(long millis) {
        retryAfterMillis = millis;
    }

    String publish(byte[] blob) {
        String sha = Sha256.hex(blob);
        blobs.put(sha, blob.clone());
        return sha;
    }

    /** Offers a task at the next check-ins (until the upload finishes). */
    void stage(int round, long version, String model, int count, byte[] global, byte[] mask, TrainConfig c,
               long seed, long deadline, String security, byte[] roundKey, long maxUploadBytes) {
        publish(global);
        if (mask != null) {
            publish(mask);
        }
        taskRound = round;
        task = taskJson(round, version, model, count, global, mask, c, seed, deadline, security, roundKey,
                maxUploadBytes);
    }

    /** The protocol's {@code TaskOffer.task} object for these values. */
    static Map<String, Object> taskJson(int round, long version, String model, int count, byte[] global, byte[] mask,
                                        TrainConfig c, long seed, long deadline, String security, byte[] roundKey,
                                        long maxUploadBytes) {
        Map<String, Object> t = new java.util.LinkedHashMap<>();
        t.put("round", round);
        t.put("modelVersion", version);
        t.put("model", model);
        t.put("parameterCount", count);
        t.put("terms", null);
        t.put("parameters", blobRef(Sha256.hex(global), global.length));
        t.put("mask", mask == null ? null : blobRef(Sha256.hex(mask), mask.length));
        Map<String, Object> cfg = new java.util.LinkedHashMap<>();
        cfg.put("epochs", c.epochs());
        cfg.put("batchSize", c.batchSize());
        cfg.put("learningRate", c.learningRate());
        cfg.put("momentum", c.momentum());
        cfg.put("weightDecay", c.weightDecay());
        cfg.put("nesterov", c.nesterov());
        cfg.put("optimizer", c.optimizer().name().toLowerCase(Locale.ROOT));
        cfg.put("proximalMu", c.proximalMu());
        cfg.put("dpSgdNoiseMultiplier", c.dpSgdNoiseMultiplier());
        cfg.put("dpSgdClipNorm", c.dpSgdClipNorm());
        t.put("config", cfg);
        t.put("seed", seed);
        t.put("deadlineEpochMillis", deadline);
        t.put("security", security);
        t.put("roundKey", roundKey == null ? null : Base64.getEncoder().encodeToString(roundKey));
        t.put("maxUploadBytes", maxUploadBytes);
        t.put("uploadUrl", "/v1/rounds/" + round + "/uploads");
        return t;
    }

    /** The task as the SDK parses it from the wire. */
    static RoundTask parsed(Map<String, Object> taskJson) {
        return RoundTask.from(EdgeJson.parse(EdgeJson.write(taskJson), "task"));
    }

    private static Map<String, Object> blobRef(String sha, long size) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("sha256", sha);
        m.put("size", size);
        m.put("url", "/v1/blobs/" + sha);
        return m;
    }

    void dropDownloadOnceAfter(long bytes) {
        dropDownloadAfter.set(bytes);
    }

    /** The next finish goes through, but its answer is lost with the connection. */
    void dropFinishAnswerOnce() {
        dropFinishAnswer.set(true);
    }

    void dropUploadOnceAfter(long bytes) {
        dropUploadAfter.set(bytes);
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try {
            X509Certificate peer = (X509Certificate) ((HttpsExchange) ex).getSSLSession().getPeerCertificates()[0];
            String client = SubjectNames.attribute(peer, "CN");
            clientIds.add(client);
            route(ex, client);
        } catch (IOException e) {
            // The staged faults: the connection drops.
            throw e;
        } catch (Exception e) {
            json(ex, 500, "{\"error\":\"internal\",\"message\":\"" + e + "\"}");
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex, String client) throws Exception {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        if (method.equals("POST") && path.equals("/v1/check-in")) {
            if (checkIns.incrementAndGet() == 1) {
                firstCheckInNanos = System.nanoTime();
            }
            lastCheckIn = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (unavailable) {
                json(ex, 503, "{\"error\":\"unavailable\",\"message\":\"shutting down\"}");
                return;
            }
            Map<String, Object> staged = task;
            if (staged == null) {
                json(ex, 200, "{\"status\":\"retry\",\"retryAfterMillis\":" + retryAfterMillis + "}");
                return;
            }
            Map<String, Object> t = TestPki.withTerms(new java.util.LinkedHashMap<>(staged), terms.of(client, staged));
            json(ex, 200, "{\"status\":\"task\",\"task\":" + new String(EdgeJson.write(t), StandardCharsets.UTF_8)
                    + "}");
        } else if (method.equals("GET") && path.startsWith("/v1/blobs/")) {
            blob(ex, path.substring("/v1/blobs/".length()));
        } else if (method.equals("POST") && path.equals("/v1/rounds/" + taskRound + "/uploads")) {
            EdgeJson body = EdgeJson.parse(ex.getRequestBody().readAllBytes(), "UploadCreate");
            uploadSha = body.string("sha256");
            uploadSize = body.integer("size");
            uploadedReport = body.has("report") ? "present" : null;
            upload = new ByteArrayOutputStream();
            json(ex, 201, uploadJson());
        } else if (method.equals("PATCH") && path.equals("/v1/uploads/u-1")) {
            patch(ex);
        } else if (method.equals("GET") && path.equals("/v1/uploads/u-1")) {
            uploadResyncs.incrementAndGet();
            json(ex, 200, uploadJson());
        } else if (method.equals("POST") && path.equals("/v1/uploads/u-1/finish")) {
            if (uploaded != null) {
                // As the real gateway: a finished upload is handed on and forgotten.
                json(ex, 404, "{\"error\":\"unknown_upload\",\"message\":\"no such upload\"}");
                return;
            }
            byte[] all = upload.toByteArray();
            if (!Sha256.hex(all).equals(uploadSha)) {
                json(ex, 422, "{\"error\":\"sha256_mismatch\",\"message\":\"hash\"}");
                return;
            }
            uploaded = all;
            task = null;
            if (dropFinishAnswer.getAndSet(false)) {
                throw new IOException("test: the finish's answer is lost");
            }
            json(ex, 202, "{\"round\":" + taskRound + ",\"status\":\"pending\",\"reason\":null,\"detail\":null}");
        } else if (method.equals("GET") && path.equals("/v1/rounds/" + taskRound + "/result")) {
            json(ex, 200, "{\"round\":" + taskRound + ",\"status\":\"accepted\",\"reason\":null,\"detail\":null}");
        } else if (method.equals("POST") && path.equals("/v1/rounds/" + taskRound + "/refusal")) {
            refusals.add(EdgeJson.parse(ex.getRequestBody().readAllBytes(), "Refusal").string("reason"));
            task = null;
            json(ex, 200, "{\"round\":" + taskRound + ",\"status\":\"refused\",\"reason\":null,\"detail\":null}");
        } else {
            json(ex, 404, "{\"error\":\"not_found\",\"message\":\"" + method + " " + path + "\"}");
        }
    }

    private String uploadJson() {
        long offset = upload.size();
        return "{\"uploadId\":\"u-1\",\"round\":" + taskRound + ",\"size\":" + uploadSize + ",\"offset\":" + offset
                + ",\"complete\":" + (offset == uploadSize) + ",\"url\":\"/v1/uploads/u-1\"}";
    }

    private void blob(HttpExchange ex, String sha) throws IOException {
        byte[] b = blobs.get(sha);
        if (b == null) {
            json(ex, 404, "{\"error\":\"blob_not_found\",\"message\":\"" + sha + "\"}");
            return;
        }
        String range = ex.getRequestHeaders().getFirst("Range");
        int from = 0;
        if (range != null) {
            ranges.add(range);
            from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (b.length - 1) + "/" + b.length);
        }
        ex.getResponseHeaders().add("ETag", "\"" + sha + "\"");
        ex.getResponseHeaders().add("Accept-Ranges", "bytes");
        ex.sendResponseHeaders(range != null ? 206 : 200, b.length - from);
        long drop = dropDownloadAfter.getAndSet(-1);
        try (OutputStream out = ex.getResponseBody()) {
            int len = drop >= 0 ? (int) Math.min(drop, b.length - from) : b.length - from;
            out.write(b, from, len);
            bytesServed.addAndGet(len);
            if (drop >= 0) {
                out.flush();
                // Closing a fixed-length body short of its length drops the connection: the client sees EOF.
                throw new IOException("test: connection dropped after " + len + " bytes");
            }
        }
    }

    private void patch(HttpExchange ex) throws IOException {
        long offset = Long.parseLong(ex.getRequestHeaders().getFirst("Upload-Offset"));
        if (offset != upload.size()) {
            json(ex, 409, "{\"error\":\"offset_mismatch\",\"message\":\"m\",\"offset\":" + upload.size() + "}");
            return;
        }
        long drop = dropUploadAfter.getAndSet(-1);
        try (InputStream in = ex.getRequestBody()) {
            if (drop >= 0) {
                // Commit part of the chunk, then drop the connection without an answer.
                upload.write(in.readNBytes((int) drop));
                throw new IOException("test: upload connection dropped");
            }
            upload.write(in.readAllBytes());
        }
        if (upload.size() > uploadSize) {
            json(ex, 413, "{\"error\":\"too_large\",\"message\":\"past the size\"}");
            return;
        }
        json(ex, 200, uploadJson());
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
