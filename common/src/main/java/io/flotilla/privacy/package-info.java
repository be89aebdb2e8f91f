/** Clipping, calibrated noise and the Renyi differential privacy accountant. */
package io.flotilla.privacy;
