package io.flotilla.architecture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The package table of {@code docs/architecture.md}: each row names a package (relative to {@code io.flotilla})
 * in its first cell, its module in the second and, in its last cell, the packages it may use, each in backticks
 * ("nothing" when none).
 * The document is the single source of the layering; {@link LayeringTest} holds the code to it.
 */
final class PackageTable {
    static final String HEADING = "## Packages";
    private static final Pattern TICKED = Pattern.compile("`([a-z][\\w.]*)`");

    private PackageTable() {
    }

    /** package -> packages it may use, in the order of the table. */
    static Map<String, Set<String>> parse(String markdown) {
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        for (String[] cells : rows(markdown)) {
            Set<String> may = new TreeSet<>();
            Matcher m = TICKED.matcher(cells[cells.length - 2]);
            while (m.find()) {
                may.add(m.group(1));
            }
            if (allowed.put(packageOf(cells), may) != null) {
                throw new IllegalArgumentException("package " + packageOf(cells) + " listed twice");
            }
        }
        return allowed;
    }

    /** package -> the module (directory) its row names in the second cell, in the order of the table. */
    static Map<String, String> modules(String markdown) {
        Map<String, String> modules = new LinkedHashMap<>();
        for (String[] cells : rows(markdown)) {
            if (cells.length < 6) {
                throw new IllegalArgumentException("row of " + packageOf(cells) + " has no module column");
            }
            modules.put(packageOf(cells), cells[2].strip());
        }
        return modules;
    }

    private static String packageOf(String[] cells) {
        Matcher name = TICKED.matcher(cells[1]);
        name.find();
        return name.group(1);
    }

    /** The cells of each package row (the header and the rule skipped). */
    private static List<String[]> rows(String markdown) {
        int start = markdown.indexOf("\n" + HEADING + "\n");
        if (start < 0) {
            throw new IllegalArgumentException("no '" + HEADING + "' section");
        }
        List<String[]> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : markdown.substring(start + HEADING.length() + 2).split("\n", -1)) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            String[] cells = line.split("\\|", -1);
            // "| a | b | c |" splits into "", " a ", " b ", " c ", "".
            if (cells.length < 4 || cells[1].isBlank() || cells[1].contains("---")) {
                continue;
            }
            if (!TICKED.matcher(cells[1]).find()) {
                continue; // the header row
            }
            rows.add(cells);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the '" + HEADING + "' section has no table rows");
        }
        return rows;
    }
}
