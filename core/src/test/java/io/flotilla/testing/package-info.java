/**
 * Test support shared by every module through core's test jar: what a test needs from the machine (the Debian
 * Fashion-MNIST package, Chromium) and how its absence is reported (skipped, or failed when CI requires it).
 */
package io.flotilla.testing;
