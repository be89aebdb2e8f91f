/**
 * Multi-node simulation ({@code flotilla simulate --nodes K}): a coordinator JVM and K client-host JVMs on loopback,
 * over Artery with mutual TLS from a throwaway federation CA, each host carrying many virtual clients. The parent
 * process launches and watches the JVMs, reads the coordinator's per-round metrics and writes the same run
 * directory as the in-JVM mode.
 */
package io.flotilla.simulation.multinode;
