package io.flotilla.gateway.http;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.http.javadsl.model.AttributeKeys;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpHeader;
import akka.http.javadsl.model.HttpMethod;
import akka.http.javadsl.model.HttpMethods;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.RemoteAddress;
import akka.http.javadsl.model.SslSessionInfo;
import akka.http.javadsl.model.headers.AcceptRanges;
import akka.http.javadsl.model.headers.ContentRange;
import akka.http.javadsl.model.headers.ETag;
import akka.http.javadsl.model.headers.EntityTag;
import akka.http.javadsl.model.headers.RangeUnits;
import akka.http.javadsl.model.headers.RetryAfter;
import akka.http.scaladsl.model.EntityStreamSizeException;
import akka.japi.function.Function;
import akka.util.ByteString;
import io.flotilla.gateway.api.ByteRange;
import io.flotilla.gateway.api.EdgeError;
import io.flotilla.gateway.api.EdgeException;
import io.flotilla.gateway.api.EdgeJson;
import io.flotilla.gateway.api.EntityTags;
import io.flotilla.gateway.api.RoundResult;
import io.flotilla.gateway.api.UploadOffset;
import io.flotilla.gateway.edge.EdgeClient;
import io.flotilla.gateway.edge.EdgeCounters;
import io.flotilla.gateway.edge.EdgeDirectory;
import io.flotilla.gateway.edge.EdgeReply;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The v1 endpoints of docs/edge.md as one request handler: the peer's identity from its verified certificate,
 * revocation, role and enrolment checks, the per-client rate limit and body caps, then the request parsed and
 * handed to the client's actor, whose answer becomes the response. Every refusal is a JSON error, counted under
 * {@code error.<code>} and logged once with the peer.
 */
