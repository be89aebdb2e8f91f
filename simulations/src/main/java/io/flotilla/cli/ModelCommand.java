package io.flotilla.cli;

import io.flotilla.model.ModelLayout;
import io.flotilla.model.TensorKind;
import io.flotilla.model.TensorSpec;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.simulation.report.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flotilla model info NAME} and {@code flotilla model list}: what the built-in (or a user-written) model
 * looks like, as JSON: parameter counts by kind, the layer table and the tensors.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Inspect models: 'model list', 'model info NAME' or 'model info --spec LAYERS'.",
        subcommands = {ModelCommand.Info.class, ModelCommand.ListModels.class})
public final class ModelCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** The built-in model {@code name}, or the model written as {@code spec} when that is given. */
    static ModelSpec resolve(String name, String spec, String input, int classes) {
        if (spec != null) {
            String[] parts = input.split("[,x]");
            int[] shape = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    shape[i] = Integer.parseInt(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad input shape '" + input + "', expected e.g. 1,28,28", e);
                }
            }
            return ModelSpec.parse(name == null ? "custom" : name, spec, shape, classes);
        }
        if (name == null) {
            throw new IllegalArgumentException("name a model (one of " + ModelZoo.names() + ") or give --spec");
        }
        return ModelZoo.spec(name);
    }

    /** The JSON description of {@code spec}. */
    static Map<String, Object> describe(ModelSpec spec) {
        ModelLayout layout = spec.layout();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", spec.name());
        out.put("spec", spec.compact());
        out.put("input_shape", spec.inputShape());
        out.put("num_classes", spec.numClasses());
        out.put("params_total", layout.totalSize());
        out.put("weights", layout.count(TensorKind.WEIGHT));
        out.put("biases", layout.count(TensorKind.BIAS));
        List<Object> layers = new ArrayList<>();
        for (ModelSpec.LayerRow r : spec.layerRows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", r.name());
            row.put("layer", r.layer());
            row.put("output_shape", r.outputShape());
            row.put("params", r.parameters());
            layers.add(row);
        }
        out.put("layers", layers);
        List<Object> tensors = new ArrayList<>();
        for (TensorSpec t : layout.tensors()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", t.name());
            row.put("shape", t.shape());
            row.put("kind", t.kind().name().toLowerCase(java.util.Locale.ROOT));
            tensors.add(row);
        }
        out.put("tensors", tensors);
        return out;
    }

    /** {@code flotilla model info NAME}. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Print a model's parameter counts and layer table as JSON.")
    static final class Info implements Runnable {
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "A built-in model: ${COMPLETION-CANDIDATES}",
                completionCandidates = Names.class)
        String name;

        @Option(names = "--spec", paramLabel = "LAYERS",
                description = "A model of your own, e.g. conv:32:5:same,relu,pool:2,flatten,dense:10")
        String spec;

        @Option(names = "--input", defaultValue = "1,28,28", description = "Input shape for --spec (default ${DEFAULT-VALUE}).")
        String input;

        @Option(names = "--classes", defaultValue = "10", description = "Classes for --spec (default ${DEFAULT-VALUE}).")
        int classes;

        @Option(names = "--table", description = "Print the human-readable layer table instead of JSON.")
        boolean table;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec commandSpec;

        @Override
        public void run() {
            ModelSpec s;
            try {
                s = resolve(name, spec, input, classes);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(commandSpec.commandLine(), e.getMessage(), e);
            }
            System.out.println(table ? s.layerTable() : Json.write(describe(s)));
        }
    }

    /** {@code flotilla model list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in models.")
    static final class ListModels implements Runnable {
        @Override
        public void run() {
            for (String n : ModelZoo.names()) {
                ModelSpec s = ModelZoo.spec(n);
                System.out.printf("%-12s %,10d  %s%n", n, s.layout().totalSize(), s.compact());
            }
        }
    }

    /** Completion candidates: the built-in model names. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ModelZoo.names().iterator();
        }
    }
}
