package org.entente.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one {@link ObjectMapper} every module shares: thread-safe once configured. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            // feeds add fields over time; an unknown field must not stop the pipeline
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }
}