public final class EdgeHandler implements Function<HttpRequest, CompletionStage<HttpResponse>> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EdgeHandler.class);
    private static final String CLIENT_ROLE = "client";
    private static final String HEX64 = "[0-9a-f]{64}";
    private static final String UPLOAD_ID = "u-[0-9a-f]{32}";

    private final transient ActorSystem<?> system;
    private final transient ActorRef<EdgeDirectory.Command> directory;
    private final EdgeLimits limits;
    private final transient RevocationList revocations;
    private final transient EnrolledClients enrolled;
    private final transient TokenBuckets buckets;
    private final transient EdgeCounters counters;
    private final String gatewayName;

    public EdgeHandler(ActorSystem<?> system, ActorRef<EdgeDirectory.Command> directory, EdgeLimits limits,
                       RevocationList revocations, EnrolledClients enrolled, TokenBuckets buckets,
                       EdgeCounters counters, String gatewayName) {
        this.system = system;
        this.directory = directory;
        this.limits = limits;
        this.revocations = revocations;
        this.enrolled = enrolled;
        this.buckets = buckets;
        this.counters = counters;
        this.gatewayName = gatewayName;
    }

    /** What a response is built for: the request and who sent it, for the one log line of a refusal. */
    private record Call(HttpRequest request, String peer) {
    }

    @Override
    public CompletionStage<HttpResponse> apply(HttpRequest request) {
        Call anonymous = new Call(request, address(request));
        Call call = anonymous;
        try {
            PeerIdentity peer = peer(request);
            Call known = new Call(request, peer.name() + "@" + anonymous.peer());
            call = known;
            if (revocations.isRevoked(peer.serial())) {
                throw new EdgeException(EdgeError.REVOKED, "certificate of '" + peer.name() + "' is revoked");
            }
            List<String> path = segments(request);
            if (path.equals(List.of("v1", "status"))) {
                return status(known);
            }
            if (!CLIENT_ROLE.equals(peer.role())) {
                throw new EdgeException(EdgeError.WRONG_ROLE, "a certificate of role '" + peer.role()
                        + "' is not a client's");
            }
            if (!enrolled.isEnrolled(peer.name())) {
                throw new EdgeException(EdgeError.NOT_ENROLLED, "client '" + peer.name()
                        + "' has no enrolled identity key");
            }
            long wait = buckets.tryAcquire(peer.name(), System.nanoTime());
            if (wait > 0) {
                request.discardEntityBytes(system);
                return CompletableFuture.completedFuture(error(call, EdgeError.RATE_LIMITED,
                        "too many requests; retry in " + wait + " ms", -1)
                        .addHeader(RetryAfter.create((wait + 999) / 1000)));
            }
            return route(known, peer.name(), path).exceptionally(e -> failure(known, e));
        } catch (EdgeException e) {
            request.discardEntityBytes(system);
            return CompletableFuture.completedFuture(error(call, e.error(), e.getMessage(), e.committedOffset()));
        }
    }

    private CompletionStage<HttpResponse> route(Call call, String client, List<String> p) {
        HttpRequest req = call.request();
        HttpMethod m = req.method();
        int n = p.size();
        if (n < 2 || !p.get(0).equals("v1")) {
            throw new EdgeException(EdgeError.NOT_FOUND, "no such endpoint");
        }
        String top = p.get(1);
        if (top.equals("check-in") && n == 2) {
            expect(m, HttpMethods.POST);
            return json(req).thenCompose(body -> ask(client, r -> new EdgeClient.CheckInRequest(
                    EdgeJson.checkIn(body), r))).thenApply(reply -> respond(call, reply, 200));
        }
        if (top.equals("blobs") && n == 3) {
            expect(m, HttpMethods.GET);
            String sha = p.get(2);
            if (!sha.matches(HEX64)) {
                throw new EdgeException(EdgeError.BLOB_NOT_FOUND, "a blob is named by 64 lower-case hex digits");
            }
            discard(req);
            return ask(client, r -> new EdgeClient.BlobQuery(sha, r)).thenCompose(reply -> blob(call, reply));
        }
        if (top.equals("rounds") && n >= 4) {
            int round = round(p.get(2));
            String what = p.get(3);
            if (what.equals("refusal") && n == 4) {
                expect(m, HttpMethods.POST);
                return json(req).thenCompose(body -> ask(client, r -> new EdgeClient.RefuseRequest(round,
                        EdgeJson.refusal(body), r))).thenApply(reply -> respond(call, reply, 200));
            }
            if (what.equals("uploads") && n == 4) {
                expect(m, HttpMethods.POST);
                return json(req).thenCompose(body -> ask(client, r -> new EdgeClient.CreateUpload(round,
                        EdgeJson.uploadCreate(body), r))).thenApply(reply -> respond(call, reply, 200));
            }
            if (what.equals("result") && n == 4) {
                expect(m, HttpMethods.GET);
                discard(req);
                return ask(client, r -> new EdgeClient.ResultQuery(round, r))
                        .thenApply(reply -> respond(call, reply, 200));
            }
            if (what.equals("secagg") && n == 5) {
                throw new EdgeException(EdgeError.NOT_IMPLEMENTED, "secure aggregation is not served at the "
                        + "edge yet");
            }
        }
        if (top.equals("uploads") && (n == 3 || n == 4)) {
            String id = p.get(2);
            if (!id.matches(UPLOAD_ID)) {
                throw new EdgeException(EdgeError.UNKNOWN_UPLOAD, "no such upload");
            }
            if (n == 4 && p.get(3).equals("finish")) {
                expect(m, HttpMethods.POST);
                discard(req);
                return ask(client, r -> new EdgeClient.FinishUpload(id, r))
                        .thenApply(reply -> respond(call, reply, 202));
            }
            if (n == 3 && m.equals(HttpMethods.GET)) {
                discard(req);
                return ask(client, r -> new EdgeClient.UploadQuery(id, r))
                        .thenApply(reply -> respond(call, reply, 200));
            }
            if (n == 3) {
                expect(m, HttpMethods.PATCH);
                long offset = UploadOffset.parse(req.getHeader(UploadOffset.HEADER).map(HttpHeader::value)
                        .orElse(null));
                return body(req, limits.maxChunkBytes(), "chunk").thenCompose(bytes -> ask(client,
                        r -> new EdgeClient.AppendChunk(id, offset, bytes, r)))
                        .thenApply(reply -> respond(call, reply, 200));
            }
        }
        if (top.equals("evaluations")) {
            throw new EdgeException(EdgeError.NOT_IMPLEMENTED, "federated evaluation is not served at the edge yet");
        }
        throw new EdgeException(EdgeError.NOT_FOUND, "no such endpoint");
    }

    // ---- replies into responses ----

    private HttpResponse respond(Call call, EdgeReply reply, int successStatus) {
        if (reply instanceof EdgeReply.Refused r) {
            return error(call, r.error(), r.message(), r.offset());
        }
        if (reply instanceof EdgeReply.Retry r) {
            return ok(200, EdgeJson.retry(r.afterMillis()));
        }
        if (reply instanceof EdgeReply.Task t) {
            return ok(200, EdgeJson.task(t.offer()));
        }
        if (reply instanceof EdgeReply.Upload u) {
            return ok(u.created() ? 201 : 200, EdgeJson.upload(u.view()));
        }
        if (reply instanceof EdgeReply.Result r) {
            int status = successStatus == 202 && r.result().status() == RoundResult.Status.PENDING ? 202 : 200;
            return ok(status, EdgeJson.result(r.result()));
        }
        throw new IllegalStateException("unexpected reply " + reply.getClass().getSimpleName());
    }

    private CompletionStage<HttpResponse> blob(Call call, EdgeReply reply) {
        if (!(reply instanceof EdgeReply.Blob b)) {
            return CompletableFuture.completedFuture(respond(call, reply, 200));
        }
        HttpRequest req = call.request();
        List<HttpHeader> tags = List.of(ETag.create(EntityTag.create(b.sha256(), false)),
                AcceptRanges.create(RangeUnits.BYTES));
        String ifNoneMatch = req.getHeader("If-None-Match").map(HttpHeader::value).orElse(null);
        if (EntityTags.noneMatchHits(ifNoneMatch, b.sha256())) {
            return CompletableFuture.completedFuture(HttpResponse.create().withStatus(304).addHeaders(tags));
        }
        Optional<String> rangeHeader = req.getHeader("Range").map(HttpHeader::value);
        ByteRange range;
        try {
            range = rangeHeader.map(h -> ByteRange.parse(h, b.size())).orElse(null);
        } catch (EdgeException e) {
            HttpResponse r = error(call, e.error(), e.getMessage(), -1);
            return CompletableFuture.completedFuture(e.error() == EdgeError.RANGE_NOT_SATISFIABLE
                    ? r.addHeader(ContentRange.create(RangeUnits.BYTES,
                            akka.http.javadsl.model.ContentRange.createUnsatisfiable(b.size()))) : r);
        }
        return b.bytes().toCompletableFuture().orTimeout(limits.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((bytes, failure) -> {
                    if (failure != null) {
                        return error(call, EdgeError.UNAVAILABLE, "the gateway could not fetch blob " + b.sha256()
                                + " from the coordinator; retry later", -1);
                    }
                    if (range == null) {
                        counters.add(EdgeCounters.BLOB_BYTES_SERVED, bytes.length);
                        return HttpResponse.create().withStatus(200).addHeaders(tags).withEntity(HttpEntities.create(
                                ContentTypes.APPLICATION_OCTET_STREAM, ByteString.fromArrayUnsafe(bytes)));
                    }
                    counters.add(EdgeCounters.BLOB_BYTES_SERVED, range.length());
                    // The cached array is never written to, so a view of it is safe to hand to the connection.
                    ByteString slice = ByteString.fromArrayUnsafe(bytes, (int) range.first(), (int) range.length());
                    return HttpResponse.create().withStatus(206).addHeaders(tags)
                            .addHeader(ContentRange.create(RangeUnits.BYTES, akka.http.javadsl.model.ContentRange
                                    .create(range.first(), range.last(), b.size())))
                            .withEntity(HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, slice));
                });
    }

    private CompletionStage<HttpResponse> status(Call call) {
        discard(call.request());
        return AskPattern.<EdgeDirectory.Command, Integer>ask(directory, EdgeDirectory.CountClients::new,
                limits.requestTimeout(), system.scheduler())
                .thenApply(clients -> ok(200, EdgeJson.status(gatewayName, clients, counters.snapshot())));
    }

    private static HttpResponse ok(int status, byte[] json) {
        return HttpResponse.create().withStatus(status).withEntity(ContentTypes.APPLICATION_JSON, json);
    }

    private HttpResponse error(Call call, EdgeError error, String message, long offset) {
        counters.error(error.code());
        LOG.info("edge refusal to {}: {} {} -> {} {}: {}", call.peer(), call.request().method().name(),
                call.request().getUri().path(), error.status(), error.code(), message);
        return HttpResponse.create().withStatus(error.status())
                .withEntity(ContentTypes.APPLICATION_JSON, EdgeJson.error(error, message, offset));
    }

    private HttpResponse failure(Call call, Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof EdgeException e) {
            return error(call, e.error(), e.getMessage(), e.committedOffset());
        }
        if (cause instanceof TimeoutException) {
            return error(call, EdgeError.UNAVAILABLE, "the gateway did not answer in time; retry later", -1);
        }
        LOG.error("edge request from {} failed", call.peer(), cause);
        return error(call, EdgeError.UNAVAILABLE, "internal error; retry later", -1);
    }

    // ---- request pieces ----

    private CompletionStage<EdgeReply> ask(String client,
                                           java.util.function.Function<ActorRef<EdgeReply>, EdgeClient.Request> make) {
        return AskPattern.ask(directory, r -> new EdgeDirectory.Deliver(client, make.apply(r)),
                limits.requestTimeout(), system.scheduler());
    }

    private CompletionStage<byte[]> json(HttpRequest req) {
        return body(req, limits.maxJsonBytes(), "JSON body");
    }

    /** The request body, at most {@code max} bytes; a larger one fails with {@code too_large}. */
    private CompletionStage<byte[]> body(HttpRequest req, int max, String what) {
        java.util.OptionalLong declared = req.entity().getContentLengthOption();
        if (declared.isPresent() && declared.getAsLong() > max) {
            throw new EdgeException(EdgeError.TOO_LARGE, what + " of " + declared.getAsLong()
                    + " bytes is over the limit of " + max);
        }
        return req.entity().toStrict(limits.requestTimeout().toMillis(), max, system)
                .handle((strict, failure) -> {
                    if (failure == null) {
                        return strict.getData().toArray();
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof EntityStreamSizeException) {
                        throw new EdgeException(EdgeError.TOO_LARGE, what + " is over the limit of " + max
                                + " bytes");
                    }
                    throw new EdgeException(EdgeError.BAD_REQUEST, what + " could not be read: "
                            + cause.getClass().getSimpleName());
                });
    }

    private void discard(HttpRequest req) {
        req.discardEntityBytes(system);
    }

    private static void expect(HttpMethod actual, HttpMethod expected) {
        if (!actual.equals(expected)) {
            throw new EdgeException(EdgeError.METHOD_NOT_ALLOWED, "use " + expected.name() + " here");
        }
    }

    private static int round(String s) {
        if (!s.matches("[1-9][0-9]{0,8}")) {
            throw new EdgeException(EdgeError.BAD_REQUEST, "a round is a whole number from 1");
        }
        return Integer.parseInt(s);
    }

    private static List<String> segments(HttpRequest req) {
        List<String> out = new java.util.ArrayList<>();
        for (String s : req.getUri().pathSegments()) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static PeerIdentity peer(HttpRequest req) {
        Optional<SslSessionInfo> ssl = req.getAttribute(AttributeKeys.sslSession);
        if (ssl.isEmpty()) {
            throw new EdgeException(EdgeError.NO_CERTIFICATE, "no TLS session");
        }
        try {
            return PeerIdentity.of(ssl.get().getSession());
        } catch (SSLPeerUnverifiedException e) {
            throw new EdgeException(EdgeError.NO_CERTIFICATE, "no verified client certificate: " + e.getMessage());
        }
    }

    private static String address(HttpRequest req) {
        return req.getAttribute(AttributeKeys.remoteAddress).map(RemoteAddress::toString).orElse("?");
    }
}
