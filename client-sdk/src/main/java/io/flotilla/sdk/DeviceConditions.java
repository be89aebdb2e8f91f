package io.flotilla.sdk;

/**
 * What the device reports about itself at check-in, so that the federation can prefer devices that are charging,
 * on an unmetered network and idle, and skip those short of memory. Immutable.
 */
public final class DeviceConditions {
    private final boolean charging;
    private final boolean unmetered;
    private final boolean idle;
    private final long freeMemoryBytes;

    /**
     * @param charging on external power
     * @param unmetered on a network that is not billed per byte
     * @param idle the user is not using the device
     * @param freeMemoryBytes memory the client may use for training, >= 0
     */
    public DeviceConditions(boolean charging, boolean unmetered, boolean idle, long freeMemoryBytes) {
        if (freeMemoryBytes < 0) {
            throw new IllegalArgumentException("free memory must be >= 0 bytes, got " + freeMemoryBytes);
        }
        this.charging = charging;
        this.unmetered = unmetered;
        this.idle = idle;
        this.freeMemoryBytes = freeMemoryBytes;
    }

    /**
     * A server's conditions: always on power, unmetered and idle, with the JVM's own head room as free memory
     * (what {@code flotilla client} reports).
     */
    public static DeviceConditions server() {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return new DeviceConditions(true, true, true, Math.max(0, free));
    }

    public boolean charging() {
        return charging;
    }

    public boolean unmetered() {
        return unmetered;
    }

    public boolean idle() {
        return idle;
    }

    public long freeMemoryBytes() {
        return freeMemoryBytes;
    }

    @Override
    public String toString() {
        return "DeviceConditions[charging=" + charging + ", unmetered=" + unmetered + ", idle=" + idle
                + ", freeMemoryBytes=" + freeMemoryBytes + "]";
    }
}
