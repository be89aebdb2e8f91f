package io.flotilla.wire.kryo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import io.flotilla.wire.WireMessage;
import io.flotilla.wire.kryo.internal.StringSerializer;
import io.flotilla.wire.kryo.internal.WireKryo;
import io.flotilla.wire.transfer.BlobRef;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WireRegistryTest {

    static Set<Class<?>> registered() {
        Set<Class<?>> types = new HashSet<>();
        for (WireRegistry.Entry e : WireRegistry.entries()) {
            types.add(e.type());
        }
        return types;
    }

    @Test
    void idsAreUniqueAboveKryosBuiltInsAndInAscendingOrder() {
        List<Integer> ids = new ArrayList<>();
        for (WireRegistry.Entry e : WireRegistry.entries()) {
            assertTrue(e.id() >= WireRegistry.FIRST_ID, e.toString());
            if (!ids.isEmpty()) {
                assertTrue(e.id() > ids.get(ids.size() - 1), "ids must ascend: " + e.id() + " after " + ids);
            }
            ids.add(e.id());
        }
    }

    @Test
    void everyEntryRegistersUnderItsIdAndStringIsBounded() {
        Kryo kryo = new WireKryo();
        WireRegistry.registerAll(kryo, () -> null);
        for (WireRegistry.Entry e : WireRegistry.entries()) {
            assertEquals(e.type(), kryo.getRegistration(e.id()).getType());
        }
        assertInstanceOf(StringSerializer.class, kryo.getRegistration(String.class).getSerializer());
        assertEquals(1, kryo.getRegistration(String.class).getId());
    }

    /**
     * The registry is closed: every component of every registered record is itself registered, a primitive, a box
     * or a String, and every implementation of a sealed component type is registered. This catches a protocol
     * record whose field type was forgotten, before it fails at run time on the first message.
     */
    @Test
    void everyComponentOfEveryRegisteredRecordIsEncodable() {
        Set<Class<?>> types = registered();
        List<String> missing = new ArrayList<>();
        for (Class<?> type : types) {
            if (!type.isRecord()) {
                continue;
            }
            for (RecordComponent c : type.getRecordComponents()) {
                checkType(c.getGenericType(), types, type.getName() + "." + c.getName(), missing);
            }
        }
        assertEquals(List.of(), missing);
    }

    private static void checkType(Type generic, Set<Class<?>> types, String where, List<String> missing) {
        if (generic instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            checkClass(raw, types, where, missing);
            if (raw == List.class || raw == Set.class || raw == java.util.Map.class) {
                for (Type arg : p.getActualTypeArguments()) {
                    checkType(arg, types, where + "<>", missing);
                }
            }
        } else if (generic instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                checkType(bound, types, where, missing);
            }
        } else if (generic instanceof Class<?> c) {
            checkClass(c, types, where, missing);
        } else {
            missing.add(where + ": unsupported generic type " + generic);
        }
    }

    private static void checkClass(Class<?> c, Set<Class<?>> types, String where, List<String> missing) {
        if (c.isPrimitive() || c == String.class || c == Integer.class || c == Long.class || c == Float.class
                || c == Double.class || c == Boolean.class || c == Byte.class || c == Short.class
                || c == Character.class || types.contains(c)) {
            return;
        }
        if (c.isSealed()) {
            for (Class<?> sub : c.getPermittedSubclasses()) {
                if (WireMessage.class.isAssignableFrom(sub) || !c.isInterface()) {
                    checkClass(sub, types, where + " (" + c.getSimpleName() + ")", missing);
                }
            }
            return;
        }
        missing.add(where + ": " + c.getName() + " is not registered");
    }

    @Test
    void everyRegisteredClassThatIsSentAloneIsAWireMessage() {
        // The transfer protocol's messages are sent on their own, so Akka must find Kryo for them. BlobRef lives
        // beside them but only ever rides inside a protocol message, as a field.
        for (Class<?> type : registered()) {
            if (type.getPackageName().startsWith("io.flotilla.wire.transfer") && type != BlobRef.class) {
                assertTrue(WireMessage.class.isAssignableFrom(type), type.getName());
            }
        }
    }
}
