package io.flotilla.simulation.report;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A terminal progress bar over a run's rounds: round, accuracy, loss and ETA. When standard output is not a
 * terminal (CI, redirection) the bar prints plain lines instead, one per round.
 */
public final class ProgressReporter implements AutoCloseable {
    private final ProgressBar bar;

    public ProgressReporter(String task, int rounds) {
        this.bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(rounds)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .continuousUpdate()
                .setMaxRenderedLength(110)
                .setSpeedUnit(java.time.temporal.ChronoUnit.MINUTES)
                .setUnit(" rounds", 1)
                .build();
    }

    /** Moves the bar to {@code round} and shows its figures. */
    public void round(RoundRecord r) {
        bar.stepTo(r.round());
        bar.setExtraMessage(String.format(Locale.ROOT, "acc %.4f loss %.4f", r.accuracy(), r.loss()));
    }

    @Override
    public void close() {
        bar.close();
    }
}
