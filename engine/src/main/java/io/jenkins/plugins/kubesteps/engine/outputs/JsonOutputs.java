package io.jenkins.plugins.kubesteps.engine.outputs;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Parses a JSON object of outputs. Problems are described without quoting the text: outputs may
 * hold secrets, and the description ends up in a build console.
 */
final class JsonOutputs {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /** Either the object (keys in document order, natural value types) or what was wrong. */
    record Parsed(Map<String, Object> object, String problem) {}

    private JsonOutputs() {}

    static Parsed parseObject(String json) {
        try (JsonParser parser = MAPPER.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return problem("is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                return problem("is " + describe(first) + ", not a JSON object");
            }
            Map<String, Object> object = MAPPER.readValue(parser, MAP);
            if (parser.nextToken() != null) {
                return problem("has more text after the JSON object (at character "
                        + (parser.currentLocation().getColumnNr()) + ")");
            }
            return new Parsed(object, null);
        } catch (JsonEOFException e) {
            return problem("ends before its JSON object is complete");
        } catch (JsonProcessingException e) {
            return problem("is not valid JSON" + at(e.getLocation()));
        } catch (IOException e) {
            // A String source does no I/O; kept so a surprise never escapes as an exception.
            return problem("could not be read as JSON");
        }
    }

    /**
     * The bytes of {@code value}'s compact JSON serialization in UTF-8, counted as written rather
     * than kept; a value Jackson cannot write counts as its {@code toString()}.
     */
    static long serializedBytes(Object value) {
        ByteCount out = new ByteCount();
        try {
            MAPPER.writeValue(out, value);
        } catch (IOException e) {
            return BoundedOutputs.utf8Bytes(String.valueOf(value));
        }
        return out.bytes;
    }

    private static final class ByteCount extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    private static Parsed problem(String text) {
        return new Parsed(null, text);
    }

    private static String at(JsonLocation location) {
        return location == null || location.getColumnNr() < 1
                ? ""
                : " (error at character " + location.getColumnNr() + ")";
    }

    private static String describe(JsonToken token) {
        switch (token) {
            case START_ARRAY:
                return "a JSON array";
            case VALUE_STRING:
                return "a JSON string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a JSON number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a JSON boolean";
            case VALUE_NULL:
                return "JSON null";
            default:
                return "another kind of JSON value";
        }
    }
}
