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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * flows/bad.yaml: NaN, a set and a lone surrogate (scripts/bad.py, bad.js), then good records.
 * Ours refuses each with the core's error and writes nothing for it; the records after them are
 * stored. What Kestra made of the official packages' lines is pinned too.
 */
@KestraTest(startRunner = true)
class BadValuesTest {
    @Inject Stored stored;

    @Test
    @LoadFlows("flows/bad.yaml")
    void oursRefusesBadValuesAndKeepsTheRest() throws Exception {
        Execution execution = stored.run("bad");
        for (String task : List.of("python_ours", "python_official", "node_ours", "node_official")) {
            assertEquals(State.Type.SUCCESS, Stored.taskRun(execution, task).getState().getCurrent(), task);
        }

        for (String task : List.of("python_ours", "node_ours")) {
            Map<String, Object> vars = stored.vars(execution, task);
            assertRefused(vars, task, "nan_output", "outputs['nan']: NaN is not allowed");
            assertRefused(vars, task, "nan_counter", "counter 'nan_counter' value: NaN is not allowed");
            assertRefused(vars, task, "surrogate_output", "outputs['surrogate']: lone UTF-16 surrogate");
            assertFalse(vars.containsKey("nan") || vars.containsKey("surrogate"), task + ": " + vars.keySet());
            assertEquals("kept", vars.get("after"), task);
            List<MetricEntry> metrics = stored.metrics(execution, task, found -> !found.isEmpty());
            assertEquals(List.of("after_bad"), metrics.stream().map(MetricEntry::getName).toList(), task);
        }
        Map<String, Object> python = stored.vars(execution, "python_ours");
        assertRefused(python, "python_ours", "set_output", "KestraTypeError: outputs['set']: unsupported type set");
        // Our Node package refuses a Set too (JSON.stringify would write it as {}).
        Map<String, Object> node = stored.vars(execution, "node_ours");
        assertRefused(node, "node_ours", "set_output", "TypeError: outputs['set']: unsupported type Set");
        assertFalse(node.containsKey("set"), "node_ours: " + node.keySet());

        // Official Python: NaN is written as the bare token NaN; Kestra's parser refuses the
        // whole line with a WARN log, so the output and the counter are silently lost.
        Map<String, Object> officialPython = stored.vars(execution, "python_official");
        assertEquals("written", officialPython.get("nan_output"));
        assertEquals("written", officialPython.get("nan_counter"));
        assertFalse(officialPython.containsKey("nan"));
        assertTrue(String.valueOf(officialPython.get("set_output")).startsWith("TypeError: Object of type set"));
        assertEquals("kept", officialPython.get("after"));
        List<MetricEntry> officialPythonMetrics = stored.metrics(execution, "python_official", found -> !found.isEmpty());
        assertEquals(List.of("after_bad"), officialPythonMetrics.stream().map(MetricEntry::getName).toList());
        List<LogEntry> refused = stored.logs(execution, "python_official",
            found -> found.stream().filter(l -> l.getMessage().startsWith("Invalid outputs 'Non-standard token 'NaN'")).count() >= 2);
        assertEquals(2, refused.stream().filter(l -> l.getMessage().startsWith("Invalid outputs")).count());

        // Official Node: JSON.stringify writes NaN as null. The output stores null; the counter
        // is stored with a null value and Kestra logs a NullPointerException; every record the
        // script writes after it (the set, "after", the counter after_bad) is lost.
        Map<String, Object> officialNode = stored.vars(execution, "node_official");
        assertTrue(officialNode.containsKey("nan") && officialNode.get("nan") == null, officialNode.toString());
        assertFalse(officialNode.containsKey("after"), officialNode.toString());
        assertFalse(officialNode.containsKey("set_output"), officialNode.toString());
        List<LogEntry> npe = stored.logs(execution, "node_official",
            found -> found.stream().anyMatch(l -> l.getMessage().contains("because \"this.value\" is null")));
        List<MetricEntry> officialNodeMetrics = stored.metrics(execution, "node_official", found -> !found.isEmpty());
        assertEquals(List.of("nan_counter"), officialNodeMetrics.stream().map(MetricEntry::getName).toList());
        assertNull(officialNodeMetrics.getFirst().getValue());

        for (String task : List.of("python_ours", "python_official", "node_ours", "node_official")) {
            Report.task(stored, execution, task);
        }
    }

    /** The attempt raised the core's error, and wrote nothing. */
    static void assertRefused(Map<String, Object> vars, String task, String attempt, String message) {
        String outcome = String.valueOf(vars.get(attempt));
        assertTrue(outcome.contains(message), task + " " + attempt + ": expected the core's error, got " + outcome);
    }
}
