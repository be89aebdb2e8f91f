package io.flotilla.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which Flotilla package uses which, read from the sources: a plain scan of import lines and of fully qualified
 * names in code (comments and string literals are blanked first, so a Javadoc link is no dependency). Package
 * names are relative to {@code io.flotilla}.
 */
final class PackageGraph {
    private static final String ROOT = "io.flotilla.";
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\bio\\.flotilla\\.((?:[a-z_][\\w]*\\.)*?[a-z_][\\w]*)"
            + "\\.[A-Z]");

    /** package -> packages it uses (not itself); every scanned package is a key. */
    private final Map<String, Set<String>> uses = new TreeMap<>();
    /** package -> one file of it, for error messages. */
    private final Map<String, String> example = new HashMap<>();
    /** package -> the module directories holding its main code (more than one is a split package). */
    private final Map<String, Set<String>> modules = new TreeMap<>();

    /** The graph of the main sources of every module directory under {@code repo} ({@code * /src/main/java}). */
    static PackageGraph ofRepository(Path repo) throws IOException {
        PackageGraph g = new PackageGraph();
        try (Stream<Path> modules = Files.list(repo)) {
            for (Path module : modules.sorted().toList()) {
                Path src = module.resolve("src/main/java");
                if (Files.isDirectory(src)) {
                    try (Stream<Path> files = Files.walk(src)) {
                        for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                            String pkg = g.add(repo.relativize(f).toString(), Files.readString(f));
                            if (pkg != null) {
                                g.modules.computeIfAbsent(pkg, k -> new TreeSet<>())
                                        .add(module.getFileName().toString());
                            }
                        }
                    }
                }
            }
        }
        return g;
    }

    /** Adds one compilation unit; returns its package (relative to {@code io.flotilla}), null outside it. */
    String add(String file, String source) {
        String code = blankCommentsAndStrings(source);
        Matcher pm = PACKAGE.matcher(code);
        if (!pm.find()) {
            throw new IllegalArgumentException(file + " has no package declaration");
        }
        String full = pm.group(1);
        if (!full.startsWith(ROOT)) {
            return null;
        }
        String pkg = full.substring(ROOT.length());
        Set<String> out = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
        example.putIfAbsent(pkg, file);
        Matcher m = QUALIFIED.matcher(code);
        while (m.find()) {
            String used = m.group(1);
            if (!used.equals(pkg)) {
                out.add(used);
            }
        }
        return pkg;
    }

    Map<String, Set<String>> uses() {
        return uses;
    }

    /** package -> module directories holding it; filled by {@link #ofRepository} only. */
    Map<String, Set<String>> modules() {
        return modules;
    }

    String exampleFile(String pkg) {
        return example.get(pkg);
    }

    /** Every edge {@code from -> to} that {@code allowed} does not list, as readable lines. */
    List<String> violations(Map<String, Set<String>> allowed) {
        List<String> out = new ArrayList<>();
        uses.forEach((from, tos) -> {
            Set<String> ok = allowed.get(from);
            if (ok == null) {
                out.add(from + " (" + example.get(from) + ") is not in the package table");
                return;
            }
            for (String to : tos) {
                if (!ok.contains(to)) {
                    out.add(from + " -> " + to + " is not allowed (" + from + " may use " + ok + ")");
                }
            }
        });
        return out;
    }

    /** A cycle among the packages of {@code graph}, as {@code a -> b -> a}, or null when there is none. */
    static String findCycle(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the stack, 2: done
        for (String start : graph.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            // Iterative DFS: a frame is a node and the iterator over its successors.
            Deque<String> path = new ArrayDeque<>();
            Deque<java.util.Iterator<String>> its = new ArrayDeque<>();
            path.push(start);
            its.push(graph.getOrDefault(start, Set.of()).iterator());
            state.put(start, 1);
            while (!path.isEmpty()) {
                java.util.Iterator<String> it = its.peek();
                if (it.hasNext()) {
                    String next = it.next();
                    Integer s = state.get(next);
                    if (s == null) {
                        state.put(next, 1);
                        path.push(next);
                        its.push(graph.getOrDefault(next, Set.of()).iterator());
                    } else if (s == 1) {
                        List<String> cycle = new ArrayList<>();
                        for (String p : path) {
                            cycle.add(0, p);
                            if (p.equals(next)) {
                                break;
                            }
                        }
                        cycle.add(next);
                        return String.join(" -> ", cycle);
                    }
                } else {
                    state.put(path.pop(), 2);
                    its.pop();
                }
            }
        }
        return null;
    }

    /**
     * {@code source} with comments and the contents of string and character literals replaced by spaces (line
     * breaks kept), so that only code is searched.
     */
    static String blankCommentsAndStrings(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int n = source.length();
        int i = 0;
        while (i < n) {
            char c = source.charAt(i);
            char next = i + 1 < n ? source.charAt(i + 1) : '\0';
            if (c == '/' && next == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && next == '*') {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (; i < end; i++) {
                    out.append(source.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else if (c == '"' && source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                for (; i < end; i++) {
                    out.append(source.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else if (c == '"' || c == '\'') {
                out.append(' ');
                i++;
                while (i < n) {
                    char d = source.charAt(i);
                    if (d == '\\' && i + 1 < n) {
                        out.append("  ");
                        i += 2;
                        continue;
                    }
                    out.append(d == '\n' ? '\n' : ' ');
                    i++;
                    if (d == c || d == '\n') {
                        break;
                    }
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
