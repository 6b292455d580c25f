package e2e;

import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.junit.annotations.LoadFlows;
import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.executions.MetricEntry;
import io.kestra.core.models.flows.State;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * flows/bad.yaml: NaN, a set and a lone surrogate (scripts/bad.py, bad.js). Ours refuses each
 * with the core's error and writes nothing for it; the records after them are stored. The
 * official packages' tasks are printed, and what Kestra made of them pinned, for the record.
 */
@KestraTest(startRunner = true)
class BadValuesTest {
    static final List<String> ATTEMPTS = List.of("nan_output", "nan_counter", "set_output", "surrogate_output");

    @Inject Stored stored;

    @Test
    @LoadFlows("flows/bad.yaml")
    void oursRefusesBadValuesAndKeepsTheRest() throws Exception {
        Execution execution = stored.run("bad");
        for (String task : List.of("python_ours", "python_official", "node_ours", "node_official")) {
            Report.task(stored, execution, task);
        }
        for (String task : List.of("python_ours", "node_ours")) {
            assertEquals(State.Type.SUCCESS, Stored.taskRun(execution, task).getState().getCurrent(), task);
            Map<String, Object> vars = stored.vars(execution, task);
            for (String attempt : ATTEMPTS) {
                String outcome = String.valueOf(vars.get(attempt));
                assertTrue(outcome.startsWith("Kestra"), task + " " + attempt + ": the core's error, got " + outcome);
            }
            assertEquals("kept", vars.get("after"), task);
            assertTrue(vars.keySet().stream().noneMatch(k -> List.of("nan", "set", "surrogate").contains(k)),
                task + ": nothing written for a refused value: " + vars.keySet());
            List<MetricEntry> metrics = stored.metrics(execution, task, found -> !found.isEmpty());
            assertEquals(List.of("after_bad"), metrics.stream().map(MetricEntry::getName).toList(), task);
        }
    }
}
