package io.flotilla.node;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one entry path of a node process, coordinator or client: {@code --config FILE} on the command line, the file
 * loaded and completed into the node's cluster configuration ({@link ClusterSetup#nodeConfig}), the actor system
 * started under the federation's system name, and a JVM shutdown hook that stops it. A configuration error
 * ({@link IllegalArgumentException}) ends the process with exit code 2 and its message on standard error, never with
 * a stack trace. What a node does between start and stop is its own ({@link Node#run}).
 */
public final class NodeLauncher {
    /** Exit code of a usage or configuration error. */
    public static final int USAGE_ERROR = 2;

    private NodeLauncher() {
    }

    /** A node's body: runs from a configuration file and returns the process exit code. */
    @FunctionalInterface
    public interface Node {
        int run(Path configFile) throws IOException, InterruptedException;
    }

    /**
     * The cluster configuration of a node with {@code role} from {@code configFile}: the user's file over
     * Flotilla's defaults, with roles, seed nodes, downing and TLS filled in.
     *
     * @throws IllegalArgumentException if the file does not exist or a setting is invalid
     */
    public static Config loadConfig(Path configFile, String role) {
        if (!Files.isRegularFile(configFile)) {
            throw new IllegalArgumentException("config file not found: " + configFile);
        }
        return ClusterSetup.nodeConfig(ConfigFactory.parseFile(configFile.toFile()), role);
    }

    /** Starts a node's actor system under the federation's system name, so that nodes of one cluster meet. */
    public static ActorSystem<Void> start(Behavior<Void> guardian, Config nodeConfig) {
        return ActorSystem.create(guardian, ClusterSetup.SYSTEM_NAME, nodeConfig);
    }

    /** Runs {@code stop} when the JVM is asked to end (a signal, or the last non-daemon thread exiting). */
    public static void onShutdown(Runnable stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "flotilla-shutdown"));
    }

    /**
     * Runs {@code node} from {@code configFile} and returns its exit code; a configuration error is printed on
     * {@code err} as {@code error: MESSAGE} and gives {@link #USAGE_ERROR}.
     */
    public static int exitCode(Node node, Path configFile, PrintStream err) throws IOException, InterruptedException {
        try {
            return node.run(configFile);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return USAGE_ERROR;
        }
    }

    /**
     * The exit code of a node process started with {@code args}: exactly {@code --config FILE}, otherwise
     * {@code usage} is printed on {@code err} and the code is {@link #USAGE_ERROR}.
     */
    public static int exitCode(String[] args, String usage, Node node, PrintStream err)
            throws IOException, InterruptedException {
        if (args.length != 2 || !args[0].equals("--config")) {
            err.println("usage: " + usage);
            return USAGE_ERROR;
        }
        return exitCode(node, Path.of(args[1]), err);
    }

    /** A node's {@code main}: runs it from {@code args} and ends the JVM with its exit code. */
    public static void main(String[] args, String usage, Node node) throws IOException, InterruptedException {
        System.exit(exitCode(args, usage, node, System.err));
    }
}
