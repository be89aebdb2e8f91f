// Wall-clock timing of the privacy accountant (not a test: timings are never asserted).
// Run from the repository root after a build:
//   java -cp core/target/classes benchmarks/privacy/AccountantTiming.java
import io.flotilla.privacy.InsecureSeededNoise;
import io.flotilla.privacy.L2Clipping;
import io.flotilla.privacy.NoiseCalibration;
import io.flotilla.privacy.PrivacyLedger;
import io.flotilla.privacy.RdpConversion;
import io.flotilla.privacy.RdpOrders;
import io.flotilla.privacy.SampledGaussianRdp;
import io.flotilla.privacy.SecureGaussianNoise;
import java.util.Arrays;
import java.util.function.DoubleSupplier;

public class AccountantTiming {
    static double sink;

    static void time(String name, int warmup, int runs, DoubleSupplier task) {
        for (int i = 0; i < warmup; i++) {
            sink += task.getAsDouble();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            sink += task.getAsDouble();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("| %s | %.3f | %.3f | %d |%n", name, ms[runs / 2], ms[0], runs);
    }

    public static void main(String[] args) {
        double[] defaults = RdpOrders.defaults();
        double[] thousand = new double[1000];
        for (int k = 1; k <= 1000; k++) {
            thousand[k - 1] = 1 + k / 10.0; // 1.1, 1.2, ..., 101.0: 900 fractional, 100 integer orders
        }
        double[] thousandInt = new double[1000];
        for (int k = 0; k < 1000; k++) {
            thousandInt[k] = k + 2; // 2 .. 1001
        }
        System.out.println("| task | median ms | min ms | runs |");
        System.out.println("| --- | ---: | ---: | ---: |");
        time("epsilon, 72 default orders, q=0.2, z=1.0, T=50", 20, 50,
                () -> RdpConversion.epsilon(defaults, SampledGaussianRdp.rdp(0.2, 1.0, 50, defaults), 1e-5).epsilon());
        time("epsilon, 1,000 orders 1.1..101.0, q=0.01, z=1.1, T=10,000", 3, 15,
                () -> RdpConversion.epsilon(thousand, SampledGaussianRdp.rdp(0.01, 1.1, 10_000, thousand), 1e-5)
                        .epsilon());
        time("epsilon, 1,000 integer orders 2..1001, q=0.01, z=1.1, T=10,000", 3, 15,
                () -> RdpConversion.epsilon(thousandInt, SampledGaussianRdp.rdp(0.01, 1.1, 10_000, thousandInt),
                        1e-5).epsilon());
        time("noise calibration, eps=8, delta=1e-5, q=0.2, T=50, 72 orders", 3, 15,
                () -> NoiseCalibration.noiseMultiplier(8, 1e-5, 0.2, 50));
        time("ledger: 1,000 rounds recorded (q=0.2, z=1.0), epsilon after each", 3, 15, () -> {
            PrivacyLedger ledger = new PrivacyLedger(1e-5);
            for (int r = 1; r <= 1000; r++) {
                ledger.recordRound(r, 0.2, 1.0);
            }
            return ledger.spent().epsilon();
        });
        float[] model = new float[1_000_000];
        SecureGaussianNoise secure = new SecureGaussianNoise();
        InsecureSeededNoise seeded = new InsecureSeededNoise(1);
        time("secure Gaussian noise added to 1,000,000 floats", 3, 15, () -> {
            secure.addGaussianInPlace(model, 1e-3);
            return model[0];
        });
        time("seeded (insecure) Gaussian noise added to 1,000,000 floats", 3, 15, () -> {
            seeded.addGaussianInPlace(model, 1e-3);
            return model[0];
        });
        time("L2 clip of 1,000,000 floats", 3, 15, () -> L2Clipping.clipInPlace(model, 0.5));
        System.out.println("(checksum " + sink + ")");
    }
}
