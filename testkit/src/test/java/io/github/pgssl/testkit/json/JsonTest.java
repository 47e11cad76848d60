package io.github.pgssl.testkit.json;

import io.github.pgssl.testkit.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** core's report writer read back by this kit's parser (both are shared by the doctor and the examples). */
class JsonTest {

    @Test
    void writeWhenNestedValuesThenValidJsonReadBackEqual() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "quote \" backslash \\ newline \n tab \t control \u0001 unicode é");
        m.put("n", 42);
        m.put("l", 1234567890123L);
        m.put("d", 1.5);
        m.put("b", true);
        m.put("z", null);
        m.put("list", Arrays.asList("a", null, false));
        m.put("empty", Map.of());
        m.put("none", List.of());
        Object back = JsonParser.parse(Json.write(m));
        Map<String, Object> expected = new LinkedHashMap<>(m);
        expected.put("n", 42L);
        assertEquals(expected, back);
    }

    @Test
    void writeWhenStringHasControlCharacterThenEscapedAsUnicode() {
        assertEquals("\"a\\u0001b\\u2028\"", Json.write("a\u0001b\u2028"));
    }

    @Test
    void writeWhenNotFiniteThenNull() {
        assertEquals("null", Json.write(Double.NaN));
    }

    @Test
    void writeWhenMapThenIndentedInInsertionOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", List.of("x"));
        assertEquals("{\n  \"b\": 1,\n  \"a\": [\n    \"x\"\n  ]\n}", Json.write(m));
    }
}
