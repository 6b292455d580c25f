package conformance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kestra.core.models.executions.AbstractMetricEntry;
import io.kestra.core.models.executions.ExecutionKind;
import io.kestra.core.models.executions.LogEntry;
import io.kestra.core.models.executions.MetricEntry;
import io.kestra.core.models.executions.TaskRun;
import io.kestra.core.models.tasks.runners.DefaultLogConsumer;
import io.kestra.core.runners.AssetEmit;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads lines and reports, one JSON object per line, what Kestra records for each,
 * by running each line through Kestra's own DefaultLogConsumer -> PluginUtilsService.parseOut
 * -> TaskLogLineMatcher -> DefaultRunContext.metric / RunContextLogger chain.
 *
 * Usage: java -cp ... conformance.Main [--json] [--stderr] [--version] [FILE...]
 *   default   each input line (split like Kestra splits: \n, \r, \r\n) is one script line
 *   --json    each input line is a JSON string literal holding the exact script line
 *             (lets a caller pass U+2028, U+0085, trailing spaces, ... unambiguously)
 *   --stderr  treat lines as coming from the script's stderr instead of stdout
 *   --version print the Kestra version under test and exit
 */
public final class Main {
    /** Passed to the consumer as the line's instant; script log entries carry it as their timestamp. */
    static final Instant SENTINEL = Instant.parse("2001-02-03T04:05:06.789Z");

