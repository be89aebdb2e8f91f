package io.flotilla.architecture;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The package table of {@code docs/architecture.md}: each row names a package (relative to {@code io.flotilla})
 * in its first cell and, in its last cell, the packages it may use, each in backticks ("nothing" when none).
 * The document is the single source of the layering; {@link LayeringTest} holds the code to it.
 */
final class PackageTable {
    static final String HEADING = "## Packages";
    private static final Pattern TICKED = Pattern.compile("`([a-z][\\w.]*)`");

    private PackageTable() {
    }

    /** package -> packages it may use, in the order of the table. */
    static Map<String, Set<String>> parse(String markdown) {
        int start = markdown.indexOf("\n" + HEADING + "\n");
        if (start < 0) {
            throw new IllegalArgumentException("no '" + HEADING + "' section");
        }
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
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
            Matcher name = TICKED.matcher(cells[1]);
            if (!name.find()) {
                continue; // the header row
            }
            Set<String> may = new TreeSet<>();
            Matcher m = TICKED.matcher(cells[cells.length - 2]);
            while (m.find()) {
                may.add(m.group(1));
            }
            if (allowed.put(name.group(1), may) != null) {
                throw new IllegalArgumentException("package " + name.group(1) + " listed twice");
            }
        }
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("the '" + HEADING + "' section has no table rows");
        }
        return allowed;
    }
}
