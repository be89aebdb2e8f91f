/** JMH benchmarks and small timed mains run from the shaded jar ({@code simulations/target/flotilla.jar}). */
package io.flotilla.bench;
