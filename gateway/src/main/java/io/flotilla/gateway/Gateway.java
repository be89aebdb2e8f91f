package io.flotilla.gateway;

import akka.actor.Cancellable;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.http.javadsl.ServerBinding;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.gateway.edge.EdgeCounters;
import io.flotilla.gateway.edge.EdgeDirectory;
import io.flotilla.gateway.edge.EdgeResources;
import io.flotilla.gateway.edge.ModelBlobCache;
import io.flotilla.gateway.http.EdgeHandler;
import io.flotilla.gateway.http.EdgeServer;
import io.flotilla.gateway.http.EdgeTls;
import io.flotilla.gateway.http.EnrolledClients;
import io.flotilla.gateway.http.RevocationList;
import io.flotilla.gateway.http.TokenBuckets;
import io.flotilla.wire.transfer.BlobExchange;
import io.flotilla.wire.transfer.ClusterBlobExchange;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway running in an actor system that is (or will be) a cluster member: the clients' actors under one
 * directory, the blob exchange through which models come in and updates go out, and the HTTPS edge bound to its
 * port. The revocation list and the enrolled directory are looked at again every {@code reload-interval}.
 */
public final class Gateway {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final ServerBinding binding;
    private final EdgeCounters counters;
    private final List<Cancellable> timers;

    private Gateway(ServerBinding binding, EdgeCounters counters, List<Cancellable> timers) {
        this.binding = binding;
        this.counters = counters;
        this.timers = timers;
    }

    /**
     * Starts a gateway in {@code system} with its own cluster blob exchange.
     *
     * @throws IOException when the gateway's keys cannot be read
     */
    public static CompletionStage<Gateway> start(ActorSystem<?> system, GatewaySettings s)
            throws IOException, GeneralSecurityException {
        return start(system, s, ClusterBlobExchange.start(system));
    }

    /** Starts a gateway in {@code system} that publishes and fetches through {@code blobs}. */
    public static CompletionStage<Gateway> start(ActorSystem<?> system, GatewaySettings s, BlobExchange blobs)
            throws IOException, GeneralSecurityException {
        EdgeTls tls = EdgeTls.forNode(new KeyDirectory(s.keysDir()), s.name());
        RevocationList revocations = new RevocationList(s.crl(), tls.caCertificate().getPublicKey());
        EnrolledClients enrolled = new EnrolledClients(s.enrolledDir());
        TokenBuckets buckets = new TokenBuckets(s.limits().rate(), s.limits().burst());
        EdgeCounters counters = new EdgeCounters();
        EdgeResources resources = new EdgeResources(blobs, new ModelBlobCache(blobs, s.modelCache()), counters,
                s.retryAfter(), s.presenceTimeout(), new SecureRandom());
        ActorRef<EdgeDirectory.Command> directory = system.systemActorOf(EdgeDirectory.create(resources),
                "flotilla-edge", Props.empty());
        Cancellable reload = system.scheduler().scheduleWithFixedDelay(s.reloadInterval(), s.reloadInterval(), () -> {
            revocations.refresh();
            enrolled.refresh();
            buckets.prune(System.nanoTime());
        }, system.executionContext());
        Cancellable log = system.scheduler().scheduleWithFixedDelay(s.statusLogInterval(), s.statusLogInterval(),
                () -> LOG.info("gateway {} counters: {}", s.name(), counters.snapshot()), system.executionContext());
        EdgeHandler handler = new EdgeHandler(system, directory, s.limits(), revocations, enrolled, buckets, counters,
                s.name());
        return EdgeServer.bind(system, s.host(), s.port(), tls, s.limits(), handler).thenApply(b -> {
            LOG.info("gateway {}: HTTPS edge (TLS 1.3, client certificates required) on {}", s.name(),
                    b.localAddress());
            return new Gateway(b, counters, List.of(reload, log));
        });
    }

    /** Where the edge listens. */
    public InetSocketAddress address() {
        return binding.localAddress();
    }

    public EdgeCounters counters() {
        return counters;
    }

    /** Stops accepting connections and lets open requests finish within {@code grace}. */
    public CompletionStage<?> stop(Duration grace) {
        timers.forEach(Cancellable::cancel);
        return binding.terminate(grace);
    }
}
