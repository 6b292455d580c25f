package e2e;

import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.junit.annotations.LoadFlows;
import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.executions.LogEntry;
import io.kestra.core.models.executions.MetricEntry;
import io.kestra.core.models.flows.State;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * flows/values.yaml: one record of each kind (scripts/values.py, values.js and kestra-emit),
 * and what Kestra stored for each: Java types of outputs, metrics with tags, every log level,
 * and the task's final state.
 */
@KestraTest(startRunner = true)
class ValuesTest {
    static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    @Inject Stored stored;

    @Test
    @LoadFlows("flows/values.yaml")
    void everyRecordKindIsStoredAsMeant() throws Exception {
        Execution execution = stored.run("values");
        for (String task : List.of("shell", "python_ours", "python_official", "node_ours", "node_official")) {
            Report.task(stored, execution, task);
        }
        for (String task : List.of("shell", "python_ours", "node_ours")) {
            assertEquals(State.Type.SUCCESS, Stored.taskRun(execution, task).getState().getCurrent(),
                task + ": nothing on stderr, so SUCCESS (not WARNING)");

            Map<String, Object> vars = stored.vars(execution, task);
            assertEquals(42, vars.get("int"), task);
            assertInstanceOf(Integer.class, vars.get("int"), task + ": an int stays an integer");
            assertEquals(1.5, vars.get("float"), task);
            assertInstanceOf(Double.class, vars.get("float"), task);
            assertEquals("héllo ✓ 日本 🎉", vars.get("text"), task + ": non-ASCII intact");
            @SuppressWarnings("unchecked")
            Map<String, Object> nested = (Map<String, Object>) vars.get("nested");
            assertEquals(true, nested.get("flag"), task);
            assertEquals(true, nested.containsKey("none") && nested.get("none") == null, task + ": null kept");
            List<?> list = (List<?>) nested.get("list");
            assertEquals(1, list.get(0), task);
            assertEquals("two", list.get(1), task);
            Object three = ((Map<?, ?>) list.get(2)).get("three");
            assertInstanceOf(Double.class, three, task + ": a float in a nested map stays a double");
            if (!task.startsWith("node")) { // JavaScript numbers cannot hold 2**53 + 1
                assertEquals(9007199254740993L, vars.get("big"), task + ": a long stays exact");
                assertInstanceOf(Long.class, vars.get("big"), task);
            }

            List<MetricEntry> metrics = stored.metrics(execution, task, found -> found.size() >= 3);
            assertEquals(3, metrics.size(), task + ": " + metrics);
            MetricEntry counter = Stored.metric(metrics, "counter", "rows");
            assertEquals(7.0, counter.getValue(), task);
            assertEquals(Map.of("table", "users"), counter.getTags(), task);
            MetricEntry gauge = Stored.metric(metrics, "gauge", "ratio");
            assertEquals(0.25, gauge.getValue(), task);
            assertEquals(Map.of("kind", "cache"), gauge.getTags(), task);
            // Kestra keeps a timer as a Duration and stores its milliseconds.
            MetricEntry timer = Stored.metric(metrics, "timer", "load");
            assertEquals(1250.0, timer.getValue(), task + ": 1.25 s written, 1250 ms stored");
            assertEquals(Map.of("phase", "extract"), timer.getTags(), task);

            List<LogEntry> logs = stored.logs(execution, task, found -> Report.scriptLogs(found).size() >= 5);
            List<String> levels = Report.scriptLogs(logs).stream().map(l -> l.getLevel().name()).toList();
            assertEquals(LEVELS, levels, task + ": every level, in order");
            for (LogEntry log : Report.scriptLogs(logs)) {
                assertEquals(true, log.getMessage().endsWith(log.getLevel().name().toLowerCase() + " message"),
                    task + ": " + log.getMessage());
            }
        }
    }
}
