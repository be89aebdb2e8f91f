/**
 * One simulation run end to end ({@link io.flotilla.simulation.run.SimulationRun}: data, the federation in this JVM
 * or across JVMs, the run directory and its reports) and a sweep of runs over scenario variants
 * ({@link io.flotilla.simulation.run.Sweep}). It sits above both ways of running a federation
 * ({@code io.flotilla.simulation} in one JVM, {@code io.flotilla.simulation.multinode} across JVMs), so neither
 * imports the other's caller.
 */
package io.flotilla.simulation.run;
