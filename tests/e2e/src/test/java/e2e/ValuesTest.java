package e2e;

import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.junit.annotations.LoadFlows;
import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.executions.LogEntry;
import io.kestra.core.models.executions.MetricEntry;
import io.kestra.core.models.flows.State;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * flows/values.yaml: one record of each kind (scripts/values.py, values.js and kestra-emit),
 * and what Kestra stored for each: Java types of outputs, metrics with tags, every log level,
 * and the task's final state. Outputs and metrics are the same from ours and the official
 * packages; logs differ (see the end of the test).
 */
@KestraTest(startRunner = true)
class ValuesTest {
    static final List<String> TASKS = List.of("shell", "python_ours", "python_official", "node_ours", "node_official");
    static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    @Inject Stored stored;

    @Test
    @LoadFlows("flows/values.yaml")
    void everyRecordKindIsStoredAsMeant() throws Exception {
        Execution execution = stored.run("values");
        for (String task : TASKS) {
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

            List<MetricEntry> metrics = stored.metrics(execution, task, found -> found.size() >= 4);
            assertEquals(4, metrics.size(), task + ": " + metrics);
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
            // A timed sleep of 0.3 s (kestra-emit time, a callable, a callback).
            double timed = Stored.metric(metrics, "timer", "timed").getValue();
            if (task.equals("python_official")) {
                // The official Python package subtracts the microsecond fields of two datetimes
                // and divides by 1000: the elapsed microseconds (mod one second) sent as seconds.
                // For 0.3 s (and less than 1 s) that is 300 s or more, or 700 s or less below
                // zero when the second changed meanwhile; Kestra stores either.
                assertTrue(timed >= 300_000 && timed < 1_000_000 || timed >= -700_000 && timed < 0,
                    task + ": timed stored " + timed + " ms");
            } else {
                assertTrue(timed >= 300 && timed < 2_000, task + ": timed stored " + timed + " ms for 0.3 s");
            }
        }
        for (String task : List.of("shell", "python_ours", "node_ours")) {
            // The memory log store does not keep the order of logs of the same millisecond.
            List<LogEntry> logs = stored.logs(execution, task, found -> Report.scriptLogs(found).size() >= 5);
            assertEquals(LEVELS, levels(Report.scriptLogs(logs)), task + ": every level, TRACE included");
            for (LogEntry log : Report.scriptLogs(logs)) {
                assertEquals(log.getLevel().name().toLowerCase() + " message", log.getMessage(), task);
            }
            // Nothing on stderr and no line read as plain text: once the worker's own "Command
            // succeed" (logged after the process ended) is stored, every log at INFO or above is
            // one of the script's records (a stderr line would be stored as a log of its own).
            List<LogEntry> afterEnd = stored.logs(execution, task,
                found -> found.stream().anyMatch(l -> l.getMessage().startsWith("Command succeed")));
            List<LogEntry> other = afterEnd.stream()
                .filter(l -> l.getLevel().toInt() >= Level.INFO.toInt())
                .filter(l -> Report.scriptLogs(List.of(l)).isEmpty())
                .toList();
            assertEquals(List.of(), other, task + ": only the script's records, nothing on stderr");
        }

        // The official Python logger: no TRACE (its stdout handler stops at DEBUG), and every
        // message carries a timestamp prefix. WARN and ERROR go to stderr, which no longer turns
        // the task WARNING in 2.0 (AbstractExecScript.warningOnStdErr: "not used anymore").
        List<LogEntry> python = Report.scriptLogs(
            stored.logs(execution, "python_official", found -> Report.scriptLogs(found).size() >= 4));
        assertEquals(List.of("DEBUG", "INFO", "WARN", "ERROR"), levels(python));
        assertTrue(python.stream().allMatch(l -> l.getMessage().matches("\\d{4}-\\d\\d-\\d\\dT.* - \\w+ message")),
            python.toString());

        // The official Node logger: trace() is console.trace, which writes "Trace: " and a stack
        // to stderr, so Kestra stores no TRACE record but an ERROR log per stack line.
        List<LogEntry> node = stored.logs(execution, "node_official", found -> Report.scriptLogs(found).size() >= 4);
        assertEquals(List.of("DEBUG", "INFO", "WARN", "ERROR"), levels(Report.scriptLogs(node)));
        assertTrue(node.stream().anyMatch(l -> l.getLevel() == Level.ERROR
            && l.getMessage().startsWith("Trace: ::{\"logs\":[{\"level\":\"TRACE\"")), node.toString());
        for (String task : TASKS) {
            Report.task(stored, execution, task);
        }
    }

    /** The distinct levels of these logs, TRACE to ERROR. */
    static List<String> levels(List<LogEntry> logs) {
        return logs.stream().map(l -> l.getLevel()).distinct().sorted(Comparator.comparingInt(Level::toInt)).map(Level::name).toList();
    }
}
