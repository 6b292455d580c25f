package e2e;

import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.junit.annotations.LoadFlows;
import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.executions.LogEntry;
import io.kestra.core.models.flows.State;
import io.kestra.core.repositories.ExecutionRepositoryInterface;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import java.util.List;

import static io.kestra.core.tenant.TenantService.MAIN_TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * flows/surrogate.yaml: the official Python package writes a lone surrogate. Kestra's parser
 * accepts it, but the worker cannot put the task's result on the queue (H2 refuses the JSON),
 * so the execution never ends (and a kill leaves it KILLING). Our packages refuse the value instead (BadValuesTest).
 */
@KestraTest(startRunner = true)
class SurrogateTest {
    static final String LOST = "Unable to emit the worker task result";

    @Inject Stored stored;
    @Inject ExecutionRepositoryInterface executions;

    @Test
    @LoadFlows("flows/surrogate.yaml")
    void officialLoneSurrogateLosesTheTaskResult() throws Exception {
        Execution execution = stored.runner.runOneUntil(MAIN_TENANT, "e2e", "surrogate",
            e -> e.getTaskRunList() != null && !e.getTaskRunList().isEmpty());
        List<LogEntry> logs = stored.logs(execution, "python_official",
            found -> found.stream().anyMatch(l -> l.getLevel() == Level.ERROR && l.getMessage().startsWith(LOST)));
        Report.task(stored, execution, "python_official");

        // The result was dropped: the task run, and so the execution, stays RUNNING.
        Execution now = executions.findById(MAIN_TENANT, execution.getId()).orElseThrow();
        assertEquals(State.Type.RUNNING, now.getState().getCurrent(), logs.toString());
        assertEquals(State.Type.RUNNING, Stored.taskRun(now, "python_official").getState().getCurrent());
        // Left as it is: a kill stays KILLING, the worker no longer runs the task.
    }
}
