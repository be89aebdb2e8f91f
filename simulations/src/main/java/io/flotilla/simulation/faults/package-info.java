/** Fault and attack injection for simulations: dropouts, stragglers, slow links, malicious clients. */
package io.flotilla.simulation.faults;
