/**
 * Hyperparameters of local training ({@link io.flotilla.fit.TrainConfig}): what a strategy configures for each
 * round's fit and what a training engine ({@code io.flotilla.nn} or another) obeys. Imports nothing of Flotilla's,
 * so strategies can configure training without depending on the engine.
 */
package io.flotilla.fit;
