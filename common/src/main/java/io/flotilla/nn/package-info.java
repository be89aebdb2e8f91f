/** The built-in training engine: layers, losses, optimizers, named models and the LocalTrainer SPI. */
package io.flotilla.nn;
