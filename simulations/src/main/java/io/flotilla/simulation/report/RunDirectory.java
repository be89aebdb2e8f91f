package io.flotilla.simulation.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run's output folder: {@code scenario.conf} (the resolved configuration and seed), {@code rounds.csv} written
 * round by round so a crashed run keeps its history, {@code summary.json} and {@code report.html}.
 * Files other than rounds.csv are written to a temporary name and renamed, so readers never see half a file.
 */
public final class RunDirectory implements AutoCloseable {
    private final Path dir;
    private final BufferedWriter rounds;
    private final List<RoundRecord> records = new ArrayList<>();

    private RunDirectory(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        this.rounds = Files.newBufferedWriter(dir.resolve("rounds.csv"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        rounds.write(RoundRecord.CSV_HEADER);
        rounds.newLine();
        rounds.flush();
    }

    /** Creates (or reuses) {@code dir} and records the resolved configuration in it. */
    public static RunDirectory create(Path dir, String resolvedConfig) throws IOException {
        RunDirectory run = new RunDirectory(dir);
        run.writeAtomically("scenario.conf", resolvedConfig);
        return run;
    }

    public Path path() {
        return dir;
    }

    /** Appends one round to rounds.csv and flushes it. */
    public void append(RoundRecord record) throws IOException {
        records.add(record);
        rounds.write(record.toCsv());
        rounds.newLine();
        rounds.flush();
    }

    public List<RoundRecord> records() {
        return List.copyOf(records);
    }

    public void writeSummary(Map<String, Object> summary) throws IOException {
        writeAtomically("summary.json", Json.write(summary) + "\n");
    }

    public void writeReport(String title, List<RunResult> runs, String configText) throws IOException {
        writeAtomically("report.html", HtmlReport.render(title, runs, configText));
    }

    /** Writes {@code name} through a temporary file and an atomic rename. */
    public void writeAtomically(String name, String content) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() throws IOException {
        rounds.close();
    }
}
