package io.flotilla.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads and writes {@link ParameterSet}s in the safetensors format (Hugging Face), so a global model opens in
 * PyTorch ({@code safetensors.torch.load_file}) and a pretrained model can seed a federation.
 *
 * <p>A file is an 8-byte little-endian header length {@code N}, {@code N} bytes of UTF-8 JSON mapping each
 * tensor name to {@code {"dtype":"F32","shape":[...],"data_offsets":[begin,end]}} (offsets relative to the data
 * that follows) plus an optional {@code "__metadata__"} map of strings, then the little-endian tensor data. The
 * writer emits compact JSON with tensors in layout order and pads the header with spaces to a multiple of 8
 * bytes, as the reference implementation does; metadata keys are sorted so output is deterministic.
 *
 * <p>The reader accepts only F32 tensors and is strict, since model files may come from anywhere: the header
 * length must fit the file and {@value #MAX_HEADER_BYTES} bytes, the JSON must be valid UTF-8 without duplicate
 * names, and the data offsets must tile the data exactly (start at 0, no gaps, no overlap, each
 * {@code end - begin == 4 * product(shape)}, the last ending at the end of the file). Anything else is a
 * {@link SafetensorsFormatException}; nothing large is allocated before those checks pass.
 */
public final class Safetensors {
    /** The largest header accepted (the reference implementation's limit). */
    public static final int MAX_HEADER_BYTES = 100_000_000;
    static final String METADATA_KEY = "__metadata__";
    private static final Set<String> KNOWN_DTYPES = Set.of("BOOL", "U8", "I8", "I16", "U16", "F16", "BF16",
            "I32", "U32", "F32", "F64", "I64", "U64", "F8_E4M3", "F8_E5M2", "F8_E8M0", "F4", "F6_E2M3",
            "F6_E3M2", "C64");
    private static final int CHUNK_FLOATS = 1 << 16;

    private Safetensors() {
    }

    // ---------------------------------------------------------------- writing

    /** The header bytes (JSON and space padding, without the 8-byte length) for {@code params}. */
    static byte[] header(ModelLayout layout, Map<String, String> metadata) {
        StringBuilder json = new StringBuilder("{");
        if (metadata != null && !metadata.isEmpty()) {
            SafetensorsJson.writeString(json, METADATA_KEY);
            json.append(":{");
            boolean first = true;
            for (Map.Entry<String, String> e : new TreeMap<>(metadata).entrySet()) {
                if (e.getValue() == null) {
                    throw new IllegalArgumentException("metadata value for " + e.getKey() + " is null");
                }
                if (!first) {
                    json.append(',');
                }
                first = false;
                SafetensorsJson.writeString(json, e.getKey());
                json.append(':');
                SafetensorsJson.writeString(json, e.getValue());
            }
            json.append('}');
            json.append(',');
        }
        long offset = 0;
        for (int i = 0; i < layout.tensorCount(); i++) {
            TensorSpec t = layout.tensor(i);
            if (t.name().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("a tensor may not be named " + METADATA_KEY);
            }
            if (i > 0) {
                json.append(',');
            }
            SafetensorsJson.writeString(json, t.name());
            json.append(":{\"dtype\":\"F32\",\"shape\":[");
            int[] shape = t.shape();
            for (int d = 0; d < shape.length; d++) {
                if (d > 0) {
                    json.append(',');
                }
                json.append(shape[d]);
            }
            long end = offset + 4L * t.size();
            json.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        json.append('}');
        byte[] utf8 = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (utf8.length + 7) & ~7;
        byte[] out = Arrays.copyOf(utf8, padded);
        Arrays.fill(out, utf8.length, padded, (byte) ' ');
        return out;
    }

    /** Writes {@code params} (and {@code metadata}, may be empty or null) to {@code out}, which stays open. */
    public static void write(ParameterSet params, Map<String, String> metadata, OutputStream out) throws IOException {
        ModelLayout layout = params.layout();
        byte[] header = header(layout, metadata);
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
        out.write(len.array());
        out.write(header);
        float[] v = params.values();
        ByteBuffer buf = ByteBuffer.allocate(4 * Math.min(CHUNK_FLOATS, Math.max(1, v.length)))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < v.length; from += CHUNK_FLOATS) {
            int n = Math.min(CHUNK_FLOATS, v.length - from);
            buf.clear();
            buf.asFloatBuffer().put(v, from, n);
            out.write(buf.array(), 0, 4 * n);
        }
    }

    /** The complete file as bytes. */
    public static byte[] toBytes(ParameterSet params, Map<String, String> metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(params, metadata, out);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Writes {@code params} to {@code file} through a temporary file in the same directory that is flushed to
     * disk and then renamed, so readers never see a partial file.
     */
    public static void write(ParameterSet params, Map<String, String> metadata, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch),
                            1 << 16)) {
                write(params, metadata, out);
                out.flush();
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // ---------------------------------------------------------------- reading

    /** Random access to the bytes of a file or an array. */
    private interface Source {
        long size() throws IOException;

        /** Fills {@code dst} from {@code position}; the caller has checked the range. */
        void read(long position, ByteBuffer dst) throws IOException;
    }

    private record ArraySource(byte[] bytes) implements Source {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public void read(long position, ByteBuffer dst) {
            dst.put(bytes, (int) position, dst.remaining());
        }
    }

    private record ChannelSource(FileChannel ch) implements Source {
        @Override
        public long size() throws IOException {
            return ch.size();
        }

        @Override
        public void read(long position, ByteBuffer dst) throws IOException {
            while (dst.hasRemaining()) {
                int n = ch.read(dst, position);
                if (n < 0) {
                    throw new SafetensorsFormatException("file shrank while reading at byte " + position);
                }
                position += n;
            }
        }
    }

    /** One tensor entry of a header. */
    private record Entry(String name, int[] shape, long begin, long end) {
    }

    /** Reads a file, building the layout from its header (see {@link #read(byte[])}). */
    public static SafetensorsFile read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(new ChannelSource(ch), file.toString());
        }
    }

    /** Reads a file into a set with exactly the {@code expected} layout. */
    public static ParameterSet read(Path file, ModelLayout expected) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(new ChannelSource(ch), file.toString(), expected);
        }
    }

    /**
     * Reads safetensors bytes, building the layout from the header: tensors in the order of their data, kind
     * {@link TensorKind#BIAS} for names ending in {@code .bias} and {@link TensorKind#WEIGHT} otherwise.
     */
    public static SafetensorsFile read(byte[] bytes) throws SafetensorsFormatException {
        try {
            return read(new ArraySource(bytes), "safetensors bytes");
        } catch (SafetensorsFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new SafetensorsFormatException(e.getMessage(), e);
        }
    }

    /**
     * Reads safetensors bytes into a set with exactly the {@code expected} layout: the same names and shapes,
     * in any order in the file; kinds come from {@code expected}.
     */
    public static ParameterSet read(byte[] bytes, ModelLayout expected) throws SafetensorsFormatException {
        try {
            return read(new ArraySource(bytes), "safetensors bytes", expected);
        } catch (SafetensorsFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new SafetensorsFormatException(e.getMessage(), e);
        }
    }

    private static SafetensorsFile read(Source src, String name) throws IOException {
        Header h = readHeader(src, name);
        List<TensorSpec> specs = new ArrayList<>(h.entries.size());
        for (Entry e : h.entries) {
            TensorKind kind = e.name.endsWith(".bias") ? TensorKind.BIAS : TensorKind.WEIGHT;
            specs.add(new TensorSpec(e.name, e.shape, kind));
        }
        ModelLayout layout = ModelLayout.of(specs);
        float[] values = new float[layout.totalSize()];
        for (int i = 0; i < h.entries.size(); i++) {
            Entry e = h.entries.get(i);
            readFloats(src, h.dataStart + e.begin, values, layout.offset(i), (int) ((e.end - e.begin) / 4));
        }
        return new SafetensorsFile(ParameterSet.wrap(layout, values), h.metadata);
    }

    private static ParameterSet read(Source src, String name, ModelLayout expected) throws IOException {
        Header h = readHeader(src, name);
        Set<String> inFile = new LinkedHashSet<>();
        for (Entry e : h.entries) {
            inFile.add(e.name);
        }
        Set<String> missing = new LinkedHashSet<>(expected.names());
        missing.removeAll(inFile);
        Set<String> extra = new LinkedHashSet<>(inFile);
        extra.removeAll(expected.names());
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new SafetensorsFormatException(name + ": tensors do not match the expected layout: missing "
                    + missing + ", unexpected " + extra);
        }
        float[] values = new float[expected.totalSize()];
        for (Entry e : h.entries) {
            int i = expected.indexOf(e.name);
            TensorSpec t = expected.tensor(i);
            if (!Arrays.equals(t.shape(), e.shape)) {
                throw new SafetensorsFormatException(name + ": tensor " + e.name + " has shape "
                        + Arrays.toString(e.shape) + ", expected " + Arrays.toString(t.shape()));
            }
            readFloats(src, h.dataStart + e.begin, values, expected.offset(i), t.size());
        }
        return ParameterSet.wrap(expected, values);
    }

    private static void readFloats(Source src, long position, float[] dst, int offset, int count) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4 * Math.min(CHUNK_FLOATS, Math.max(1, count)))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < count; ) {
            int n = Math.min(CHUNK_FLOATS, count - done);
            buf.clear().limit(4 * n);
            src.read(position + 4L * done, buf);
            buf.flip();
            buf.asFloatBuffer().get(dst, offset + done, n);
            done += n;
        }
    }

    private record Header(List<Entry> entries, Map<String, String> metadata, long dataStart) {
    }

    private static Header readHeader(Source src, String name) throws IOException {
        long size = src.size();
        if (size < 8) {
            throw new SafetensorsFormatException(name + ": " + size + " bytes, too short for the 8-byte header length");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        src.read(0, lenBuf);
        long n = lenBuf.flip().getLong();
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new SafetensorsFormatException(name + ": header length " + Long.toUnsignedString(n)
                    + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        if (n > size - 8) {
            throw new SafetensorsFormatException(name + ": header length " + n + " exceeds the "
                    + (size - 8) + " bytes that follow it");
        }
        ByteBuffer headerBuf = ByteBuffer.allocate((int) n);
        src.read(8, headerBuf);
        headerBuf.flip();
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(headerBuf).toString();
        } catch (CharacterCodingException e) {
            throw new SafetensorsFormatException(name + ": header is not valid UTF-8", e);
        }
        if (json.isEmpty() || json.charAt(0) != '{') {
            throw new SafetensorsFormatException(name + ": header does not start with '{'");
        }
        Object parsed;
        try {
            parsed = SafetensorsJson.parse(json);
        } catch (SafetensorsFormatException e) {
            throw new SafetensorsFormatException(name + ": " + e.getMessage(), e);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> top = (Map<String, Object>) parsed;
        Map<String, String> metadata = Map.of();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Object> e : top.entrySet()) {
            if (e.getKey().equals(METADATA_KEY)) {
                metadata = metadata(e.getValue(), name);
            } else {
                entries.add(entry(e.getKey(), e.getValue(), name));
            }
        }
        if (entries.isEmpty()) {
            throw new SafetensorsFormatException(name + ": no tensors in the header");
        }
        long total = 0;
        for (Entry e : entries) {
            total += (e.end - e.begin) / 4;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new SafetensorsFormatException(name + ": " + total + " parameters in all, more than one float"
                    + " array holds (" + (Integer.MAX_VALUE - 8) + ")");
        }
        long dataStart = 8 + n;
        checkTiling(entries, size - dataStart, name);
        return new Header(entries, metadata, dataStart);
    }

    private static Map<String, String> metadata(Object v, String name) throws SafetensorsFormatException {
        if (!(v instanceof Map<?, ?> m)) {
            throw new SafetensorsFormatException(name + ": " + METADATA_KEY + " must be an object of strings");
        }
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new SafetensorsFormatException(name + ": " + METADATA_KEY + " value for \"" + e.getKey()
                        + "\" is not a string");
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }

    private static Entry entry(String tensor, Object v, String name) throws SafetensorsFormatException {
        String where = name + ": tensor \"" + tensor + "\"";
        if (tensor.isBlank()) {
            throw new SafetensorsFormatException(where + ": tensor names must not be blank");
        }
        if (!(v instanceof Map<?, ?> info)) {
            throw new SafetensorsFormatException(where + " is not an object");
        }
        Set<Object> keys = new HashSet<>(info.keySet());
        keys.removeAll(Set.of("dtype", "shape", "data_offsets"));
        if (!keys.isEmpty()) {
            throw new SafetensorsFormatException(where + " has unknown fields " + keys);
        }
        Object dtype = info.get("dtype");
        if (!(dtype instanceof String d)) {
            throw new SafetensorsFormatException(where + " has no dtype string");
        }
        if (!d.equals("F32")) {
            throw new SafetensorsFormatException(where + " has dtype " + d
                    + (KNOWN_DTYPES.contains(d) ? "" : " (not a safetensors dtype)") + ": only F32 is supported");
        }
        if (!(info.get("shape") instanceof List<?> shapeList)) {
            throw new SafetensorsFormatException(where + " has no shape array");
        }
        if (shapeList.isEmpty()) {
            throw new SafetensorsFormatException(where + " is a scalar (shape []); only tensors of rank 1 or more"
                    + " are supported");
        }
        int[] shape = new int[shapeList.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            long d2 = shapeList.get(i) instanceof SafetensorsJson.Number num ? num.asNonNegativeLong() : -1;
            if (d2 < 0) {
                throw new SafetensorsFormatException(where + " has shape entry " + shapeList.get(i)
                        + " that is not a non-negative integer");
            }
            if (d2 == 0) {
                throw new SafetensorsFormatException(where + " is empty (shape " + shapeList + ");"
                        + " empty tensors are not supported");
            }
            elements *= d2;
            if (d2 > Integer.MAX_VALUE || elements > Integer.MAX_VALUE - 8) {
                throw new SafetensorsFormatException(where + " has shape " + shapeList + ", more than "
                        + (Integer.MAX_VALUE - 8) + " elements");
            }
            shape[i] = (int) d2;
        }
        if (!(info.get("data_offsets") instanceof List<?> offs) || offs.size() != 2) {
            throw new SafetensorsFormatException(where + " needs data_offsets [begin, end]");
        }
        long begin = offs.get(0) instanceof SafetensorsJson.Number b ? b.asNonNegativeLong() : -1;
        long end = offs.get(1) instanceof SafetensorsJson.Number e ? e.asNonNegativeLong() : -1;
        if (begin < 0 || end < 0) {
            throw new SafetensorsFormatException(where + " has data_offsets " + offs
                    + " that are not non-negative integers");
        }
        if (end < begin) {
            throw new SafetensorsFormatException(where + " has data_offsets out of order: begin " + begin
                    + " > end " + end);
        }
        if (end - begin != 4 * elements) {
            throw new SafetensorsFormatException(where + " has data_offsets [" + begin + ", " + end + "] spanning "
                    + (end - begin) + " bytes, but shape " + Arrays.toString(shape) + " of F32 needs "
                    + 4 * elements);
        }
        return new Entry(tensor, shape, begin, end);
    }

    /** The tensors, sorted by offset, must cover {@code [0, dataSize)} exactly once. */
    private static void checkTiling(List<Entry> entries, long dataSize, String name)
            throws SafetensorsFormatException {
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : entries) {
            if (e.begin < expected) {
                throw new SafetensorsFormatException(name + ": tensor \"" + e.name + "\" at [" + e.begin + ", "
                        + e.end + ") overlaps the previous tensor, which ends at " + expected);
            }
            if (e.begin > expected) {
                throw new SafetensorsFormatException(name + ": gap in the data: tensor \"" + e.name
                        + "\" begins at " + e.begin + ", the previous tensor ends at " + expected);
            }
            if (e.end > dataSize) {
                throw new SafetensorsFormatException(name + ": tensor \"" + e.name + "\" ends at " + e.end
                        + ", beyond the " + dataSize + " data bytes in the file");
            }
            expected = e.end;
        }
        if (expected != dataSize) {
            throw new SafetensorsFormatException(name + ": " + (dataSize - expected)
                    + " trailing bytes after the last tensor (data ends at " + expected + " of " + dataSize + ")");
        }
    }
}
