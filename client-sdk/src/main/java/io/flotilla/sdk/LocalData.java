package io.flotilla.sdk;

import io.flotilla.data.Dataset;
import java.io.IOException;

/**
 * The app's private data, which never leaves the device: the examples the client trains on, and optionally a test
 * split for local evaluation. Called once per task, so an app may return fresh data each time (new examples
 * collected since the last round); {@link IdxDirectoryData} reads a Fashion-MNIST style IDX directory.
 */
public interface LocalData {

    /** The training examples; must match the model's input shape and classes. */
    Dataset train() throws IOException;

    /** The local test split, or null when there is none (the default). */
    default Dataset test() throws IOException {
        return null;
    }
}
