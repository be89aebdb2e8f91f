package io.flotilla.wire.kryo.internal;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.util.DefaultClassResolver;

/**
 * A class resolver that refuses classes named in the input. With registration required every class on the wire
 * travels as its registration id; Kryo's resolver would still read a class <em>name</em> first and only then
 * refuse it, sizing that string from an unchecked length prefix (an {@code OutOfMemoryError} from a few bytes,
 * found by fuzzing). Refusing before reading closes that path.
 */
final class RegisteredOnlyClassResolver extends DefaultClassResolver {

    @Override
    protected Registration readName(Input input) {
        throw new KryoException("class names are not accepted on the wire; only registered type ids");
    }
}
