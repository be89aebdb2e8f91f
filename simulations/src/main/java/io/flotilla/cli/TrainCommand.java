package io.flotilla.cli;

import io.flotilla.data.FashionMnist;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.ParameterSet;
import io.flotilla.nn.EvalResult;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.NeuralTrainer;
import io.flotilla.nn.TrainingSession;
import io.flotilla.nn.WeightInit;
import io.flotilla.simulation.report.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flotilla train}: the centralised baseline. Trains one model on the whole Fashion-MNIST training set,
 * reports test loss and accuracy after every epoch, and writes {@code summary.json} (with the resolved
 * configuration and seed) into the output directory.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model centrally on Fashion-MNIST (the baseline federated runs are compared with).")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "lenet",
            description = "Built-in model: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).",
            completionCandidates = ModelCommand.Names.class)
    String model;

    @Option(names = "--spec", paramLabel = "LAYERS", description = "Train a model of your own instead, "
            + "e.g. conv:32:5:same,relu,pool:2,flatten,dense:10 (input 1x28x28, 10 classes).")
    String spec;

    @Option(names = "--epochs", defaultValue = "5", description = "Passes over the training set (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Examples per step (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.02", description = "Learning rate (default ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default ${DEFAULT-VALUE}).")
    float momentum;

    @Option(names = "--nesterov", description = "Nesterov momentum.")
    boolean nesterov;

    @Option(names = "--weight-decay", defaultValue = "0", description = "L2 weight decay (default ${DEFAULT-VALUE}).")
    float weightDecay;

    @Option(names = "--optimizer", defaultValue = "SGD", description = "SGD or ADAM (default ${DEFAULT-VALUE}).")
    TrainConfig.Optimizer optimizer;

    @Option(names = "--schedule", defaultValue = "cosine",
            description = "Learning rate per epoch: constant, or cosine (lr * (1 + cos(pi * e / epochs)) / 2 in epoch e = 0, 1, ...; default ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for initialisation, shuffling, dropout (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--init", defaultValue = "he", paramLabel = "SCHEME",
            description = "First weights: he (He/Glorot-uniform, zero biases) or torch (PyTorch's default) "
                    + "(default ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Fashion-MNIST directory (default: " + FashionMnist.SYSTEM_DIR + ", else the shipped copy).")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default runs/train-<timestamp>).")
    Path out;

    @Option(names = "--no-progress", description = "No progress bar (for logs).")
    boolean noProgress;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws IOException {
        ModelSpec modelSpec;
        TrainConfig config;
        WeightInit scheme;
        try {
            modelSpec = ModelCommand.resolve(model, spec, "1,28,28", 10);
            scheme = WeightInit.parse(init);
            config = new TrainConfig(epochs, batchSize, lr, momentum, weightDecay, nesterov, optimizer, 0f);
            if (!schedule.equals("constant") && !schedule.equals("cosine")) {
                throw new IllegalArgumentException("--schedule must be constant or cosine, got " + schedule);
            }
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(commandSpec.commandLine(), e.getMessage(), e);
        }
        FashionMnist fm = FashionMnist.load(data);
        Path dir = out != null ? out : Path.of("runs", "train-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        System.out.println(fm.source());
        System.out.print(modelSpec.layerTable());
        System.out.printf(Locale.ROOT, "%s, %d epochs, batch %d, lr %s (%s), momentum %s%s, weight decay %s, seed %d, init %s, %d threads%n",
                optimizer, epochs, batchSize, lr, schedule, momentum, nesterov ? " (Nesterov)" : "", weightDecay, seed,
                scheme.configName(), Runtime.getRuntime().availableProcessors());

        NeuralTrainer trainer = new NeuralTrainer(modelSpec);
        ParameterSet initial = modelSpec.initialize(seed, scheme);
        TrainingSession session = trainer.session(initial, config, seed, null);
        int batches = (fm.train().size() + batchSize - 1) / batchSize;
        List<Object> history = new ArrayList<>();
        double trainSeconds = 0;
        EvalResult test = null;
        for (int e = 1; e <= epochs; e++) {
            float epochLr = schedule.equals("cosine")
                    ? (float) (lr * (1 + Math.cos(Math.PI * (e - 1) / epochs)) / 2) : lr;
            session.setLearningRate(epochLr);
            long start = System.nanoTime();
            EvalResult train;
            if (noProgress) {
                train = session.runEpoch(fm.train(), io.flotilla.nn.BatchListener.NONE);
            } else {
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName("epoch " + e + "/" + epochs)
                        .setInitialMax(batches).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                        .continuousUpdate().build()) {
                    train = session.runEpoch(fm.train(), (done, total, loss) -> {
                        bar.stepTo(done);
                        if (done % 50 == 0 || done == total) {
                            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", loss));
                        }
                    });
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            trainSeconds += seconds;
            test = session.evaluate(fm.test());
            System.out.printf(Locale.ROOT,
                    "epoch %d/%d  train loss %.4f acc %.4f  test loss %.4f acc %.4f  %.0f samples/s%n",
                    e, epochs, train.loss(), train.accuracy(), test.loss(), test.accuracy(), train.examples() / seconds);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", e);
            row.put("train_loss", train.loss());
            row.put("train_accuracy", train.accuracy());
            row.put("test_loss", test.loss());
            row.put("test_accuracy", test.accuracy());
            row.put("learning_rate", (double) epochLr);
            row.put("seconds", seconds);
            history.add(row);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model", modelSpec.name());
        summary.put("spec", modelSpec.compact());
        summary.put("init", scheme.configName());
        summary.put("final_accuracy", test.accuracy());
        summary.put("final_loss", test.loss());
        summary.put("epochs", epochs);
        summary.put("samples_per_second", (double) fm.train().size() * epochs / trainSeconds);
        summary.put("params_total", modelSpec.layout().totalSize());
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("optimizer", optimizer.name());
        cfg.put("batch_size", batchSize);
        cfg.put("learning_rate", Double.parseDouble(Float.toString(lr)));
        cfg.put("schedule", schedule);
        cfg.put("momentum", Double.parseDouble(Float.toString(momentum)));
        cfg.put("nesterov", nesterov);
        cfg.put("weight_decay", Double.parseDouble(Float.toString(weightDecay)));
        cfg.put("seed", seed);
        cfg.put("threads", Runtime.getRuntime().availableProcessors());
        summary.put("config", cfg);
        summary.put("data", fm.source());
        summary.put("train_examples", fm.train().size());
        summary.put("test_examples", fm.test().size());
        summary.put("history", history);
        Path file = dir.resolve("summary.json");
        Files.writeString(file, Json.write(summary) + "\n", StandardCharsets.UTF_8);
        System.out.println("wrote " + file);
        return 0;
    }
}
