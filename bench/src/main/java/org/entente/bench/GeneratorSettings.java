package org.entente.bench;

/**
 * @param articles       records in the stream (new articles, corrections and retractions)
 * @param seed           the same seed gives the same stream
 * @param correctionRate share of records that correct an earlier article (same id, new body)
 * @param retractionRate share of records that retract an earlier article
 */
public record GeneratorSettings(int articles, long seed, double correctionRate, double retractionRate) {
    public GeneratorSettings {
        if (articles < 0 || correctionRate < 0 || retractionRate < 0 || correctionRate + retractionRate >= 1) {
            throw new IllegalArgumentException("need articles >= 0 and 0 <= corrections + retractions < 1");
        }
    }
}
