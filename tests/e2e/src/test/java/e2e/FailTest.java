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

/** flows/fail.yaml: a script that exits 3 after some records. */
@KestraTest(startRunner = true)
class FailTest {
    @Inject Stored stored;

    @Test
    @LoadFlows("flows/fail.yaml")
    void recordsBeforeTheFailureAreKept() throws Exception {
        Execution execution = stored.run("fail");
        assertEquals(State.Type.FAILED, execution.getState().getCurrent());
        assertEquals(State.Type.FAILED, Stored.taskRun(execution, "python_ours").getState().getCurrent());

        // The outputs written before the failure are kept, with the exit code.
        Map<String, Object> outputs = stored.taskOutputs(execution, "python_ours");
        assertEquals(3, outputs.get("exitCode"));
        assertEquals(Map.of("before", 1), outputs.get("vars"));

        List<MetricEntry> metrics = stored.metrics(execution, "python_ours", found -> !found.isEmpty());
        MetricEntry counter = Stored.metric(metrics, "counter", "before_failure");
        assertEquals(1.0, counter.getValue());
        assertEquals(Map.of("step", "one"), counter.getTags());

        List<LogEntry> logs = stored.logs(execution, "python_ours",
            found -> found.stream().anyMatch(l -> l.getMessage().contains("exit code 3")));
        assertTrue(logs.stream().anyMatch(l -> l.getMessage().equals("before failure message")), logs.toString());
        Report.task(stored, execution, "python_ours");
    }
}
