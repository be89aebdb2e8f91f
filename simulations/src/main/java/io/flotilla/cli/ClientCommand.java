package io.flotilla.cli;

import io.flotilla.sdk.SdkMain;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flotilla client --config FILE}: runs a deployed client through the client SDK, which connects outbound
 * over HTTPS to the federation's gateways and never joins the cluster (docs/edge-client.md). The cluster-member
 * client agent ({@code client.ClientMain}) now runs only inside the federation's own simulation hosts.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Run a client: checks in with the gateways over HTTPS (TLS 1.3, client certificate), trains on "
                + "its private data and uploads sealed updates.")
public final class ClientCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "HOCON configuration file")
    Path config;

    @Override
    public Integer call() {
        return SdkMain.run(config, System.err);
    }
}
