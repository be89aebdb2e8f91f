package io.flotilla.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code flotilla} command tree. Each command is its own class; add it to {@code subcommands} below.
 */
@Command(name = "flotilla",
        mixinStandardHelpOptions = true,
        version = "Flotilla 0.1.0-SNAPSHOT",
        description = "Federated training on Akka Cluster: encrypted deltas, federated averaging, pruning, privacy.",
        subcommands = {
            CommandLine.HelpCommand.class,
            SimulateCommand.class,
            TrainCommand.class,
            ModelCommand.class,
            CoordinatorCommand.class,
            GatewayCommand.class,
            ClientCommand.class,
            KeysCommand.class,
            PrivacyCommand.class,
        })
public final class FlotillaMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new FlotillaMain()).execute(args));
    }
}
