package io.flotilla.bench;

import io.flotilla.crypto.secagg.SecAggConfig;

/**
 * Secure aggregation cost table: {@code java -cp simulations/target/flotilla.jar io.flotilla.bench.SecAggReport
 * CLIENTS DROPOUT NEIGHBOURS [PARAMS]}, e.g. {@code 100 0.3 0}. NEIGHBOURS 0 is the complete graph of Bonawitz et
 * al.; an even k runs SecAgg+. The threshold is just over half of each client's share holders. Prints one
 * markdown row.
 */
public final class SecAggReport {
    private SecAggReport() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        double drop = Double.parseDouble(args[1]);
        int k = Integer.parseInt(args[2]);
        int d = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        int m = k == 0 ? n : k + 1;
        int t = m / 2 + 1;
        SecAggConfig config = SecAggConfig.withFinestScale(n, t, k, d, 0.05, 1000, 0.01, 7);
        SecAggSession.Stats s = SecAggSession.run(config, drop, 42);
        System.out.printf("| %d | %s | %.0f%% | %d | %d | %.1f | %.0f | %.0f | %.0f | %.3f |%n", n,
                k == 0 ? "complete" : "k=" + k, drop * 100, t, s.survivors(), s.clientMillis(), s.serverMillis(),
                s.upBytesPerClient(), s.downBytesPerClient(), s.expansion());
    }
}
