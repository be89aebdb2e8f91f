package io.flotilla.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrunerTest {
    private static final ModelLayout LAYOUT = ModelLayout.of(
            TensorSpec.weight("a.weight", 4),
            TensorSpec.bias("a.bias", 2),
            TensorSpec.weight("b.weight", 4));

    private static ParameterSet model() {
        return ParameterSet.copyOf(LAYOUT, new float[] {1, 2, 3, 4, 0.01f, 0.02f, 10, 20, 30, 40});
    }

    private static PruningConfig config(PruningSchedule schedule, PruningScope scope, Regrowth regrowth) {
        return new PruningConfig(schedule, scope, TensorSelector.weights(), regrowth);
    }

    @Test
    void globalOneShotUsesOneThresholdAndKeepsBiases() {
        Pruner p = new Pruner(config(new PruningSchedule.OneShot(2, 0.5f), PruningScope.GLOBAL, Regrowth.NONE),
                LAYOUT);
        ParameterSet g = model();
        assertFalse(p.applyInPlace(1, g));
        assertArrayEquals(model().values(), g.values());
        assertTrue(p.applyInPlace(2, g));
        // the 4 smallest of the 8 weights are all of a.weight; the tiny biases stay
        assertArrayEquals(new float[] {0, 0, 0, 0, 0.01f, 0.02f, 10, 20, 30, 40}, g.values());
        assertEquals(6, p.mask().keptCount());
        assertEquals(0.5f, p.appliedSparsity());
    }

    @Test
    void perLayerPrunesEachTensorToTheTarget() {
        Pruner p = new Pruner(config(new PruningSchedule.OneShot(1, 0.5f), PruningScope.PER_LAYER, Regrowth.NONE),
                LAYOUT);
        ParameterSet g = model();
        p.applyInPlace(1, g);
        assertArrayEquals(new float[] {0, 0, 3, 4, 0.01f, 0.02f, 0, 0, 30, 40}, g.values());
    }

    @Test
    void maskIsMonotoneAndReappliedEveryRound() {
        Pruner p = new Pruner(config(new PruningSchedule.Gradual(0.25f, 0.5f, 1, 2, 1), PruningScope.GLOBAL,
                Regrowth.NONE), LAYOUT);
        ParameterSet g = model();
        p.applyInPlace(1, g); // 2 of 8 weights
        assertArrayEquals(new float[] {0, 0, 3, 4, 0.01f, 0.02f, 10, 20, 30, 40}, g.values());
        // a server step revives pruned weights with large values: they are zeroed again and stay pruned
        float[] moved = {50, 60, 3, 4, 0.01f, 0.02f, 10, 20, 30, 40};
        ParameterSet g2 = ParameterSet.copyOf(LAYOUT, moved);
        p.applyInPlace(2, g2); // 4 of 8: the pruned two plus the two smallest kept (3, 4)
        assertArrayEquals(new float[] {0, 0, 0, 0, 0.01f, 0.02f, 10, 20, 30, 40}, g2.values());
        ParameterSet g3 = ParameterSet.copyOf(LAYOUT, moved);
        assertFalse(p.applyInPlace(3, g3));
        assertArrayEquals(new float[] {0, 0, 0, 0, 0.01f, 0.02f, 10, 20, 30, 40}, g3.values());
    }

    @Test
    void magnitudeRegrowthLetsARevivedWeightBackAtAStep() {
        Pruner p = new Pruner(config(new PruningSchedule.Gradual(0.25f, 0.25f, 1, 3, 1), PruningScope.GLOBAL,
                Regrowth.MAGNITUDE), LAYOUT);
        ParameterSet g = model();
        p.applyInPlace(1, g);
        assertArrayEquals(new float[] {0, 0, 3, 4, 0.01f, 0.02f, 10, 20, 30, 40}, g.values());
        ParameterSet moved = ParameterSet.copyOf(LAYOUT, new float[] {50, 0, 3, 4, 0.01f, 0.02f, 10, 20, 30, 40});
        p.applyInPlace(2, moved);
        assertArrayEquals(new float[] {50, 0, 0, 4, 0.01f, 0.02f, 10, 20, 30, 40}, moved.values());
    }

    @Test
    void missedStepIsCaughtUpAtTheNextCall() {
        Pruner p = new Pruner(config(new PruningSchedule.OneShot(2, 0.5f), PruningScope.GLOBAL, Regrowth.NONE),
                LAYOUT);
        ParameterSet g = model();
        assertTrue(p.applyInPlace(3, g)); // round 2 was abandoned
        assertEquals(6, p.mask().keptCount());
    }

    @Test
    void stateRoundTripsIntoAFreshPruner() {
        PruningConfig c = config(new PruningSchedule.Gradual(0f, 0.75f, 1, 3, 1), PruningScope.GLOBAL, Regrowth.NONE);
        Pruner a = new Pruner(c, LAYOUT);
        ParameterSet g = model();
        a.applyInPlace(1, g);
        a.applyInPlace(2, g);
        PrunerState saved = a.state();
        Pruner b = new Pruner(c, LAYOUT);
        b.restore(saved);
        assertEquals(saved, b.state());
        ParameterSet ga = model();
        ParameterSet gb = model();
        a.applyInPlace(3, ga);
        b.applyInPlace(3, gb);
        assertTrue(ga.contentEquals(gb));
        assertThrows(IllegalArgumentException.class, () -> b.restore(new PrunerState(new float[3], 0f, 0)));
        float[] notBinary = new float[10];
        notBinary[0] = 0.5f;
        assertThrows(IllegalArgumentException.class, () -> b.restore(new PrunerState(notBinary, 0f, 0)));
    }

    @Test
    void configReadsAHoconSectionWithAPatternList() {
        com.typesafe.config.Config c = com.typesafe.config.ConfigFactory.parseString(
                "pruning { schedule = one-shot, round = 3, sparsity = 0.5, tensors = [\"b.*\", \"regex:a\\\\..*\"] }");
        PruningConfig p = PruningConfig.fromConfig(c.getConfig("pruning"));
        assertEquals(new PruningSchedule.OneShot(3, 0.5f), p.schedule());
        assertArrayEquals(new int[] {0, 1, 2}, p.selector().selectedTensors(LAYOUT));
    }

    @Test
    void configFromMapSelectsScheduleScopeTensorsAndRegrowth() {
        PruningConfig c = PruningConfig.fromMap(Map.of("schedule", "gradual", "final-sparsity", 0.8,
                "start-round", 2, "end-round", 10, "frequency", "2", "scope", "per-layer", "tensors", "a.*, b.weight",
                "regrowth", "magnitude"));
        assertEquals(new PruningSchedule.Gradual(0f, 0.8f, 2, 10, 2), c.schedule());
        assertEquals(PruningScope.PER_LAYER, c.scope());
        assertEquals(Regrowth.MAGNITUDE, c.regrowth());
        assertArrayEquals(new int[] {0, 1, 2}, c.selector().selectedTensors(LAYOUT));
        PruningConfig one = PruningConfig.fromMap(Map.of("schedule", "one-shot", "round", 5, "sparsity", "0.7"));
        assertEquals(new PruningSchedule.OneShot(5, 0.7f), one.schedule());
        assertEquals(PruningScope.GLOBAL, one.scope());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PruningConfig.fromMap(Map.of("schedule", "gradual", "final-sparsity", 0.8, "start-round", 2)));
        assertTrue(e.getMessage().contains("end-round"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PruningConfig.fromMap(Map.of("schedule", "one-shot",
                "round", 1, "sparsity", 0.5, "sparsty", 0.5)));
        assertThrows(IllegalArgumentException.class, () -> new Pruner(
                new PruningConfig(one.schedule(), PruningScope.GLOBAL, TensorSelector.of("nothing"), Regrowth.NONE),
                LAYOUT));
    }
}
