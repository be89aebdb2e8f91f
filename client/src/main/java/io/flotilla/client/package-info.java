/**
 * The client agent: {@link io.flotilla.client.ClientAgent} joins a federation, trains on private data with a
 * {@link io.flotilla.nn.LocalTrainer} and returns its delta; {@link io.flotilla.client.ClientMain} is the
 * device entry point ({@code java -jar flotilla-client.jar --config FILE}).
 */
package io.flotilla.client;
