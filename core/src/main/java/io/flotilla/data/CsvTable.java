package io.flotilla.data;

import java.util.List;

/**
 * A tabular dataset read by {@link CsvReader}: examples of shape {@code [features]} and the feature names.
 *
 * @param data the examples and labels
 * @param featureNames names of the feature columns in order (from the header, else {@code c0, c1, ...} by
 *     column index)
 * @param labelName the label column's name (from the header, else {@code c<index>})
 */
public record CsvTable(Dataset data, List<String> featureNames, String labelName) {

    public CsvTable {
        if (data == null || featureNames == null || labelName == null) {
            throw new IllegalArgumentException("data, featureNames and labelName must not be null");
        }
        featureNames = List.copyOf(featureNames);
        if (featureNames.size() != data.exampleSize()) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + data.exampleSize()
                    + " features");
        }
    }
}
