package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PolarGaussianTest {

    /** Feeds fixed uniforms so the polar method's output can be computed by hand. */
    private static final class Scripted extends PolarGaussian {
        private final double[] uniforms;
        private int next;

        Scripted(double... uniforms) {
            this.uniforms = uniforms;
        }

        @Override
        double nextUniform() {
            return uniforms[next++];
        }
    }

    @Test
    void producesThePairFromOneAcceptedPointAndRejectsPointsOutsideTheDisc() {
        // (0.95, 0.95) -> u = v = 0.9, s = 1.62 >= 1: rejected; (0.75, 0.5) -> u = 0.5, v = 0, s = 0.25
        Scripted g = new Scripted(0.95, 0.95, 0.75, 0.5);
        double m = Math.sqrt(-2 * Math.log(0.25) / 0.25);
        assertEquals(0.5 * m, g.nextGaussian(), 1e-15);
        assertEquals(0.0, g.nextGaussian(), 1e-15, "the spare is v * m");
        assertEquals(4, g.next);
    }

    @Test
    void rejectsTheOrigin() {
        // (0.5, 0.5) -> s = 0 would divide by zero: rejected
        Scripted g = new Scripted(0.5, 0.5, 0.25, 0.5);
        double m = Math.sqrt(-2 * Math.log(0.25) / 0.25);
        assertEquals(-0.5 * m, g.nextGaussian(), 1e-15);
    }
}
