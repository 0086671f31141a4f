package org.entente.consumer;

import java.util.Map;

/**
 * What the files on disk show after a flush.
 *
 * @param articleVersions id to version of every article in {@code articles.json}
 * @param consistent      every count view equals the counts its article facts imply
 * @param counts          per count topic, key to count, as in the count views
 * @param flushes         flushes so far
 */
public record ViewState(Map<String, String> articleVersions, boolean consistent,
                        Map<String, Map<String, Long>> counts, long flushes) {
    static final ViewState NONE = new ViewState(Map.of(), false, Map.of(), 0);

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
