package io.flotilla.model.encoding;

import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;

/**
 * The blob of global parameters a round sends out, in either of two self-describing forms: dense
 * ({@link GlobalParameters}, magic {@code "FLGP"}) or, for a pruned model, the {@link SparseEncoding} (magic
 * {@code "FSP1"}), whose size shrinks with sparsity. The coordinator picks the sparse form only when it is smaller;
 * the client tells them apart by the magic and decodes against the layout it already knows, so every count is
 * checked before anything is allocated.
 */
public final class GlobalModelBlob {
    private GlobalModelBlob() {
    }

    /**
     * The blob for {@code global}: sparse-encoded when {@code sparse} is asked for and that is smaller than the dense
     * form, dense otherwise. Does not modify {@code global}.
     */
    public static byte[] encode(ParameterSet global, boolean sparse) {
        if (sparse) {
            byte[] s = SparseEncoding.encode(global);
            if (s.length < GlobalParameters.encodedSize(global.size())) {
                return s;
            }
        }
        return GlobalParameters.encode(global.values());
    }

    /**
     * Largest blob a client accepts for {@code layout}: dense float32 plus the sparse form's headers (it is never
     * chosen when larger than dense, but the bound is what a client checks before fetching).
     */
    public static long maxEncodedSize(ModelLayout layout) {
        return Math.max(GlobalParameters.encodedSize(layout.totalSize()),
                4L * layout.totalSize() + 16L * layout.tensorCount() + 64);
    }

    /**
     * Decodes untrusted bytes in either form into parameters of {@code layout}.
     *
     * @throws IllegalArgumentException naming the sizes when the bytes are neither form or do not fit the layout
     */
    public static ParameterSet decode(byte[] bytes, ModelLayout layout) {
        if (bytes.length >= 4 && bytes[0] == 'F' && bytes[1] == 'S' && bytes[2] == 'P' && bytes[3] == '1') {
            return SparseEncoding.decode(bytes, layout);
        }
        return ParameterSet.wrap(layout, GlobalParameters.decode(bytes, layout.totalSize()));
    }
}
