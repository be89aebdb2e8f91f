package io.flotilla.wire.terms;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Length-checked reading of the terms' big-endian fields from untrusted bytes. */
final class TermsReader {
    private final ByteBuffer in;
    private final String what;

    TermsReader(byte[] bytes, String what) {
        this.in = ByteBuffer.wrap(bytes);
        this.what = what;
    }

    private void need(int n, String field) {
        if (in.remaining() < n) {
            throw new MalformedTermsException(what + ": " + field + " needs " + n + " bytes, " + in.remaining()
                    + " left");
        }
    }

    int u8(String field) {
        need(1, field);
        return in.get() & 0xff;
    }

    boolean flag(String field) {
        int b = u8(field);
        if (b > 1) {
            throw new MalformedTermsException(what + ": " + field + " must be 0 or 1, got " + b);
        }
        return b == 1;
    }

    int i32(String field) {
        need(4, field);
        return in.getInt();
    }

    long i64(String field) {
        need(8, field);
        return in.getLong();
    }

    float f32(String field) {
        need(4, field);
        return in.getFloat();
    }

    double f64(String field) {
        need(8, field);
        return in.getDouble();
    }

    byte[] fixed(int n, String field) {
        need(n, field);
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    /** A u32-length-prefixed byte string of at most {@code max} bytes. */
    byte[] bytes(int max, String field) {
        int n = i32(field + " length");
        if (n < 0 || n > max) {
            throw new MalformedTermsException(what + ": " + field + " length " + Integer.toUnsignedString(n)
                    + " outside [0, " + max + "]");
        }
        return fixed(n, field);
    }

    /** A u16-length-prefixed strict UTF-8 string of at most {@code max} bytes. */
    String string(int max, String field) {
        need(2, field + " length");
        int n = in.getShort() & 0xffff;
        if (n > max) {
            throw new MalformedTermsException(what + ": " + field + " length " + n + " exceeds " + max);
        }
        byte[] b = fixed(n, field);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedTermsException(what + ": " + field + " is not UTF-8");
        }
    }

    void end() {
        if (in.hasRemaining()) {
            throw new MalformedTermsException(what + ": " + in.remaining() + " trailing bytes");
        }
    }
}
