package io.flotilla.simulation.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a scenario: the built-in defaults ({@code scenario-defaults.conf}, which is also the list of valid
 * keys), overlaid by a HOCON scenario file, overlaid by {@code --set key=value} overrides.
 *
 * <p>Unknown keys are an error that names the key and suggests the nearest valid one; values must have the
 * type of their default. Keys that name a choice and also have settings ({@code partition},
 * {@code strategy}) accept the short form {@code partition=iid} for {@code partition.kind=iid}.
 */
public final class ScenarioLoader {
    private static final Config DEFAULTS = ConfigFactory.parseResources(
            ScenarioLoader.class.getClassLoader(), "scenario-defaults.conf",
            ConfigParseOptions.defaults().setAllowMissing(false));
    private static final Set<String> CHOICE_KEYS = Set.of("partition", "strategy");

    private ScenarioLoader() {
    }

    /** Every valid key, sorted. */
    public static Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        for (Map.Entry<String, ConfigValue> e : DEFAULTS.entrySet()) {
            keys.add(e.getKey());
        }
        return keys;
    }

    /** The default scenario. */
    public static Scenario defaults() {
        return Scenario.from(DEFAULTS.resolve());
    }

    /**
     * Loads a scenario from an optional file and overrides.
     *
     * @throws ScenarioException naming the bad key, file or value
     */
    public static Scenario load(Path file, List<String> overrides) {
        Config config = resolve(file, overrides);
        try {
            return Scenario.from(config);
        } catch (ConfigException e) {
            throw new ScenarioException("invalid scenario: " + e.getMessage(), e);
        }
    }

    /** The merged and checked configuration, before it is turned into a {@link Scenario}. */
    public static Config resolve(Path file, List<String> overrides) {
        Config fromFile = ConfigFactory.empty();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ScenarioException("scenario file not found: " + file);
            }
            try {
                fromFile = flatten(normaliseChoices(ConfigFactory.parseFile(file.toFile(),
                        ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false))
                        .resolve()));
            } catch (ConfigException e) {
                throw new ScenarioException("cannot read scenario " + file + ": " + e.getMessage(), e);
            }
            checkKnown(fromFile, file.toString());
        }
        Config sets = ConfigFactory.empty();
        for (String override : overrides) {
            sets = parseOverride(override).withFallback(sets);
        }
        Config merged;
        try {
            merged = sets.withFallback(fromFile).withFallback(DEFAULTS).resolve();
        } catch (ConfigException e) {
            throw new ScenarioException("invalid scenario: " + e.getMessage(), e);
        }
        checkTypes(merged);
        return merged;
    }

    /** Renders a configuration as HOCON, for the run directory. */
    public static String render(Config config) {
        return config.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
    }

    /**
     * The same settings rebuilt leaf by leaf. An object that replaced a plain value in the file ({@code partition =
     * iid} then {@code partition.alpha = 0.1}) would otherwise hide the defaults' other keys of that object.
     */
    private static Config flatten(Config config) {
        Config out = ConfigFactory.empty();
        for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
            out = out.withValue(e.getKey(), e.getValue());
        }
        return out;
    }

    private static Config normaliseChoices(Config config) {
        Config out = config;
        for (String key : CHOICE_KEYS) {
            if (config.hasPath(key) && config.getValue(key).valueType() == ConfigValueType.STRING) {
                out = out.withoutPath(key).withValue(key + ".kind", config.getValue(key));
            }
        }
        return out;
    }

    private static Config parseOverride(String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ScenarioException("--set takes key=value, got '" + override + "'");
        }
        String key = override.substring(0, eq).trim();
        String raw = override.substring(eq + 1).trim();
        if (CHOICE_KEYS.contains(key)) {
            key = key + ".kind";
        }
        requireKnown(key, "--set");
        ConfigValueType type = DEFAULTS.getValue(key).valueType();
        if (type == ConfigValueType.LIST) {
            try {
                return ConfigFactory.parseString("v = " + raw).getValue("v").atPath(key);
            } catch (ConfigException e) {
                throw new ScenarioException(key + " must be a list such as [[0, 7], [1, 6]], got '" + raw + "'", e);
            }
        }
        Object value;
        try {
            value = switch (type) {
                case NUMBER -> raw.contains(".") || raw.contains("e") || raw.contains("E")
                        ? (Object) Double.parseDouble(raw) : (Object) Long.parseLong(raw);
                case BOOLEAN -> parseBoolean(key, raw);
                default -> raw;
            };
        } catch (NumberFormatException e) {
            throw new ScenarioException(key + " must be a number, got '" + raw + "'", e);
        }
        return ConfigFactory.empty().withValue(key, ConfigValueFactory.fromAnyRef(value, "--set " + key));
    }

    private static boolean parseBoolean(String key, String raw) {
        return switch (raw.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw new ScenarioException(key + " must be true or false, got '" + raw + "'");
        };
    }

    private static void checkKnown(Config config, String where) {
        for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
            requireKnown(e.getKey(), where);
        }
    }

    private static void requireKnown(String key, String where) {
        boolean known;
        try {
            known = DEFAULTS.hasPathOrNull(key) && DEFAULTS.getValue(key).valueType() != ConfigValueType.OBJECT;
        } catch (ConfigException.BadPath e) {
            known = false; // not even a path expression ('a*b', 'a..b'): unknown like any other bad key
        }
        if (!known) {
            String nearest = KeySuggester.nearest(key, keys());
            throw new ScenarioException("unknown key '" + key + "' in " + where
                    + (nearest == null ? "" : "; did you mean '" + nearest + "'?"));
        }
    }

    private static void checkTypes(Config merged) {
        for (Map.Entry<String, ConfigValue> e : DEFAULTS.entrySet()) {
            String key = e.getKey();
            ConfigValueType expected = e.getValue().valueType();
            if (!merged.hasPath(key)) {
                throw new ScenarioException(key + " is missing (an object in the scenario replaced its section)");
            }
            ConfigValue actual = merged.getValue(key);
            if (actual.valueType() != expected) {
                boolean numericString = expected == ConfigValueType.NUMBER
                        && actual.valueType() == ConfigValueType.STRING && isNumber(actual.unwrapped().toString());
                if (!numericString) {
                    throw new ScenarioException(key + " must be a " + expected.name().toLowerCase(java.util.Locale.ROOT)
                            + ", got " + actual.render() + " (" + actual.origin().description() + ")");
                }
            }
        }
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
