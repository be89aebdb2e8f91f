package io.flotilla.gateway.http;

import akka.actor.typed.ActorSystem;
import akka.http.javadsl.ConnectionContext;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import akka.http.javadsl.settings.ServerSettings;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.CompletionStage;

/**
 * Binds the edge: Akka HTTP over {@link EdgeTls}, with the server settings that carry the {@link EdgeLimits}
 * (connections, idle and request timeouts, header and body sizes) and the TLS session and remote address exposed
 * to the handler as request attributes.
 */
public final class EdgeServer {
    /** Akka's own request timeout trails the handler's, so that a slow request gets the handler's JSON 503. */
    private static final long AKKA_TIMEOUT_SLACK_MS = 2000;

    private EdgeServer() {
    }

    /** Listens on {@code host:port} (0: any free port) until the binding is unbound. */
    public static CompletionStage<ServerBinding> bind(ActorSystem<?> system, String host, int port, EdgeTls tls,
                                                      EdgeLimits limits, EdgeHandler handler) {
        return Http.get(system).newServerAt(host, port)
                .enableHttps(ConnectionContext.httpsServer(tls::newServerEngine))
                .withSettings(settings(system.settings().config(), limits))
                .bind(handler);
    }

    /** The Akka HTTP server settings of {@code limits} over the system's own. */
    static ServerSettings settings(Config system, EdgeLimits limits) {
        // The global content cap only backstops the handler's per-endpoint caps, which answer in JSON.
        long maxBody = Math.max(limits.maxChunkBytes(), limits.maxJsonBytes()) + 1024L;
        Config c = ConfigFactory.parseString(""
                + "akka.http.server.max-connections = " + limits.maxConnections() + "\n"
                + "akka.http.server.idle-timeout = " + limits.idleTimeout().toMillis() + "ms\n"
                + "akka.http.server.request-timeout = "
                + (limits.requestTimeout().toMillis() + AKKA_TIMEOUT_SLACK_MS) + "ms\n"
                + "akka.http.server.remote-address-attribute = on\n"
                + "akka.http.server.parsing.ssl-session-attribute = on\n"
                + "akka.http.server.parsing.max-header-value-length = " + limits.maxHeaderBytes() + "\n"
                + "akka.http.server.parsing.max-content-length = " + maxBody + "\n"
                + "akka.http.server.server-header = \"\"\n");
        return ServerSettings.create(c.withFallback(system));
    }
}
