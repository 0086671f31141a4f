package org.entente.consumer;

import org.entente.common.Provenance;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * What the files on disk show after a flush.
 *
 * @param articleVersions id to version of every article in the article files
 * @param consistent      every count view equals the counts its article facts imply
 * @param counts          per count topic, key to count, as in the count views
 * @param unsettled       per count topic, the keys whose count differs from what the listed facts
 *                        imply (counts not yet caught up with the facts); empty when consistent
 * @param through         per count topic and key, how far into the articles partitions the count
 *                        reaches ({@link Provenance#parseThrough}); loaded views start without
 * @param flushes         flushes so far
 */
public record ViewState(Map<String, String> articleVersions, boolean consistent,
                        Map<String, Map<String, Long>> counts, Map<String, Set<String>> unsettled,
                        Map<String, Map<String, long[]>> through, long flushes) {
    static final ViewState NONE = new ViewState(Map.of(), false, Map.of(), Map.of(), Map.of(), 0);

    /**
     * The views hold this version of the article, read from {@code partition} at {@code offset} of
     * the articles topic, and every count it contributes to (per topic, the keys) is shown from a
     * record that reaches past that offset: its contribution is in, whatever else is in flight.
     */
    public boolean includes(String id, String version, int partition, long offset,
                            Map<String, ? extends Collection<String>> keys) {
        return version.equals(articleVersions.get(id)) && reaches(through, keys, partition, offset);
    }

    /**
     * Every one of these counts (per topic, the keys) is shown from a record whose
     * {@link Provenance#THROUGH} offsets ({@code through}: per topic and key) reach past
     * {@code partition} at {@code offset}: the article written there is in all of them.
     */
    public static boolean reaches(Map<String, Map<String, long[]>> through, Map<String, ? extends Collection<String>> keys,
                                  int partition, long offset) {
        for (Map.Entry<String, ? extends Collection<String>> e : keys.entrySet()) {
            Map<String, long[]> reach = through.getOrDefault(e.getKey(), Map.of());
            for (String key : e.getValue()) {
                long[] offsets = reach.get(key);
                if (offsets == null || !Provenance.covers(offsets, partition, offset)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The views hold at least these article versions and add up. */
    public boolean reflects(Map<String, String> versions) {
        if (!consistent) {
            return false;
        }
        for (Map.Entry<String, String> e : versions.entrySet()) {
            if (!e.getValue().equals(articleVersions.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
