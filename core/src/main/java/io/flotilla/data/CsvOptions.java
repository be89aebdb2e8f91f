package io.flotilla.data;

/**
 * How {@link CsvReader} reads a table: whether the first row is a header, which column holds the label (by name
 * or index), the number of classes and the delimiter.
 *
 * @param header true when the first non-blank line names the columns
 * @param labelName the label column's name (requires {@code header}), or null to use {@code labelIndex}
 * @param labelIndex the label column's index when {@code labelName} is null; negative counts from the end
 *     ({@code -1} is the last column)
 * @param numClasses labels must lie in {@code [0, numClasses)}; 0 infers {@code max(2, largest label + 1)}
 * @param delimiter the cell separator, usually {@code ','}
 */
public record CsvOptions(boolean header, String labelName, int labelIndex, int numClasses, char delimiter) {

    public CsvOptions {
        if (labelName != null && !header) {
            throw new IllegalArgumentException("label column '" + labelName + "' given by name needs a header row");
        }
        if (labelName != null && labelName.isBlank()) {
            throw new IllegalArgumentException("label column name must not be blank");
        }
        if (numClasses < 0 || numClasses == 1) {
            throw new IllegalArgumentException("numClasses must be 0 (infer) or at least 2, got " + numClasses);
        }
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("delimiter may not be a quote or line break");
        }
    }

    /** A comma-separated file with a header row, the label in the named column, classes inferred. */
    public static CsvOptions labelNamed(String name) {
        return new CsvOptions(true, name, 0, 0, ',');
    }

    /** A comma-separated file, the label in column {@code index} (negative from the end), classes inferred. */
    public static CsvOptions labelAt(int index, boolean header) {
        return new CsvOptions(header, null, index, 0, ',');
    }

    public CsvOptions withNumClasses(int classes) {
        return new CsvOptions(header, labelName, labelIndex, classes, delimiter);
    }

    public CsvOptions withDelimiter(char d) {
        return new CsvOptions(header, labelName, labelIndex, numClasses, d);
    }
}