    private static final ObjectMapper OUT = JsonMapper.builder(JsonFactory.builder()
            // Vectors nest values up to Kestra's own limit, and the result wraps them once more.
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(100_000).build())
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(100_000).build())
            .build())
        .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
        .build();
    private static final int SERVER_LOG_MAX = 600;
    private static final TaskRun TASK_RUN = TaskRun.builder()
        .id("conformance").executionId("conformance").namespace("conformance")
        .flowId("conformance").taskId("script").build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ExposedMatcher matcher = new ExposedMatcher();
    private final HarnessRunContext runContext = new HarnessRunContext(matcher);
    private final boolean stderr;

    Main(boolean stderr) {
        this.stderr = stderr;
    }

    public static void main(String[] args) throws IOException {
        // Keep stdout for results only: anything a library prints goes to stderr.
        PrintStream results = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);

        boolean json = false;
        boolean stderr = false;
        List<String> files = new ArrayList<>();
        for (String a : args) {
            switch (a) {
                case "--json" -> json = true;
                case "--stderr" -> stderr = true;
                case "--version" -> {
                    results.println(kestraVersion());
                    results.flush();
                    return;
                }
                default -> files.add(a);
            }
        }
        Main main = new Main(stderr);
        if (files.isEmpty()) {
            main.run(System.in, json, results);
        } else {
            for (String f : files) {
                try (InputStream in = new FileInputStream(f)) {
                    main.run(in, json, results);
                }
            }
        }
        results.flush();
    }

    static String kestraVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("/harness.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return p.getProperty("kestra.version", "unknown");
    }

    void run(InputStream in, boolean json, PrintStream results) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String raw;
        while ((raw = reader.readLine()) != null) {
            ObjectNode result;
            if (json) {
                JsonNode parsed;
                try {
                    parsed = OUT.readTree(raw);
                } catch (IOException e) {
                    parsed = null;
                }
                if (parsed == null || !parsed.isTextual()) {
                    result = NODES.objectNode();
                    result.put("recorded", false);
                    result.put("reason", "harness input error: --json expects one JSON string per line");
                    result.put("harness_error", true);
                    results.println(OUT.writeValueAsString(result));
                    results.flush();
                    continue;
                }
                result = process(parsed.textValue());
            } else {
                result = process(raw);
            }
            results.println(OUT.writeValueAsString(result));
            results.flush();
        }
    }

    ObjectNode process(String line) {
        matcher.reset();
        runContext.resetForLine();
        DefaultLogConsumer consumer = new DefaultLogConsumer(runContext);
        Throwable escaped = null;
        try {
            consumer.accept(line, stderr, SENTINEL);
        } catch (Throwable t) {
            escaped = t;
        }

        ObjectNode result = NODES.objectNode();
        List<LogEntry> entries;
        synchronized (runContext.logEntries) {
            entries = new ArrayList<>(runContext.logEntries);
        }
        ArrayNode scriptLogs = NODES.arrayNode();
        ArrayNode serverLogs = NODES.arrayNode();

        switch (matcher.outcome) {
            case MATCHED -> {
                if (escaped != null) {
                    // Decoded, but handling it threw outside the parser's error handling.
                    fatal(result, escaped);
                } else {
                    result.put("recorded", true);
                }
                for (LogEntry e : entries) {
                    if (SENTINEL.equals(e.getTimestamp())) {
                        scriptLogs.add(logNode(e));
                    } else {
                        serverLogs.add(serverLogNode(e));
                    }
                }
                result.set("outputs", OUT.valueToTree(consumer.getOutputs()));
                result.set("output_types", types(consumer.getOutputs()));
                ArrayNode metrics = NODES.arrayNode();
                for (AbstractMetricEntry<?> m : runContext.metrics()) {
                    metrics.add(metricNode(m));
                }
                result.set("metrics", metrics);
                result.set("logs", scriptLogs);
                result.set("assets", assetsNode(runContext.assetEmits));
            }
            case TEXT -> {
                result.put("recorded", false);
                result.put("text", true);
                result.put("reason", "not a protocol line: logged as plain text at "
                    + (stderr ? "ERROR (stderr)" : "INFO (stdout)"));
                for (LogEntry e : entries) {
                    scriptLogs.add(logNode(e));
                }
                result.set("logs", scriptLogs);
                if (escaped != null) {
                    fatal(result, escaped);
                }
            }
            case REJECTED -> {
                result.put("recorded", false);
                result.put("reason", "Invalid outputs: " + firstLine(matcher.error.getMessage()));
                for (LogEntry e : entries) {
                    serverLogs.add(serverLogNode(e));
                }
                if (escaped != null) {
                    fatal(result, escaped);
                }
            }
            case THREW -> {
                fatal(result, matcher.error);
                for (LogEntry e : entries) {
                    serverLogs.add(serverLogNode(e));
                }
            }
            case NOT_CALLED -> {
                result.put("recorded", false);
                result.put("reason", "harness error: the matcher was not called"
                    + (escaped != null ? ": " + escaped : ""));
                result.put("harness_error", true);
            }
        }
        if (!serverLogs.isEmpty()) {
            result.set("server_logs", serverLogs);
        }
        return result;
    }

    private static void fatal(ObjectNode result, Throwable t) {
        result.put("recorded", false);
        result.put("fatal", true);
        result.put("reason", "exception escapes the line parser (can stop the worker's reader): "
            + t.getClass().getName() + (t.getMessage() != null ? ": " + firstLine(t.getMessage()) : ""));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static ObjectNode logNode(LogEntry e) {
        ObjectNode n = NODES.objectNode();
        n.put("level", e.getLevel() == null ? null : e.getLevel().name());
        n.put("message", e.getMessage());
        return n;
    }

    /** The server's own messages about a line (warnings, stack traces): shortened. */
    private static ObjectNode serverLogNode(LogEntry e) {
        ObjectNode n = logNode(e);
        String m = e.getMessage();
        if (m != null && m.length() > SERVER_LOG_MAX) {
            n.put("message", m.substring(0, SERVER_LOG_MAX) + "...");
        }
        return n;
    }

    private static ObjectNode metricNode(AbstractMetricEntry<?> m) {
        ObjectNode n = NODES.objectNode();
        n.put("name", m.getName());
        n.put("type", m.getType());
        Object v = m.getValue();
        if (v instanceof Duration d) {
            // Recorded duration, printed in seconds (exact), plus its ISO form and milliseconds.
            BigDecimal seconds = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
            seconds = seconds.signum() == 0 ? BigDecimal.ZERO : seconds.stripTrailingZeros();
            n.put("value", seconds);
            n.put("duration", d.toString());
            n.put("millis", d.toMillis());
        } else if (v instanceof Double dv) {
            n.put("value", dv);
        } else if (v == null) {
            n.putNull("value");
        } else {
            n.set("value", OUT.valueToTree(v));
        }
        n.put("value_type", v == null ? "null" : v.getClass().getSimpleName());
        ObjectNode tags = NODES.objectNode();
        if (m.getTags() != null) {
            for (Map.Entry<String, String> t : m.getTags().entrySet()) {
                tags.put(t.getKey(), t.getValue());
            }
        }
        n.set("tags", tags);
        if (m.getTimestamp() != null) {
            n.put("timestamp", m.getTimestamp().toString());
        }
        // What the execution stores: Kestra's MetricEntry (a double; a timer in whole milliseconds).
        try {
            MetricEntry stored = MetricEntry.of(TASK_RUN, m, ExecutionKind.NORMAL);
            n.put("stored_value", stored.getValue());
        } catch (RuntimeException e) {
            n.put("stored_value_error", e.toString());
        }
        if (m.getDescription() != null) {
            n.put("description", m.getDescription());
        }
        return n;
    }

    private static JsonNode assetsNode(List<AssetEmit> emits) {
        if (emits.isEmpty()) {
            return NODES.nullNode();
        }
        ArrayNode list = NODES.arrayNode();
        for (AssetEmit e : emits) {
            // Serialized with Kestra's own mapper, as Kestra would store it.
            list.add(ExposedMatcher.mapper().valueToTree(e));
        }
        return list;
    }

    /** The Java type Kestra holds for each value: Integer/Long/BigInteger, Double, String, ... */
    private static JsonNode types(Object v) {
        if (v instanceof Map<?, ?> m) {
            ObjectNode n = NODES.objectNode();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                n.set(String.valueOf(e.getKey()), types(e.getValue()));
            }
            return n;
        }
        if (v instanceof List<?> l) {
            ArrayNode n = NODES.arrayNode();
            for (Object o : l) {
                n.add(types(o));
            }
            return n;
        }
        return NODES.textNode(v == null ? "null" : v.getClass().getSimpleName());
    }
}
