package org.entente.common;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An article's evidence in a handful of arrays instead of some 175 objects (a record and three
 * strings per phrase, 25 phrases an article): what a long-lived holder of many articles keeps.
 * The view writer holds every article; as records and strings, 200,000 articles were tens of
 * millions of objects that each collection of its process copied or marked (a concurrent mark of
 * 4.5 s, one core busy, every 7 s in the bench). Immutable; {@link #get} makes the record on
 * request, equal to the one given.
 */
public final class CompactEvidence extends AbstractList<Evidence> implements RandomAccess {
    private static final CompactEvidence EMPTY = new CompactEvidence("", new int[0], new String[0], new String[0]);

    /** Every phrase, one after the other. */
    private final String texts;
    /** Per phrase: where its text ends in {@link #texts}, its start and its end in the article. */
    private final int[] offsets;
    /** Per phrase, kind and code: a few hundred distinct values, shared by every article. */
    private final String[] kinds;
    private final String[] codes;

    private CompactEvidence(String texts, int[] offsets, String[] kinds, String[] codes) {
        this.texts = texts;
        this.offsets = offsets;
        this.kinds = kinds;
        this.codes = codes;
    }

    /** The evidence compacted; as given if a phrase has no text (nothing to compact it into). */
    public static List<Evidence> of(List<Evidence> evidence) {
        if (evidence instanceof CompactEvidence) {
            return evidence;
        }
        if (evidence.isEmpty()) {
            return EMPTY;
        }
        for (Evidence e : evidence) {
            if (e.text() == null) {
                return evidence;
            }
        }
        StringBuilder texts = new StringBuilder();
        int n = evidence.size();
        int[] offsets = new int[3 * n];
        String[] kinds = new String[n];
        String[] codes = new String[n];
        for (int i = 0; i < n; i++) {
            Evidence e = evidence.get(i);
            texts.append(e.text());
            offsets[3 * i] = texts.length();
            offsets[3 * i + 1] = e.start();
            offsets[3 * i + 2] = e.end();
            kinds[i] = e.kind() == null ? null : e.kind().intern();
            codes[i] = e.code() == null ? null : e.code().intern();
        }
        return new CompactEvidence(texts.toString(), offsets, kinds, codes);
    }

    @Override
    public Evidence get(int index) {
        java.util.Objects.checkIndex(index, kinds.length);
        int from = index == 0 ? 0 : offsets[3 * index - 3];
        return new Evidence(texts.substring(from, offsets[3 * index]), offsets[3 * index + 1], offsets[3 * index + 2],
                kinds[index], codes[index]);
    }

    @Override
    public int size() {
        return kinds.length;
    }
}
