package org.entente.common;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/**
 * JSON serdes for the records of the contract. Null passes through both ways so tombstones
 * survive; any failure becomes a {@link SerializationException}, which is what Kafka's
 * deserialization handlers and the dead-letter topic react to.
 */
public final class JsonSerdes {
    private JsonSerdes() {
    }

    public static <T> Serde<T> serdeFor(Class<T> type) {
        return Serdes.serdeFrom(serializer(type), deserializer(type));
    }

    public static <T> Serializer<T> serializer(Class<T> type) {
        ObjectWriter writer = Json.MAPPER.writerFor(type);
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return writer.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException("cannot write " + type.getSimpleName() + " for topic " + topic, e);
            }
        };
    }

    public static <T> Deserializer<T> deserializer(Class<T> type) {
        ObjectReader reader = Json.MAPPER.readerFor(type);
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return reader.readValue(bytes);
            } catch (IOException e) {
                throw new SerializationException("not a valid " + type.getSimpleName() + " on topic " + topic
                        + ": " + describe(e), e);
            }
        };
    }

    private static String describe(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                ? jpe.getOriginalMessage() : e.getMessage();
    }
}
