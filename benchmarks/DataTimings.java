// Wall-clock timings of the data layer: loading Fashion-MNIST, partitioning for large federations, and
// safetensors throughput. Single-file program (not part of the build), run after compiling core:
//   ./mvnw -o -q -B -pl core test-compile
//   java -cp core/target/classes benchmarks/DataTimings.java
// Each figure is the best of 3 runs after one warm-up, so it shows steady-state cost, not JIT warm-up.
import io.flotilla.data.Dataset;
import io.flotilla.data.DirichletLabelPartitioner;
import io.flotilla.data.DirichletQuantityPartitioner;
import io.flotilla.data.FashionMnist;
import io.flotilla.data.IidPartitioner;
import io.flotilla.data.LabelSkewPartitioner;
import io.flotilla.data.Partition;
import io.flotilla.data.Partitioner;
import io.flotilla.data.ShardPartitioner;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.Safetensors;
import io.flotilla.model.TensorSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

public class DataTimings {
    static <T> double best(Callable<T> task) throws Exception {
        task.call();
        double best = Double.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            long t0 = System.nanoTime();
            task.call();
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        return best;
    }

    public static void main(String[] args) throws Exception {
        Path system = Path.of(FashionMnist.SYSTEM_DIR);
        System.out.printf("load full Fashion-MNIST (gzip IDX, 70,000 images): %.0f ms%n",
                best(() -> FashionMnist.loadFull(system)));
        Dataset train = FashionMnist.loadFull(system).train();
        Object[][] schemes = {
            {"iid", new IidPartitioner()}, {"shards(2)", new ShardPartitioner()},
            {"labels(#C=2)", new LabelSkewPartitioner(2)}, {"dirichlet(0.5)", new DirichletLabelPartitioner(0.5)},
            {"quantity(0.5)", new DirichletQuantityPartitioner(0.5)},
        };
        for (int clients : new int[] {100, 10_000}) {
            for (Object[] s : schemes) {
                Partitioner p = (Partitioner) s[1];
                if (s[0].equals("shards(2)") && clients * 2 > train.size()) {
                    continue;
                }
                double ms = best(() -> p.split(train, clients, 1));
                Partition part = p.split(train, clients, 1);
                int min = Integer.MAX_VALUE;
                int max = 0;
                for (int c = 0; c < clients; c++) {
                    min = Math.min(min, part.size(c));
                    max = Math.max(max, part.size(c));
                }
                System.out.printf("partition 60,000 into %,d clients %-15s %8.1f ms (client sizes %d..%d)%n",
                        clients, s[0], ms, min, max);
            }
        }
        // cnn-mcmahan's 1,663,370 parameters as 4 tensors.
        ModelLayout layout = ModelLayout.of(TensorSpec.weight("conv1.weight", 32, 1, 5, 5),
                TensorSpec.bias("conv1.bias", 32), TensorSpec.weight("conv2.weight", 64, 32, 5, 5),
                TensorSpec.bias("conv2.bias", 64), TensorSpec.weight("fc1.weight", 512, 3136),
                TensorSpec.bias("fc1.bias", 512), TensorSpec.weight("fc2.weight", 10, 512),
                TensorSpec.bias("fc2.bias", 10));
        ParameterSet params = ParameterSet.zeros(layout);
        float[] v = params.values();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i);
        }
        Path file = Files.createTempFile("timings", ".safetensors");
        double mb = 4.0 * v.length / 1e6;
        double w = best(() -> {
            Safetensors.write(params, Map.of("model", "cnn-mcmahan"), file);
            return null;
        });
        double r = best(() -> Safetensors.read(file, layout));
        double b = best(() -> Safetensors.read(Safetensors.toBytes(params, Map.of()), layout));
        System.out.printf("safetensors %,d parameters (%.1f MB): write file %.1f ms (%.0f MB/s, incl. fsync),"
                + " read file %.1f ms (%.0f MB/s), bytes round trip %.1f ms%n", v.length, mb, w, mb / (w / 1e3),
                r, mb / (r / 1e3), b);
        Files.deleteIfExists(file);
    }
}
