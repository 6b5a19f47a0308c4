package org.jmicrovm.lang.builtins;

/**
 * The stable sort of GNU libstdc++ ({@code std::stable_sort} with a half-size buffer), which
 * Nix's {@code builtins.sort} uses. Reproducing its exact sequence of comparisons makes the
 * result identical to Nix's even for comparators that are not strict weak orders, and makes
 * side effects in comparators ({@code trace}) happen in the same order.
 */
final class StableSort {

    /** Nix's comparator: true when a must come before b. */
    @FunctionalInterface
    interface Less<T> {
        boolean test(T a, T b);
    }

    private static final int CHUNK = 7;

    private StableSort() {}

    static <T> void sort(T[] a, Less<T> less) {
        int len = a.length;
        if (len == 0) {
            return;
        }
        @SuppressWarnings("unchecked")
        T[] buffer = (T[]) new Object[(len + 1) / 2];
        int middle = (len + 1) / 2;
        mergeSortWithBuffer(a, 0, middle, buffer, less);
        mergeSortWithBuffer(a, middle, len, buffer, less);
        mergeAdaptive(a, 0, middle, len, buffer, less);
    }

    private static <T> void mergeSortWithBuffer(T[] a, int first, int last, T[] buffer, Less<T> less) {
        int len = last - first;
        int step = CHUNK;
        chunkInsertionSort(a, first, last, step, less);
        while (step < len) {
            mergeSortLoop(a, first, last, buffer, 0, step, less);
            step *= 2;
            mergeSortLoop(buffer, 0, len, a, first, step, less);
            step *= 2;
        }
    }

    private static <T> void chunkInsertionSort(T[] a, int first, int last, int chunk, Less<T> less) {
        while (last - first >= chunk) {
            insertionSort(a, first, first + chunk, less);
            first += chunk;
        }
        insertionSort(a, first, last, less);
    }

    private static <T> void insertionSort(T[] a, int first, int last, Less<T> less) {
        if (first == last) {
            return;
        }
        for (int i = first + 1; i != last; i++) {
            T val = a[i];
            if (less.test(val, a[first])) {
                System.arraycopy(a, first, a, first + 1, i - first);
                a[first] = val;
            } else {
                int hole = i;
                int next = i - 1;
                while (less.test(val, a[next])) {
                    a[hole] = a[next];
                    hole = next;
                    next--;
                }
                a[hole] = val;
            }
        }
    }

    private static <T> void mergeSortLoop(T[] from, int first, int last, T[] to, int result, int step, Less<T> less) {
        int twoStep = 2 * step;
        while (last - first >= twoStep) {
            result = moveMerge(from, first, first + step, first + step, first + twoStep, to, result, less);
            first += twoStep;
        }
        step = Math.min(last - first, step);
        moveMerge(from, first, first + step, first + step, last, to, result, less);
    }

    private static <T> int moveMerge(T[] from, int first1, int last1, int first2, int last2, T[] to, int result,
                                     Less<T> less) {
        while (first1 != last1 && first2 != last2) {
            if (less.test(from[first2], from[first1])) {
                to[result++] = from[first2++];
            } else {
                to[result++] = from[first1++];
            }
        }
        while (first1 != last1) {
            to[result++] = from[first1++];
        }
        while (first2 != last2) {
            to[result++] = from[first2++];
        }
        return result;
    }

    /** Merges [first, middle) and [middle, last); the buffer holds at least the shorter run. */
    private static <T> void mergeAdaptive(T[] a, int first, int middle, int last, T[] buffer, Less<T> less) {
        int len1 = middle - first;
        int len2 = last - middle;
        if (len1 <= len2) {
            System.arraycopy(a, first, buffer, 0, len1);
            // forward merge of buffer[0, len1) and a[middle, last) into a[first, ...)
            int f1 = 0;
            int f2 = middle;
            int out = first;
            while (f1 != len1 && f2 != last) {
                if (less.test(a[f2], buffer[f1])) {
                    a[out++] = a[f2++];
                } else {
                    a[out++] = buffer[f1++];
                }
            }
            while (f1 != len1) {
                a[out++] = buffer[f1++];
            }
        } else {
            System.arraycopy(a, middle, buffer, 0, len2);
            // backward merge of a[first, middle) and buffer[0, len2) into a[..., last)
            if (len2 == 0) {
                return;
            }
            int last1 = middle - 1;
            int last2 = len2 - 1;
            int out = last;
            while (true) {
                if (less.test(buffer[last2], a[last1])) {
                    a[--out] = a[last1];
                    if (first == last1) {
                        System.arraycopy(buffer, 0, a, out - (last2 + 1), last2 + 1);
                        return;
                    }
                    last1--;
                } else {
                    a[--out] = buffer[last2];
                    if (last2 == 0) {
                        return;
                    }
                    last2--;
                }
            }
        }
    }
}
