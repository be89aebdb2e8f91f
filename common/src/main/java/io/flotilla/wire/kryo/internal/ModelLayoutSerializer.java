package io.flotilla.wire.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.TensorSpec;
import java.util.ArrayList;
import java.util.List;

/** {@link ModelLayout} as its tensor specs in order; rebuilt through {@link ModelLayout#of(List)}, which validates. */
public final class ModelLayoutSerializer extends Serializer<ModelLayout> {

    public ModelLayoutSerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, ModelLayout layout) {
        List<TensorSpec> tensors = layout.tensors();
        output.writeVarInt(tensors.size(), true);
        for (TensorSpec spec : tensors) {
            kryo.writeObject(output, spec);
        }
    }

    @Override
    public ModelLayout read(Kryo kryo, Input input, Class<? extends ModelLayout> type) {
        int n = InputBounds.requireReadable(input, input.readVarInt(true), 3, "ModelLayout");
        List<TensorSpec> tensors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tensors.add(kryo.readObject(input, TensorSpec.class));
        }
        try {
            return ModelLayout.of(tensors);
        } catch (IllegalArgumentException e) {
            throw new KryoException("invalid ModelLayout: " + e.getMessage(), e);
        }
    }
}
