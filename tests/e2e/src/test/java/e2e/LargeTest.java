package e2e;

import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.junit.annotations.LoadFlows;
import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.executions.LogEntry;
import io.kestra.core.models.flows.State;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * flows/large.yaml: outputs of 1 MiB and 9 MiB are stored whole. Then the earlier outputs (10 MiB
 * in all) travel with the next task to the worker and exceed what gRPC accepts
 * (kestra.grpc.max-inbound-message-size, 10,485,760 bytes by default): that task FAILS unrun.
 */
@KestraTest(startRunner = true)
class LargeTest {
    static final String NOT_DISPATCHED = "Cannot dispatch this task to worker";

    @Inject Stored stored;

    @Test
    @LoadFlows("flows/large.yaml")
    void outputsUpToTheGrpcLimitAreStored() throws Exception {
        Execution execution = stored.run("large");
        for (Map.Entry<String, Integer> task : Map.of("mib_1", 1 << 20, "mib_9", 9 << 20).entrySet()) {
            assertEquals(State.Type.SUCCESS, Stored.taskRun(execution, task.getKey()).getState().getCurrent(), task.getKey());
            assertEquals(task.getValue(), ((String) stored.vars(execution, task.getKey()).get("large")).length(), task.getKey());
        }
        // The task payload sent to the worker carries the earlier tasks' outputs (10 MiB here):
        // the executor cannot dispatch mib_10, which FAILS without running.
        List<LogEntry> logs = stored.logs(execution, "mib_10",
            found -> found.stream().anyMatch(l -> l.getLevel() == Level.ERROR && l.getMessage().startsWith(NOT_DISPATCHED)));
        String why = logs.stream().filter(l -> l.getMessage().startsWith(NOT_DISPATCHED)).findFirst().orElseThrow().getMessage();
        System.out.println("e2e stored large.mib_10: " + why);
        assertTrue(why.contains("exceeds the maximum inbound gRPC message size of 10485760 bytes"), why);
        assertEquals(Map.of(), stored.taskOutputs(execution, "mib_10"));
        assertEquals(State.Type.FAILED, Stored.taskRun(execution, "mib_10").getState().getCurrent());
        assertEquals(State.Type.FAILED, execution.getState().getCurrent());
    }
}
