package io.flotilla.cli;

import io.flotilla.coordinator.CoordinatorMain;
import io.flotilla.node.NodeLauncher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flotilla coordinator --config FILE}: runs a coordinator node (see docs/rounds.md). */
@Command(name = "coordinator", mixinStandardHelpOptions = true,
        description = "Run a coordinator node: joins the cluster with role coordinator and runs the rounds.")
public final class CoordinatorCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "HOCON configuration file")
    Path config;

    @Override
    public Integer call() throws Exception {
        return NodeLauncher.exitCode(CoordinatorMain::run, config, System.err);
    }
}
