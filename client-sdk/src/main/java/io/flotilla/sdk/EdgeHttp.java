package io.flotilla.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * HTTP to one gateway, over the client's TLS 1.3 context: JSON requests and answers, with an error answer turned
 * into a {@link GatewayRefusal}. An {@link IOException} means the connection failed or dropped (the caller retries,
 * resumes or fails over); an {@link InterruptedException} that the client is closing.
 */
final class EdgeHttp {
    private static final String JSON = "application/json";
    private final HttpClient http;
    private final URI base;
    private final Duration requestTimeout;

    EdgeHttp(HttpClient http, URI base, Duration requestTimeout) {
        this.http = http;
        this.base = base;
        this.requestTimeout = requestTimeout;
    }

    URI base() {
        return base;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(requestTimeout);
    }

    /** POSTs {@code body} as JSON to {@code path}; the answer's JSON on 2xx, else a {@link GatewayRefusal}. */
    EdgeJson postJson(String path, Map<String, ?> body) throws IOException, InterruptedException {
        HttpRequest req = request(path).header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(EdgeJson.write(body))).build();
        return json(req, "POST " + path);
    }

    EdgeJson get(String path) throws IOException, InterruptedException {
        return json(request(path).GET().build(), "GET " + path);
    }

    /** Sends {@code req} and reads a JSON answer; a non-2xx answer becomes a {@link GatewayRefusal}. */
    EdgeJson json(HttpRequest req, String what) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        byte[] body = readCapped(r.body(), EdgeJson.MAX_BYTES);
        if (r.statusCode() / 100 != 2) {
            throw GatewayRefusal.from(r.statusCode(), body);
        }
        return EdgeJson.parse(body, what);
    }

    /** Sends {@code req} with the answer body as a stream (blob downloads). */
    HttpResponse<InputStream> stream(HttpRequest req) throws IOException, InterruptedException {
        return http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Reads all of {@code in}, refusing more than {@code max} bytes (a JSON answer is small). */
    static byte[] readCapped(InputStream in, int max) throws IOException {
        try (InputStream s = in) {
            byte[] b = s.readNBytes(max + 1);
            if (b.length > max) {
                throw new EdgeProtocolException("gateway answer over " + max + " bytes");
            }
            return b;
        }
    }
}
