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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** flows/c.yaml: examples/scripts/demo.c on libkestra, through kestra.h only. */
@KestraTest(startRunner = true)
class CProgramTest {
    @Inject Stored stored;

    @Test
    @LoadFlows("flows/c.yaml")
    void aCProgramOnLibkestraIsStoredAsMeant() throws Exception {
        Execution execution = stored.run("c");
        assertEquals(State.Type.SUCCESS, Stored.taskRun(execution, "c").getState().getCurrent());

        Map<String, Object> vars = stored.vars(execution, "c");
        assertEquals(Map.of("status", "ok", "rows", 1234, "ratio", 0.667, "regions", Map.of("eu", 823, "us", 411)), vars);

        List<MetricEntry> metrics = stored.metrics(execution, "c", found -> found.size() >= 3);
        MetricEntry counter = Stored.metric(metrics, "counter", "rows_loaded");
        assertEquals(823.0, counter.getValue());
        assertEquals(Map.of("table", "orders", "region", "eu"), counter.getTags());
        assertEquals(12.5, Stored.metric(metrics, "gauge", "batch_mb").getValue());
        // A 50 ms sleep, timed by the program: stored in whole milliseconds.
        double timer = Stored.metric(metrics, "timer", "load_seconds").getValue();
        assertTrue(timer >= 50.0 && timer == Math.floor(timer), "timer " + timer);

        List<LogEntry> logs = stored.logs(execution, "c", found -> found.stream().anyMatch(l -> l.getMessage().startsWith("1 row had")));
        for (String message : List.of("reading orders.csv", "loaded 1234 rows", "3 rows had no customer id; kept them")) {
            assertTrue(logs.stream().anyMatch(l -> l.getMessage().equals(message)), message + " in " + logs);
        }
        // The program's own printf lines are stored as plain INFO logs.
        assertTrue(logs.stream().anyMatch(l -> l.getMessage().startsWith("refused as expected: gauge 'error_rate' value: NaN")));
        Report.task(stored, execution, "c");
    }
}
