package io.flotilla.cli;

import io.flotilla.client.ClientMain;
import io.flotilla.node.NodeLauncher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flotilla client --config FILE}: runs a client node (see docs/rounds.md). */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Run a client node: loads its private data, joins the cluster with role client and trains.")
public final class ClientCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "HOCON configuration file")
    Path config;

    @Override
    public Integer call() throws Exception {
        return NodeLauncher.exitCode(ClientMain::run, config, System.err);
    }
}
