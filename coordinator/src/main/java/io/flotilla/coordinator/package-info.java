/**
 * The coordinator: a cluster singleton ({@link io.flotilla.coordinator.Coordinator}) that runs federated rounds
 * through short-lived {@link io.flotilla.coordinator.RoundCollector} children, its validated configuration,
 * checkpoints, round metrics and the process entry point.
 */
package io.flotilla.coordinator;
