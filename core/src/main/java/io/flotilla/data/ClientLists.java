package io.flotilla.data;

import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/** Growable per-client index lists used while a partitioner assigns examples. */
final class ClientLists {
    private final int[][] items;
    private final int[] sizes;

    ClientLists(int clients, int expectedEach) {
        items = new int[clients][];
        sizes = new int[clients];
        int initial = Math.max(4, expectedEach);
        for (int c = 0; c < clients; c++) {
            items[c] = new int[initial];
        }
    }

    int clients() {
        return sizes.length;
    }

    int size(int c) {
        return sizes[c];
    }

    void add(int c, int index) {
        if (sizes[c] == items[c].length) {
            items[c] = Arrays.copyOf(items[c], items[c].length * 2);
        }
        items[c][sizes[c]++] = index;
    }

    /** Appends {@code src[from..to)} to client {@code c}. */
    void addRange(int c, int[] src, int from, int to) {
        for (int i = from; i < to; i++) {
            add(c, src[i]);
        }
    }

    /**
     * Splits all of {@code src} at the {@link Sampling#cuts} points {@code cuts} (one fewer than the clients):
     * client {@code c} gets {@code src[cuts[c - 1]..cuts[c])}, the last client the rest. A cut below the previous
     * one (rounding) gives an empty part rather than overlapping parts.
     */
    void addSplit(int[] src, int[] cuts) {
        for (int c = 0, from = 0; c < sizes.length; c++) {
            int to = c < cuts.length ? Math.max(from, cuts[c]) : src.length;
            addRange(c, src, from, to);
            from = to;
        }
    }

    int minSize() {
        int min = Integer.MAX_VALUE;
        for (int s : sizes) {
            min = Math.min(min, s);
        }
        return min;
    }

    /**
     * Moves examples from the largest clients to every client holding fewer than {@code minSize}, one at a
     * time from whichever client is largest, picking a random example of it. Requires
     * {@code minSize * clients <= total}.
     */
    void repairMinSize(int minSize, SplittableRandom rng) {
        PriorityQueue<Integer> largest = new PriorityQueue<>((a, b) -> sizes[b] != sizes[a]
                ? Integer.compare(sizes[b], sizes[a]) : Integer.compare(a, b));
        // Only clients above the minimum can give; the short ones are never in the heap, so growing them
        // cannot break its order.
        for (int c = 0; c < sizes.length; c++) {
            if (sizes[c] > minSize) {
                largest.add(c);
            }
        }
        for (int c = 0; c < sizes.length; c++) {
            while (sizes[c] < minSize) {
                Integer donor = largest.poll();
                if (donor == null) {
                    throw new IllegalStateException("no client has more than " + minSize + " examples to give");
                }
                int pick = rng.nextInt(sizes[donor]);
                int moved = items[donor][pick];
                items[donor][pick] = items[donor][--sizes[donor]];
                if (sizes[donor] > minSize) {
                    largest.add(donor);
                }
                add(c, moved);
            }
        }
    }

    /** The lists as exact-length arrays, each shuffled so a client's order does not follow the labels. */
    int[][] toShuffledArrays(SplittableRandom rng) {
        int[][] out = new int[sizes.length][];
        for (int c = 0; c < sizes.length; c++) {
            out[c] = Arrays.copyOf(items[c], sizes[c]);
            Sampling.shuffleInPlace(out[c], rng);
        }
        return out;
    }
}
