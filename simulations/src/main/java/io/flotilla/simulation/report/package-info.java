/** Run directories: resolved configuration, rounds.csv, summary.json, the final model and report.html. */
package io.flotilla.simulation.report;
