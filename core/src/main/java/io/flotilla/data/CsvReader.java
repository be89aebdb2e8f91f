package io.flotilla.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads labelled numeric tables from CSV: one example per line, an integer label column and numeric feature
 * columns. Cells may be quoted ({@code "..."} with {@code ""} for a quote) and are trimmed; blank lines are
 * skipped; a leading byte-order mark is ignored. Features must be finite decimal numbers ({@code 1}, {@code -2.5},
 * {@code 3e-4}); labels non-negative integers.
 *
 * <p>Every problem is a {@link MalformedDataException} naming the source, the line and, for a cell, the column:
 * a row with a different number of cells than the first, a non-numeric or non-finite cell, a label out of range,
 * a quote left open, a missing label column, a file without data rows.
 */
public final class CsvReader {
    private CsvReader() {
    }

    /** Reads a UTF-8 CSV file. */
    public static CsvTable read(Path file, CsvOptions options) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString(), options);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new MalformedDataException(file + ": not valid UTF-8", e);
        }
    }

    /** Reads CSV text from {@code in} (not closed); {@code source} names it in error messages. */
    public static CsvTable read(Reader in, String source, CsvOptions options) throws IOException {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        List<String> header = null;
        int labelCol = -1;
        int columns = -1;
        int lineNo = 0;
        float[] features = new float[1024];
        int nValues = 0;
        int[] labels = new int[256];
        int nRows = 0;
        int maxLabel = -1;
        int labelLine = 0;
        String line;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(line, options.delimiter(), source, lineNo);
            if (columns < 0) {
                columns = cells.size();
                if (columns < 2) {
                    throw new MalformedDataException(source + " line " + lineNo + ": " + columns
                            + " column, need a label and at least one feature");
                }
                labelCol = labelColumn(options, cells, source, lineNo);
                if (options.header()) {
                    header = cells;
                    continue;
                }
            } else if (cells.size() != columns) {
                throw new MalformedDataException(source + " line " + lineNo + ": " + cells.size()
                        + " cells, expected " + columns + " like the first row");
            }
            int label = parseLabel(cells.get(labelCol).trim(), source, lineNo, columnName(header, labelCol));
            if (options.numClasses() > 0 && label >= options.numClasses()) {
                throw new MalformedDataException(source + " line " + lineNo + ": label " + label
                        + " outside [0, " + options.numClasses() + ")");
            }
            if (label > maxLabel) {
                maxLabel = label;
                labelLine = lineNo;
            }
            if ((long) nValues + columns - 1 > IdxReader.MAX_ELEMENTS) {
                throw new MalformedDataException(source + " line " + lineNo + ": more than "
                        + IdxReader.MAX_ELEMENTS + " values in all");
            }
            if (nValues + columns - 1 > features.length) {
                features = Arrays.copyOf(features, (int) Math.min(IdxReader.MAX_ELEMENTS,
                        Math.max(2L * features.length, nValues + columns - 1)));
            }
            for (int c = 0; c < columns; c++) {
                if (c != labelCol) {
                    features[nValues++] = parseFeature(cells.get(c).trim(), source, lineNo, c, header);
                }
            }
            if (nRows == labels.length) {
                labels = Arrays.copyOf(labels, labels.length * 2);
            }
            labels[nRows++] = label;
        }
        if (nRows == 0) {
            throw new MalformedDataException(source + ": no data rows" + (columns < 0 ? " (empty)" : ""));
        }
        int numClasses = options.numClasses() > 0 ? options.numClasses() : Math.max(2, maxLabel + 1);
        if (maxLabel >= numClasses) {
            throw new MalformedDataException(source + " line " + labelLine + ": label " + maxLabel + " outside [0, "
                    + numClasses + ")");
        }
        List<String> names = new ArrayList<>(columns - 1);
        for (int c = 0; c < columns; c++) {
            if (c != labelCol) {
                names.add(columnName(header, c));
            }
        }
        Dataset data = Dataset.of(Arrays.copyOf(features, nValues), Arrays.copyOf(labels, nRows),
                new int[] {columns - 1}, numClasses);
        return new CsvTable(data, names, columnName(header, labelCol));
    }

    private static String columnName(List<String> header, int c) {
        return header == null ? "c" + c : header.get(c);
    }

    private static int labelColumn(CsvOptions o, List<String> first, String source, int lineNo)
            throws MalformedDataException {
        int columns = first.size();
        if (o.labelName() != null) {
            int idx = first.indexOf(o.labelName());
            if (idx < 0) {
                throw new MalformedDataException(source + " line " + lineNo + ": no label column named '"
                        + o.labelName() + "'; columns are " + first);
            }
            return idx;
        }
        int idx = o.labelIndex() < 0 ? columns + o.labelIndex() : o.labelIndex();
        if (idx < 0 || idx >= columns) {
            throw new MalformedDataException(source + " line " + lineNo + ": label column " + o.labelIndex()
                    + " outside the " + columns + " columns");
        }
        return idx;
    }

    /** Splits one line into trimmed cells, honouring double quotes. */
    static List<String> split(String line, char delimiter, String source, int lineNo) throws MalformedDataException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == delimiter) {
                cells.add(wasQuoted ? cell.toString() : cell.toString().trim());
                cell.setLength(0);
                wasQuoted = false;
            } else if (ch == '"' && cell.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                cell.setLength(0);
            } else if (wasQuoted) {
                if (!Character.isWhitespace(ch)) {
                    throw new MalformedDataException(source + " line " + lineNo + ": text after a closing quote in"
                            + " cell " + cells.size());
                }
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new MalformedDataException(source + " line " + lineNo + ": quote left open in cell " + cells.size());
        }
        cells.add(wasQuoted ? cell.toString() : cell.toString().trim());
        return cells;
    }

    private static int parseLabel(String cell, String source, int lineNo, String column) throws MalformedDataException {
        if (cell.isEmpty() || cell.length() > 9) {
            throw new MalformedDataException(source + " line " + lineNo + ", label column '" + column + "': '"
                    + abbreviate(cell) + "' is not a label (a non-negative integer below 10^9)");
        }
        int v = 0;
        for (int i = 0; i < cell.length(); i++) {
            char ch = cell.charAt(i);
            if (ch < '0' || ch > '9') {
                throw new MalformedDataException(source + " line " + lineNo + ", label column '" + column + "': '"
                        + abbreviate(cell) + "' is not a non-negative integer");
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    private static float parseFeature(String cell, String source, int lineNo, int col, List<String> header)
            throws MalformedDataException {
        if (!isDecimal(cell)) {
            throw new MalformedDataException(source + " line " + lineNo + ", column " + col + " ('"
                    + columnName(header, col) + "'): '" + abbreviate(cell) + "' is not a number");
        }
        float v = Float.parseFloat(cell);
        if (!Float.isFinite(v)) {
            throw new MalformedDataException(source + " line " + lineNo + ", column " + col + " ('"
                    + columnName(header, col) + "'): '" + abbreviate(cell) + "' is outside the float range");
        }
        return v;
    }

    /** {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}: what Float.parseFloat must accept. */
    static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int intDigits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
