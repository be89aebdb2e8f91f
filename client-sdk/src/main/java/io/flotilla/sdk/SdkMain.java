package io.flotilla.sdk;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code java -jar flotilla-client-sdk.jar --config FILE} (and {@code flotilla client --config FILE}): runs the SDK
 * client's check-in loop until the process is stopped. Exit codes: 0 stopped, 2 bad usage or configuration,
 * 1 the local data could not be read.
 */
public final class SdkMain {
    static final String USAGE = "usage: java -jar flotilla-client-sdk.jar --config FILE\n"
            + "  Runs a Flotilla client: checks in with the gateways of flotilla.client.gateways over HTTPS\n"
            + "  (TLS 1.3, the client certificate of flotilla.keys.dir), trains on flotilla.client.data_dir and\n"
            + "  uploads sealed updates. Settings: docs/edge-client.md.";

    private SdkMain() {
    }

    /** Runs a client from {@code configFile} until the JVM is asked to stop; returns the exit code. */
    public static int run(Path configFile, PrintStream err) {
        FlotillaClient client;
        try {
            client = SdkConfig.client(SdkConfig.load(configFile));
        } catch (Exception e) {
            err.println("flotilla client: " + e.getMessage());
            return 2;
        }
        Thread stopper = new Thread(client::close, "flotilla-client-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            client.run();
            return 0;
        } catch (java.io.IOException e) {
            err.println("flotilla client: local data: " + e.getMessage());
            return 1;
        }
    }

    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals("--config")) {
            System.exit(run(Path.of(args[1]), System.err));
        }
        boolean help = args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"));
        (help ? System.out : System.err).println(USAGE);
        System.exit(help ? 0 : 2);
    }
}
