package io.flotilla.wire.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.Map;

/**
 * A record as its components in declaration order, rebuilt through the canonical constructor so that the
 * record's own validation runs on every decoded message.
 *
 * <p>Primitives are written inline; components of a final type (records, enums, arrays, {@code String}) are
 * written without a class id; components of an open type (interfaces such as a sealed protocol or
 * {@code ActorRef}, {@code List}) carry the registered class id of the value, and the decoded value is checked to
 * be an instance of the component type; the elements of a {@code List}, {@code Set} or {@code Map} component are
 * checked against its type arguments. Unlike Kryo's own record serializer, reflection is resolved once.
 */
public final class RecordSerializer<T extends Record> extends Serializer<T> {

    private final Class<T> type;
    private final Method[] accessors;
    private final Class<?>[] types;
    /** Per component: the element classes a List/Set (one) or Map (key, value) must hold, or null. */
    private final Class<?>[][] elementTypes;
    private final Constructor<T> constructor;

    public RecordSerializer(Class<T> type) {
        super(false, true);
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        this.type = type;
        RecordComponent[] components = type.getRecordComponents();
        accessors = new Method[components.length];
        types = new Class<?>[components.length];
        elementTypes = new Class<?>[components.length][];
        for (int i = 0; i < components.length; i++) {
            accessors[i] = components[i].getAccessor();
            accessors[i].setAccessible(true);
            types[i] = components[i].getType();
            elementTypes[i] = elementTypesOf(components[i].getGenericType());
        }
        try {
            constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("record " + type.getName() + " has no canonical constructor", e);
        }
    }

    @Override
    public void write(Kryo kryo, Output output, T record) {
        for (int i = 0; i < accessors.length; i++) {
            Object value;
            try {
                value = accessors[i].invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new KryoException("cannot read " + type.getName() + "." + accessors[i].getName(), e);
            }
            writeComponent(kryo, output, types[i], value);
        }
    }

    @Override
    public T read(Kryo kryo, Input input, Class<? extends T> ignored) {
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            values[i] = readComponent(kryo, input, types[i], i);
        }
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new KryoException("invalid " + type.getSimpleName() + ": " + cause.getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new KryoException("cannot construct " + type.getName(), e);
        }
    }

    private static void writeComponent(Kryo kryo, Output output, Class<?> componentType, Object value) {
        if (componentType.isPrimitive()) {
            writePrimitive(output, componentType, value);
        } else if (kryo.isFinal(componentType)) {
            kryo.writeObjectOrNull(output, value, componentType);
        } else {
            kryo.writeClassAndObject(output, value);
        }
    }

    private Object readComponent(Kryo kryo, Input input, Class<?> componentType, int index) {
        if (componentType.isPrimitive()) {
            return readPrimitive(input, componentType);
        }
        if (kryo.isFinal(componentType)) {
            return kryo.readObjectOrNull(input, componentType);
        }
        Object value = kryo.readClassAndObject(input);
        if (value != null && !componentType.isInstance(value)) {
            throw new KryoException(type.getSimpleName() + "." + accessors[index].getName() + " expects "
                    + componentType.getName() + " but the input holds " + value.getClass().getName());
        }
        if (value != null && elementTypes[index] != null) {
            checkElements(value, elementTypes[index], index);
        }
        return value;
    }

    /**
     * A {@code List<String>} component must not decode to a list of something else: the mistake would surface
     * later as a ClassCastException inside an actor. Only the raw class of each type argument is checked.
     */
    private void checkElements(Object collection, Class<?>[] expected, int index) {
        if (collection instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                checkElement(e.getKey(), expected[0], index);
                checkElement(e.getValue(), expected[1], index);
            }
        } else if (collection instanceof Collection<?> c) {
            for (Object element : c) {
                checkElement(element, expected[0], index);
            }
        }
    }

    private void checkElement(Object element, Class<?> expected, int index) {
        if (element != null && expected != null && !boxed(expected).isInstance(element)) {
            throw new KryoException(type.getSimpleName() + "." + accessors[index].getName() + " holds a "
                    + element.getClass().getName() + " where " + expected.getName() + " belongs");
        }
    }

    private static Class<?>[] elementTypesOf(Type generic) {
        if (!(generic instanceof ParameterizedType p)) {
            return null;
        }
        Class<?> raw = (Class<?>) p.getRawType();
        if (!Collection.class.isAssignableFrom(raw) && !Map.class.isAssignableFrom(raw)) {
            return null;
        }
        Type[] args = p.getActualTypeArguments();
        Class<?>[] classes = new Class<?>[args.length];
        for (int i = 0; i < args.length; i++) {
            classes[i] = rawClassOf(args[i]);
        }
        return classes;
    }

    private static Class<?> rawClassOf(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (t instanceof WildcardType w && w.getUpperBounds().length == 1) {
            return rawClassOf(w.getUpperBounds()[0]);
        }
        return null; // a type variable: nothing to check
    }

    private static Class<?> boxed(Class<?> c) {
        return c.isPrimitive() ? java.lang.invoke.MethodType.methodType(c).wrap().returnType() : c;
    }

    private static void writePrimitive(Output output, Class<?> t, Object value) {
        if (t == int.class) {
            output.writeVarInt((Integer) value, false);
        } else if (t == long.class) {
            output.writeVarLong((Long) value, false);
        } else if (t == float.class) {
            output.writeFloat((Float) value);
        } else if (t == double.class) {
            output.writeDouble((Double) value);
        } else if (t == boolean.class) {
            output.writeBoolean((Boolean) value);
        } else if (t == byte.class) {
            output.writeByte((Byte) value);
        } else if (t == short.class) {
            output.writeShort((Short) value);
        } else if (t == char.class) {
            output.writeChar((Character) value);
        } else {
            throw new KryoException("unsupported primitive " + t);
        }
    }

    private static Object readPrimitive(Input input, Class<?> t) {
        if (t == int.class) {
            return input.readVarInt(false);
        } else if (t == long.class) {
            return input.readVarLong(false);
        } else if (t == float.class) {
            return input.readFloat();
        } else if (t == double.class) {
            return input.readDouble();
        } else if (t == boolean.class) {
            return input.readBoolean();
        } else if (t == byte.class) {
            return input.readByte();
        } else if (t == short.class) {
            return input.readShort();
        } else if (t == char.class) {
            return input.readChar();
        }
        throw new KryoException("unsupported primitive " + t);
    }
}
