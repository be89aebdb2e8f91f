/**
 * JMH benchmarks of Flotilla's hot paths, run from the distribution jar:
 * {@code java --add-modules jdk.incubator.vector -cp simulations/target/flotilla.jar org.openjdk.jmh.Main <Name>}.
 */
package io.flotilla.bench;
