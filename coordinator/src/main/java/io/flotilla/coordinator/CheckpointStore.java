package io.flotilla.coordinator;

import io.flotilla.model.ModelLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints in one directory, one file per completed round ({@code round-00000012.flck}). A write goes to a
 * temporary file that is fsynced and atomically renamed, then the directory is fsynced, so a crash leaves either
 * the old set of checkpoints or the new one, never a torn file under a final name; each file ends in its
 * SHA-256, so a damaged one is detected and skipped on resume.
 */
public final class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Pattern NAME = Pattern.compile("round-(\\d{8})\\.flck");

    private final Path dir;
    private final int keep;

    /** A store in {@code dir} keeping the newest {@code keep} checkpoints. */
    public CheckpointStore(Path dir, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, got " + keep);
        }
        this.dir = dir;
        this.keep = keep;
    }

    /** Writes {@code checkpoint} durably, then deletes all but the newest {@code keep}; returns its path. */
    public Path write(Checkpoint checkpoint) {
        try {
            Files.createDirectories(dir);
            byte[] bytes = CheckpointCodec.encode(checkpoint);
            Path target = dir.resolve(String.format("round-%08d.flck", checkpoint.round()));
            Path tmp = Files.createTempFile(dir, ".round-", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.deleteIfExists(tmp);
                throw new IOException("file system of " + dir + " cannot rename atomically", e);
            }
            fsyncDirectory();
            prune(checkpoint.round());
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("writing checkpoint of round " + checkpoint.round() + " to " + dir, e);
        }
    }

    private void fsyncDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot open directories; the rename itself is still atomic there.
            LOG.debug("directory fsync not supported for {}: {}", dir, e.toString());
        }
    }

    /**
     * Deletes all but the newest {@code keep} checkpoints at or below {@code written}. Files of later rounds are
     * never deleted: they can only be another federation's (skipped on resume, see {@link #latestValid(ModelLayout)}),
     * and counting them would delete the checkpoint just written.
     */
    private void prune(int written) throws IOException {
        int kept = 0;
        for (Path p : list()) {
            if (roundOf(p) <= written && ++kept > keep) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Checkpoint files, newest round first. */
    public List<Path> list() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).forEach(out::add);
        }
        out.sort((a, b) -> Integer.compare(roundOf(b), roundOf(a)));
        return out;
    }

    private static int roundOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The newest checkpoint that reads and verifies; damaged ones are logged and skipped. */
    public Optional<Checkpoint> latestValid() {
        return latestValid(null);
    }

    /**
     * The newest checkpoint that reads, verifies and holds a model of {@code layout}; damaged ones and those of
     * another model (a directory reused for another federation) are logged and skipped. A null {@code layout}
     * accepts any model.
     */
    public Optional<Checkpoint> latestValid(ModelLayout layout) {
        List<Path> files;
        try {
            files = list();
        } catch (IOException e) {
            throw new UncheckedIOException("listing checkpoints in " + dir, e);
        }
        for (Path p : files) {
            Checkpoint c;
            try {
                c = CheckpointCodec.decode(Files.readAllBytes(p));
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("skipping damaged checkpoint {}: {}", p, e.getMessage());
                continue;
            }
            if (layout != null && !layout.equals(c.parameters().layout())) {
                LOG.warn("skipping checkpoint {}: it holds another model ({} parameters in {} tensors; this "
                        + "federation's model has {} in {})", p, c.parameters().layout().totalSize(),
                        c.parameters().layout().tensors().size(), layout.totalSize(), layout.tensors().size());
                continue;
            }
            return Optional.of(c);
        }
        return Optional.empty();
    }
}
