/** Simulation scenarios: the key vocabulary, HOCON loading, overrides and validation. */
package io.flotilla.simulation.scenario;
