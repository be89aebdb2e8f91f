package io.flotilla.simulation.multinode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ClientHostProcessTest {
    @Test
    void clientsAreDealtRoundRobinAcrossHosts() {
        assertArrayEquals(new int[] {0, 3, 6, 9}, ClientHostProcess.clientsOf(0, 3, 10));
        assertArrayEquals(new int[] {1, 4, 7}, ClientHostProcess.clientsOf(1, 3, 10));
        assertArrayEquals(new int[] {2, 5, 8}, ClientHostProcess.clientsOf(2, 3, 10));
        assertArrayEquals(new int[] {0}, ClientHostProcess.clientsOf(0, 1, 1));
    }

    @Test
    void everyClientHasExactlyOneHost() {
        int clients = 1003;
        int hosts = 7;
        int[] seen = new int[clients];
        for (int h = 0; h < hosts; h++) {
            for (int c : ClientHostProcess.clientsOf(h, hosts, clients)) {
                seen[c]++;
            }
        }
        for (int c = 0; c < clients; c++) {
            assertEquals(1, seen[c], "client " + c);
        }
    }

    @Test
    void aHostOutsideTheRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClientHostProcess.clientsOf(3, 3, 10));
        assertThrows(IllegalArgumentException.class, () -> ClientHostProcess.clientsOf(-1, 3, 10));
        assertThrows(IllegalArgumentException.class, () -> ClientHostProcess.clientsOf(0, 0, 10));
    }
}
