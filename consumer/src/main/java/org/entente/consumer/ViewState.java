package org.entente.consumer;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * What the files on disk show after a flush.
 *
 * @param articleVersions id to version of every article in {@code articles.json}
 * @param consistent      every count view equals the counts its article facts imply
 * @param counts          per count topic, key to count, as in the count views
 * @param unsettled       per count topic, the keys whose count differs from what the listed facts
 *                        imply (counts not yet caught up with the facts); empty when consistent
 * @param flushes         flushes so far
 */
public record ViewState(Map<String, String> articleVersions, boolean consistent,
                        Map<String, Map<String, Long>> counts, Map<String, Set<String>> unsettled, long flushes) {
    static final ViewState NONE = new ViewState(Map.of(), false, Map.of(), Map.of(), 0);

    /**
     * The views reflect this article version: it is listed, and every count it contributes to
     * (per topic, the keys) adds up to the listed facts, so its contribution is counted. Other
     * counts may still be catching up.
     */
    public boolean reflects(String id, String version, Map<String, ? extends Collection<String>> keys) {
        if (!version.equals(articleVersions.get(id))) {
            return false;
        }
        for (Map.Entry<String, ? extends Collection<String>> e : keys.entrySet()) {
            Set<String> open = unsettled.get(e.getKey());
            if (open != null && e.getValue().stream().anyMatch(open::contains)) {
                return false;
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
