package io.flotilla.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The logging the {@code flotilla} and {@code flotilla-client} jars ship (client's {@code logback.xml}, the one copy):
 * INFO lines only, so the Receptionist's and cluster gossip's DEBUG lines never bury the round lines (issue 14: 70 of
 * 202 coordinator lines were Receptionist DEBUG lines). Read into a context of its own, since tests run with
 * {@code logback-test.xml}.
 */
class LogbackConfigTest {

    @Test
    void theShippedConfigurationLogsInfoAndAboveAndNoAkkaDebug() throws Exception {
        URL shipped = getClass().getClassLoader().getResource("logback.xml");
        assertNotNull(shipped, "logback.xml on the class path");
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(shipped);
        for (String name : new String[] {"akka.actor.typed.internal.receptionist.ClusterReceptionist",
                "akka.cluster.Cluster", "akka.remote.artery.Association", "io.flotilla.coordinator.Coordinator"}) {
            assertFalse(context.getLogger(name).isDebugEnabled(), name + " logs DEBUG");
            assertTrue(context.getLogger(name).isInfoEnabled(), name + " logs INFO");
        }
        context.stop();
    }
}
