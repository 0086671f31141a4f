package org.entente.streams;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.entente.common.JsonSerdes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Serdes of the topology's own records: the values of its stores ({@link FactsSummary},
 * {@link PairStats}) and of the {@code count-deltas} repartition topic ({@link CountDelta}). No
 * program but the topology reads them, so they are written in a compact binary form rather than
 * JSON: a pair's stats are read and written again for every article that touches the pair (some
 * 40 domain and month entries each at 200,000 generated articles), and as JSON that was a tenth
 * of the stream thread's time.
 *
 * <p>The form: one tag byte ({@link #FORMAT}), then the fields in order. Numbers are LEB128
 * varints, counts zigzag-encoded (a delta may be negative); a string is its UTF-8 length plus one
 * (0 for null) and its bytes; a map or list is its size and its entries, a map's in key order.
 * Values written by earlier versions of Entente are JSON objects, whose first byte is '{', never
 * the tag: they are still read, so a store restored from an older changelog, or older records
 * waiting in the repartition topic, read as before.
 */
final class InternalSerdes {
    /** The first byte of every value in this form. */
    static final byte FORMAT = 1;
    private static final byte JSON_OBJECT = '{';

    private InternalSerdes() {
    }

    static Serde<FactsSummary> factsSummary() {
        return serde(FactsSummary.class,
                (s, out) -> out.string(s.version()).string(s.month()).strings(s.pairs()).strings(s.domains()),
                in -> new FactsSummary(in.string(), in.string(), in.strings(), in.strings()));
    }

    static Serde<PairStats> pairStats() {
        return serde(PairStats.class,
                (s, out) -> out.varlong(s.articles()).counts(s.domains()).counts(s.months()),
                in -> new PairStats(in.varlong(), in.counts(in::varlong), in.counts(in::varlong)));
    }

    static Serde<CountDelta> countDelta() {
        // a delta's counts are ints, written as the same varints
        return serde(CountDelta.class,
                (d, out) -> out.varlong(d.articles()).counts(d.domains()).counts(d.months()),
                in -> new CountDelta(in.varint(), in.counts(in::varint), in.counts(in::varint)));
    }

    interface Writer<T> {
        void write(T value, Out out);
    }

    interface Reader<T> {
        T read(In in);
    }

    private static <T> Serde<T> serde(Class<T> type, Writer<T> writer, Reader<T> reader) {
        Deserializer<T> json = JsonSerdes.deserializer(type);
        // one buffer per thread, kept: a store's serde is shared by the tasks of every stream thread
        ThreadLocal<Out> buffers = ThreadLocal.withInitial(Out::new);
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            Out out = buffers.get();
            out.length = 0;
            out.bytes[out.length++] = FORMAT;
            writer.write(value, out);
            return Arrays.copyOf(out.bytes, out.length);
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == JSON_OBJECT) {
                return json.deserialize(topic, bytes);
            }
            if (bytes.length == 0 || bytes[0] != FORMAT) {
                throw new SerializationException("not a valid " + type.getSimpleName() + " on topic " + topic
                        + ": " + (bytes.length == 0 ? "no bytes" : "unknown format " + bytes[0] + " in its first byte"));
            }
            In in = new In(bytes, type, topic);
            T value;
            try {
                value = reader.read(in);
            } catch (SerializationException e) {
                throw e;
            } catch (RuntimeException e) {
                // a record's own checks (a null in a list, say) on bytes that decoded
                throw in.invalid("a value its record refuses (" + e + ")");
            }
            in.end();
            return value;
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** A growing buffer. */
    static final class Out {
        private byte[] bytes = new byte[256];
        private int length;

        private void room(int n) {
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
            }
        }

        /** A count, zigzag-encoded so that a small negative one is short too. */
        Out varlong(long value) {
            unsigned((value << 1) ^ (value >> 63));
            return this;
        }

        private void size(int n) {
            unsigned(n);
        }

        private void unsigned(long v) {
            room(10);
            while ((v & ~0x7FL) != 0) {
                bytes[length++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            bytes[length++] = (byte) v;
        }

        Out string(String s) {
            if (s == null) {
                size(0);
                return this;
            }
            int n = s.length();
            boolean ascii = true;
            for (int i = 0; i < n && ascii; i++) {
                ascii = s.charAt(i) < 0x80;
            }
            if (ascii) {
                // the keys and codes here are ASCII: written char by char, without an encoded copy
                size(n + 1);
                room(n);
                for (int i = 0; i < n; i++) {
                    bytes[length++] = (byte) s.charAt(i);
                }
            } else {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                size(utf8.length + 1);
                room(utf8.length);
                System.arraycopy(utf8, 0, bytes, length, utf8.length);
                length += utf8.length;
            }
            return this;
        }

        Out strings(List<String> list) {
            size(list.size());
            for (String s : list) {
                string(s);
            }
            return this;
        }

        Out counts(Map<String, ? extends Number> map) {
            size(map.size());
            map.forEach((k, v) -> string(k).varlong(v.longValue()));
            return this;
        }
    }

    /** A reader that names the record, the topic and the byte where a value is cut short or malformed. */
    static final class In {
        private final byte[] bytes;
        private final Class<?> type;
        private final String topic;
        private int position = 1;

        In(byte[] bytes, Class<?> type, String topic) {
            this.bytes = bytes;
            this.type = type;
            this.topic = topic;
        }

        private SerializationException invalid(String what) {
            return new SerializationException("not a valid " + type.getSimpleName() + " on topic " + topic
                    + ": " + what + " at byte " + position + " of " + bytes.length);
        }

        long varlong() {
            long v = unsigned();
            return (v >>> 1) ^ -(v & 1);
        }

        private long unsigned() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= bytes.length) {
                    throw invalid("cut short");
                }
                byte b = bytes[position++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw invalid("a number of more than 10 bytes");
        }

        int varint() {
            long v = varlong();
            if (v != (int) v) {
                throw invalid("a number out of range");
            }
            return (int) v;
        }

        private int size() {
            long n = unsigned();
            // every entry takes a byte at least: a larger size is a broken value, not an allocation to try
            if (n < 0 || n > bytes.length - position + 1) {
                throw invalid("a size of " + n + " with " + (bytes.length - position) + " bytes left");
            }
            return (int) n;
        }

        String string() {
            int n = size();
            if (n == 0) {
                return null;
            }
            int length = n - 1;
            if (length > bytes.length - position) {
                throw invalid("cut short");
            }
            String s = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return s;
        }

        List<String> strings() {
            int n = size();
            List<String> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(string());
            }
            return list;
        }

        <V> Map<String, V> counts(java.util.function.Supplier<V> count) {
            int n = size();
            Map<String, V> map = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                map.put(string(), count.get());
            }
            return map;
        }

        void end() {
            if (position != bytes.length) {
                throw invalid((bytes.length - position) + " bytes left over");
            }
        }
    }
}
