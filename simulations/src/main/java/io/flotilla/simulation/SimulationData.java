package io.flotilla.simulation;

import io.flotilla.data.AssignedLabelPartitioner;
import io.flotilla.data.Dataset;
import io.flotilla.data.FashionMnist;
import io.flotilla.data.Partition;
import io.flotilla.data.Partitioner;
import io.flotilla.data.ShardPartitioner;
import io.flotilla.simulation.faults.AttackKind;
import io.flotilla.simulation.scenario.PartitionSettings;
import io.flotilla.simulation.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The data of a simulated federation: one shared copy of the data set, split among the virtual clients as views
 * (each client costs an index array), each client's share divided into a local training and test split, and the
 * held-out test set the coordinator evaluates on.
 *
 * @param source where the data came from (said in the run's output)
 * @param train the whole training set the partition indexes
 * @param partition the split of the training set among clients
 * @param clientTrain each client's local training data
 * @param clientTest each client's local test split (empty when {@code partition.test_fraction} is 0)
 * @param heldOut the coordinator's test set
 */
public record SimulationData(String source, Dataset train, Partition partition, List<Dataset> clientTrain, List<Dataset> clientTest,
                             Dataset heldOut) {

    /** Loads the scenario's data set and splits it; label-flipping clients get a relabelled copy of their share. */
    public static SimulationData load(Scenario s, boolean[] labelFlippers) throws IOException {
        if (!s.dataset().equals("fashion-mnist")) {
            throw new IllegalArgumentException("dataset must be fashion-mnist, got " + s.dataset());
        }
        FashionMnist fm = FashionMnist.load(s.dataDir().isBlank() ? null : Path.of(s.dataDir()));
        Partitioner partitioner = s.partition().kind().equals("shards")
                ? new ShardPartitioner(s.partition().shardsPerClient())
                : !s.partition().labelSets().isEmpty()
                        ? AssignedLabelPartitioner.ofLabelSets(PartitionSettings.arrays(s.partition().labelSets()))
                : !s.partition().labelCounts().isEmpty()
                        ? AssignedLabelPartitioner.ofCounts(PartitionSettings.arrays(s.partition().labelCounts()))
                : Partitioner.named(s.partition().kind(), s.partition().alpha(), s.partition().labelsPerClient());
        Partition partition = partitioner.split(fm.train(), s.clients(), s.seed());
        List<Dataset> train = new ArrayList<>(s.clients());
        List<Dataset> test = new ArrayList<>(s.clients());
        double f = s.partition().testFraction();
        for (int c = 0; c < s.clients(); c++) {
            int[] idx = partition.indices(c).clone();
            shuffle(idx, new SplittableRandom(s.seed() * 31 + c));
            int nTest = (int) Math.floor(idx.length * f);
            if (idx.length - nTest < 1) {
                nTest = idx.length - 1;
            }
            int[] trainIdx = Arrays.copyOfRange(idx, 0, idx.length - nTest);
            Dataset clientTrain = fm.train().subset(trainIdx);
            if (labelFlippers != null && labelFlippers[c]) {
                clientTrain = relabel(clientTrain);
            }
            train.add(clientTrain);
            test.add(fm.train().subset(Arrays.copyOfRange(idx, idx.length - nTest, idx.length)));
        }
        return new SimulationData(fm.source(), fm.train(), partition, List.copyOf(train), List.copyOf(test), fm.test());
    }

    /** A copy of {@code data} with every label mirrored, for a label-flipping attacker. */
    static Dataset relabel(Dataset data) {
        int n = data.size();
        float[] features = new float[n * data.exampleSize()];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            data.copyExample(i, features, i * data.exampleSize());
            labels[i] = AttackKind.flippedLabel(data.label(i), data.numClasses());
        }
        return Dataset.of(features, labels, data.exampleShape(), data.numClasses());
    }

    private static void shuffle(int[] a, SplittableRandom r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
