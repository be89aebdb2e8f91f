import io.flotilla.aggregation.FedAvg;
import io.flotilla.aggregation.Strategy;
import io.flotilla.aggregation.UpdateAccumulator;
import io.flotilla.data.Dataset;
import io.flotilla.data.FashionMnist;
import io.flotilla.data.IidPartitioner;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.ParameterMask;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.encoding.SparseEncoding;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.nn.NeuralTrainer;
import io.flotilla.pruning.ParameterCounts;
import io.flotilla.pruning.Pruner;
import io.flotilla.pruning.PruningConfig;
import io.flotilla.pruning.PruningSchedule;
import io.flotilla.pruning.PruningScope;
import io.flotilla.pruning.Regrowth;
import io.flotilla.pruning.TensorSelector;
import io.flotilla.pruning.compression.DeltaCodec;
import io.flotilla.pruning.compression.ErrorFeedback;
import io.flotilla.pruning.compression.TopKCodec;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A scripted in-process federation (no actors) to check the quality bars with the real engine, data and
 * the strategies/pruning/compression code: 100 IID clients on Fashion-MNIST, C = 0.1, E = 1, B = 50, SGD lr 0.05.
 * Arms: dense FedAvg; gradual pruning (masked local training); top-k with error feedback. Needs the nn and data
 * packages (branches nn, data) on the class path next to this branch's classes.
 *
 * <pre>
 * java -cp CLASSES FederatedQualityExperiment MODEL ROUNDS ARM [FINAL_SPARSITY START END FREQ [per-layer] | FRACTION QCHUNK]
 *   ARM = dense | prune | topk
 * </pre>
 */
public final class FederatedQualityExperiment {
    static final int CLIENTS = 100;
    static final int PER_ROUND = 10;
    static final long SEED = 1;

    public static void main(String[] args) throws Exception {
        String model = args[0];
        int rounds = Integer.parseInt(args[1]);
        String arm = args[2];
        FashionMnist fm = FashionMnist.load(null);
        List<Dataset> clients = new IidPartitioner().split(fm.train(), CLIENTS, SEED).views(fm.train());
        ModelSpec spec = ModelZoo.spec(model);
        NeuralTrainer trainer = new NeuralTrainer(spec);
        TrainConfig cfg = TrainConfig.defaults().withBatchSize(50).withLearningRate(0.05f);
        ParameterSet global = spec.initialize(SEED);
        Strategy strategy = new FedAvg();
        Pruner pruner = null;
        DeltaCodec codec = null;
        ErrorFeedback[] feedback = null;
        if (arm.equals("prune")) {
            pruner = new Pruner(new PruningConfig(new PruningSchedule.Gradual(0f, Float.parseFloat(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6])),
                    args.length > 7 && args[7].equals("per-layer") ? PruningScope.PER_LAYER : PruningScope.GLOBAL,
                    TensorSelector.weights(), Regrowth.NONE), spec.layout());
        } else if (arm.equals("topk")) {
            codec = new TopKCodec(Float.parseFloat(args[3]), Integer.parseInt(args[4]));
            feedback = new ErrorFeedback[CLIENTS];
        }
        long bytesUp = 0;
        long denseBytesUp = 0;
        long bytesDown = 0;
        double lastAccuracies = 0;
        int lastCount = 0;
        long start = System.nanoTime();
        for (int round = 1; round <= rounds; round++) {
            ParameterMask mask = pruner == null ? null : pruner.mask();
            int[] cohort = sample(round);
            UpdateAccumulator acc = strategy.newAccumulator(spec.layout());
            int downPerClient = pruner == null ? 4 * global.size() : SparseEncoding.encode(global).length;
            for (int c : cohort) {
                bytesDown += downPerClient;
                ParameterSet local = trainer.train(global, clients.get(c), cfg, SEED * 1_000_003L + round * 1000L + c,
                        mask).parameters();
                float[] delta = local.subtract(global).values();
                denseBytesUp += 4L * delta.length;
                if (codec != null) {
                    if (feedback[c] == null) {
                        feedback[c] = new ErrorFeedback(delta.length);
                    }
                    byte[] wire = feedback[c].encode(delta, codec, new SplittableRandom(round * 7919L + c));
                    bytesUp += wire.length;
                    delta = codec.decode(wire, delta.length);
                } else {
                    bytesUp += 4L * delta.length;
                }
                acc.add(delta, clients.get(c).size());
            }
            global = strategy.aggregateFit(round, global, acc).orElse(global);
            if (pruner != null) {
                pruner.applyInPlace(round, global);
            }
            if (round % 5 == 0 || round > rounds - 5) {
                double accuracy = trainer.evaluate(global, fm.test()).accuracy();
                ParameterCounts counts = ParameterCounts.of(round, global);
                System.out.printf("%s %s round %d accuracy %.4f sparsity %.3f weight-sparsity %.3f up %d down %d"
                                + " %.0fs%n", model, arm, round, accuracy, counts.sparsity(),
                        counts.byKind().get(io.flotilla.model.TensorKind.WEIGHT).sparsity(), bytesUp, bytesDown,
                        (System.nanoTime() - start) / 1e9);
                if (round > rounds - 5) {
                    lastAccuracies += accuracy;
                    lastCount++;
                }
            }
        }
        System.out.printf("RESULT %s %s rounds %d mean-accuracy-last-5 %.4f bytes-up %d (dense %d, %.1fx fewer)"
                        + " bytes-down %d%n", model, arm, rounds, lastAccuracies / lastCount, bytesUp, denseBytesUp,
                (double) denseBytesUp / bytesUp, bytesDown);
    }

    /** PER_ROUND distinct clients, seeded by the round (partial Fisher-Yates). */
    static int[] sample(int round) {
        int[] all = new int[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            all[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(SEED * 31 + round);
        for (int i = 0; i < PER_ROUND; i++) {
            int j = i + rng.nextInt(CLIENTS - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, PER_ROUND);
    }
}
