package conformance;

import io.kestra.core.serializers.FileSerde;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;

/**
 * Writes an Ion text file with io.kestra:core's own FileSerde.writeAll(Writer,
 * Flux), as Kestra's tasks store rows in internal storage, from a fixed corpus
 * of Java values, one row per map. ion_check.py knows what each value is meant
 * to read back as. (FileSerde.write(OutputStream, Object) writes binary Ion,
 * which the core does not read: see DESIGN.md.)
 *
 * Usage: IonCorpus OUTPUT_FILE
 */
public final class IonCorpus {
    private IonCorpus() {}

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    static List<Map<String, Object>> corpus() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("int", 42, "long", Long.MAX_VALUE, "long_min", Long.MIN_VALUE, "short", (short) -7,
                "big_integer", new BigInteger("123456789012345678901234567890"),
                "big_integer_neg", new BigInteger("-98765432109876543210")));
        rows.add(row("big_decimal", new BigDecimal("100.000000"), "big_decimal_exp", new BigDecimal("1.5E+3"),
                "big_decimal_small", new BigDecimal("0.000123"), "big_decimal_neg", new BigDecimal("-24000.50")));
        rows.add(row("double", 1.5, "double_tenth", 0.1, "double_neg_zero", -0.0, "double_nan", Double.NaN,
                "double_inf", Double.POSITIVE_INFINITY, "double_ninf", Double.NEGATIVE_INFINITY,
                "float", 2.5f, "double_big", 1.0e300));
        rows.add(row("true", true, "false", false, "null", null, "string", "plain",
                "unicode", "é € 😀 \u2028", "escapes", "quote\" back\\ nl\n tab\t nul\u0000",
                "empty", ""));
        rows.add(row("instant", Instant.parse("2024-04-21T13:43:24.340Z"),
                "zoned", ZonedDateTime.of(2024, 4, 21, 13, 43, 24, 0, ZoneId.of("Europe/Paris")),
                "offset", OffsetDateTime.of(2024, 4, 21, 13, 43, 24, 123456789, ZoneOffset.ofHoursMinutes(5, 30)),
                "local_date_time", LocalDateTime.of(2024, 4, 21, 13, 43, 24, 340000000),
                "local_date", LocalDate.of(1987, 6, 17),
                "local_time", LocalTime.of(13, 43, 24),
                "offset_time", OffsetTime.of(13, 43, 24, 0, ZoneOffset.UTC),
                "duration", Duration.ofSeconds(90, 500000000)));
        rows.add(row("bytes", "hello bytes".getBytes(StandardCharsets.UTF_8),
                "bytes_utf8", "é".getBytes(StandardCharsets.UTF_8),
                "list", Arrays.asList(1, "two", 3.5, null, Arrays.asList(true, false)),
                "nested", row("a", row("b", row("c", Arrays.asList(row("d", "deep"))))),
                "empty_list", List.of(), "empty_map", Map.of()));
        rows.add(row("date_like_string", "2023-10-04T15:30:00+02:00", "not_a_date", "931811085135341",
                "local_date_time_string", "LocalDateTime::2024-04-21"));
        return rows;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: IonCorpus OUTPUT_FILE");
            System.exit(2);
        }
        try (Writer out = new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(args[0]), StandardCharsets.UTF_8))) {
            FileSerde.writeAll(out, Flux.fromIterable(corpus())).block();
        }
    }
}
