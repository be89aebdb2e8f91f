package io.flotilla.gateway;

import io.flotilla.crypto.pki.KeyDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * A test's edge client: the JDK's HttpClient over TLS 1.3 with a node's certificate from a key directory (or none),
 * trusting that directory's CA, speaking to a gateway whose certificate is issued to {@code localhost}.
 */
final class EdgeHttp {
    private final HttpClient http;
    private final String base;

    private EdgeHttp(HttpClient http, int port) {
        this.http = http;
        this.base = "https://localhost:" + port;
    }

    /** A client presenting node {@code name}'s certificate of {@code keys}, trusting {@code trust}'s CA. */
    static EdgeHttp as(KeyDirectory keys, String name, KeyDirectory trust, int port) throws Exception {
        return new EdgeHttp(client(keys, name, trust), port);
    }

    /** A client presenting no certificate at all. */
    static EdgeHttp anonymous(KeyDirectory trust, int port) throws Exception {
        return new EdgeHttp(client(null, null, trust), port);
    }

    private static HttpClient client(KeyDirectory keys, String name, KeyDirectory trust)
            throws IOException, GeneralSecurityException {
        KeyManagerFactory kmf = null;
        if (keys != null) {
            char[] pw = password(keys.nodeStore(name));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(keys.nodeStore(name), pw), pw);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(trust.trustStore(), password(trust.trustStore())));
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
        SSLParameters params = new SSLParameters();
        params.setProtocols(new String[] {"TLSv1.3"});
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ctx).sslParameters(params)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static KeyStore load(Path file, char[] pw) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, pw);
        }
        return ks;
    }

    private static char[] password(Path store) throws IOException {
        return Files.readString(KeyDirectory.passwordFile(store), StandardCharsets.US_ASCII).trim().toCharArray();
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(90));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> sendForBytes(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    static String checkInJson(String model, int examples, boolean ready) {
        return "{\"sdk\": \"test-sdk/1\", \"model\": \"" + model + "\", \"examples\": " + examples
                + ", \"security\": \"envelope\", \"conditions\": {\"charging\": " + ready
                + ", \"unmetered\": true, \"idle\": true, \"freeMemoryBytes\": 1000000}}";
    }
}
