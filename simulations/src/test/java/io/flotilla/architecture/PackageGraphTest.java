package io.flotilla.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PackageGraphTest {

    private static PackageGraph of(String... sources) {
        PackageGraph g = new PackageGraph();
        for (int i = 0; i < sources.length; i++) {
            g.add("F" + i + ".java", sources[i]);
        }
        return g;
    }

    @Test
    void anImportOutsideTheTableIsAViolation() {
        PackageGraph g = of("package io.flotilla.aggregation;\nimport io.flotilla.nn.TrainConfig;\n"
                + "import io.flotilla.model.ParameterSet;\nclass A {}\n");
        List<String> v = g.violations(Map.of("aggregation", Set.of("model")));
        assertEquals(1, v.size(), v.toString());
        assertEquals(true, v.get(0).startsWith("aggregation -> nn is not allowed"), v.get(0));
    }

    @Test
    void staticImportsAndQualifiedNamesInCodeCount() {
        PackageGraph g = of("package io.flotilla.pruning;\nimport static io.flotilla.aggregation.RobustMath.select;\n"
                + "class A { Object o = new io.flotilla.crypto.secagg.Masks(); }\n");
        assertEquals(Set.of("aggregation", "crypto.secagg"), g.uses().get("pruning"));
    }

    @Test
    void commentsAndStringsAreNoDependency() {
        PackageGraph g = of("package io.flotilla.model;\n/** See {@link io.flotilla.nn.Network}. */\n"
                + "class A { // io.flotilla.wire.X\n String s = \"io.flotilla.crypto.Y \\\" io.flotilla.data.Z\";\n"
                + " char c = '\"'; String t = \"\"\"\n io.flotilla.nn.Q\n \"\"\"; }\n");
        assertEquals(Set.of(), g.uses().get("model"));
    }

    @Test
    void aPackageMissingFromTheTableIsAViolation() {
        PackageGraph g = of("package io.flotilla.gateway;\nclass A {}\n");
        assertEquals(List.of("gateway (F0.java) is not in the package table"), g.violations(Map.of()));
    }

    @Test
    void blankingKeepsLinesAndLength() {
        String src = "a /* x\ny */ b \"s\\\"t\" // c\nd";
        String out = PackageGraph.blankCommentsAndStrings(src);
        assertEquals(src.length(), out.length());
        assertEquals(src.split("\n", -1).length, out.split("\n", -1).length);
        assertEquals("a", out.substring(0, 1));
        assertEquals('d', out.charAt(out.length() - 1));
    }

    @Test
    void findsACycleAndItsPath() {
        Map<String, Set<String>> g = new LinkedHashMap<>();
        g.put("nn", Set.of("privacy"));
        g.put("privacy", Set.of("aggregation"));
        g.put("aggregation", Set.of("nn", "model"));
        g.put("model", Set.of());
        assertEquals("nn -> privacy -> aggregation -> nn", PackageGraph.findCycle(g));
        g.put("aggregation", Set.of("model"));
        assertNull(PackageGraph.findCycle(g));
    }

    @Test
    void tableRowsNameThePackageFirstAndWhatItMayUseLast() {
        String md = "# A\n\n## Packages\n\n| package | holds | may use |\n| --- | --- | --- |\n"
                + "| `model` | tensors | nothing |\n| `nn` | layers, `Network` is here | `model`, `fit` |\n\n"
                + "## Next\n| `x` | y | `z` |\n";
        Map<String, Set<String>> t = PackageTable.parse(md);
        assertEquals(List.of("model", "nn"), List.copyOf(t.keySet()));
        assertEquals(Set.of(), t.get("model"));
        assertEquals(Set.of("model", "fit"), t.get("nn"));
    }

    @Test
    void theSecondCellOfAFourColumnRowIsTheModule() {
        String md = "# A\n\n## Packages\n\n| package | module | holds | may use |\n| --- | --- | --- | --- |\n"
                + "| `model` | core | tensors | nothing |\n| `node` | common | start | `model` |\n";
        assertEquals(Map.of("model", "core", "node", "common"), PackageTable.modules(md));
        assertThrows(IllegalArgumentException.class,
                () -> PackageTable.modules("# A\n\n## Packages\n\n| `model` | tensors | nothing |\n"));
    }

    @Test
    void aTableWithoutItsSectionIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> PackageTable.parse("# A\n| `model` | x | y |\n"));
    }
}
