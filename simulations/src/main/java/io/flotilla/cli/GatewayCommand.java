package io.flotilla.cli;

import io.flotilla.gateway.GatewayMain;
import io.flotilla.node.NodeLauncher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flotilla gateway --config FILE}: runs a gateway node (see docs/edge.md). */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Run a gateway node: joins the cluster with role gateway and serves clients over HTTPS.")
public final class GatewayCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "HOCON configuration file")
    Path config;

    @Override
    public Integer call() throws Exception {
        return NodeLauncher.exitCode(GatewayMain::run, config, System.err);
    }
}
