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

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The largest output value Kestra 2.0.0 stores, and what happens past it.
 *
 * <p>flows/large.yaml, one task, one output: a task's result (its outputs with the task run) goes
 * from the worker to the controller in one gRPC message of at most
 * kestra.grpc.max-inbound-message-size bytes (10,485,760 by default). Besides the value, the
 * message took 1,096 bytes in every run measured (LargeBisect; README.md, "Limits") when the ids
 * of the execution, the task run and the worker have 22 characters: a byte less per character the
 * first two lack, two per character the worker's lacks (it is there twice). So the largest value
 * stored is {@link #LARGEST} bytes: stored whole at that size, and at one byte more the process
 * still ends with exit code 0 but the task FAILS with its outputs dropped. The flow's script makes
 * up for shorter ids, so both runs hold in every run; each package (ours and the official ones,
 * Python and Node) is run at both sizes.
 *
 * <p>flows/large_sum.yaml: a task is also sent to the worker with the earlier tasks' outputs.
 */
@KestraTest(startRunner = true)
class LargeTest {
    static final int GRPC_LIMIT = 10_485_760;
    /** The message's bytes besides the value, for ids of 22 characters (found by LargeBisect). */
    static final int RESULT_OVERHEAD = 1_096;
    static final int LARGEST = GRPC_LIMIT - RESULT_OVERHEAD; // 10,484,664
    static final String NOT_SENT = "Failed to send the task result to the worker controller: its serialized size exceeds"
        + " the maximum inbound gRPC message size configured on the controller. The task run is failed and its outputs are dropped.";
    static final String NOT_DISPATCHED = "Cannot dispatch this task to worker";
    /** The embedded worker's id (one per Kestra context), read from a first small run. */
    private static String workerId;

    @Inject Stored stored;

    /** Runs flows/large.yaml for SIZE bytes (ids of 22 characters) from LANG under PKG. */
    static Execution runLarge(Stored stored, int size, String lang, String pkg) throws Exception {
        if (workerId == null) {
            Execution first = stored.run("large", Map.of("size", 1, "lang", "python", "package", "ours", "worker", "x".repeat(22)));
            workerId = worker(first);
        }
        Execution execution = stored.run("large", Map.of("size", size, "lang", lang, "package", pkg, "worker", workerId));
        assertEquals(workerId, worker(execution), "one worker");
        return execution;
    }

    static String worker(Execution execution) {
        return Stored.taskRun(execution, "large").getAttempts().getLast().getWorkerId();
    }

    /** The bytes flows/large.yaml's script wrote for SIZE in this run. */
    static int written(Execution execution, int size) {
        return size + (22 - execution.getId().length()) + (22 - Stored.taskRun(execution, "large").getId().length())
            + 2 * (22 - worker(execution).length());
    }

    @Test
    @LoadFlows("flows/large.yaml")
    void pythonOurs() throws Exception {
        boundary("python", "ours");
    }

    @Test
    @LoadFlows("flows/large.yaml")
    void pythonOfficial() throws Exception {
        boundary("python", "official");
    }

    @Test
    @LoadFlows("flows/large.yaml")
    void nodeOurs() throws Exception {
        boundary("node", "ours");
    }

    @Test
    @LoadFlows("flows/large.yaml")
    void nodeOfficial() throws Exception {
        boundary("node", "official");
    }

    void boundary(String lang, String pkg) throws Exception {
        String who = lang + ":" + pkg;
        // LARGEST bytes: stored whole.
        Execution fits = runLarge(stored, LARGEST, lang, pkg);
        assertEquals(State.Type.SUCCESS, Stored.taskRun(fits, "large").getState().getCurrent(), who);
        assertEquals(State.Type.SUCCESS, fits.getState().getCurrent(), who);
        String value = (String) stored.vars(fits, "large").get("large");
        assertEquals(written(fits, LARGEST), value.length(), who);
        assertTrue(value.chars().allMatch(c -> c == 'x'), who);
        assertEquals(1.0, Stored.metric(afterLarge(fits), "counter", "after_large").getValue(), who);

        // One byte more: the script ends well, but its result cannot reach the controller.
        Execution over = runLarge(stored, LARGEST + 1, lang, pkg);
        List<LogEntry> logs = stored.logs(over, "large",
            found -> found.stream().anyMatch(l -> l.getLevel() == Level.ERROR && l.getMessage().startsWith(NOT_SENT)));
        System.out.println("e2e stored large " + who + " (worker " + workerId + "): " + written(fits, LARGEST) + " bytes stored whole; "
            + written(over, LARGEST + 1) + " bytes: task " + Stored.taskRun(over, "large").getState().getCurrent() + ", logs "
            + logs.stream().map(l -> l.getLevel() + " " + l.getMessage().lines().findFirst().orElse("")).map(m -> m.substring(0, Math.min(70, m.length()))).toList());
        assertEquals(State.Type.FAILED, Stored.taskRun(over, "large").getState().getCurrent(), who);
        assertEquals(State.Type.FAILED, over.getState().getCurrent(), who);
        assertEquals(Map.of(), stored.taskOutputs(over, "large"), who + ": outputs dropped, exit code too");
        assertTrue(logs.stream().anyMatch(l -> l.getMessage().equals("Command succeed with exit code 0")), who + ": " + logs);
        // Metrics travel on their own: the counter written after the output is stored.
        assertEquals(1.0, Stored.metric(afterLarge(over), "counter", "after_large").getValue(), who);
    }

    List<MetricEntry> afterLarge(Execution execution) throws Exception {
        return stored.metrics(execution, "large", found -> found.stream().anyMatch(m -> m.getName().equals("after_large")));
    }

    /**
     * flows/large_sum.yaml: outputs of 1 MiB and 9 MiB are stored whole. Then the earlier outputs
     * (10 MiB in all) travel with the next task to the worker and exceed the same limit: that task
     * FAILS unrun.
     */
    @Test
    @LoadFlows("flows/large_sum.yaml")
    void theEarlierOutputsTravelWithTheNextTask() throws Exception {
        Execution execution = stored.run("large_sum");
        for (Map.Entry<String, Integer> task : Map.of("mib_1", 1 << 20, "mib_9", 9 << 20).entrySet()) {
            assertEquals(State.Type.SUCCESS, Stored.taskRun(execution, task.getKey()).getState().getCurrent(), task.getKey());
            assertEquals(task.getValue(), ((String) stored.vars(execution, task.getKey()).get("large")).length(), task.getKey());
        }
        List<LogEntry> logs = stored.logs(execution, "mib_10",
            found -> found.stream().anyMatch(l -> l.getLevel() == Level.ERROR && l.getMessage().startsWith(NOT_DISPATCHED)));
        String why = logs.stream().filter(l -> l.getMessage().startsWith(NOT_DISPATCHED)).findFirst().orElseThrow().getMessage();
        System.out.println("e2e stored large_sum.mib_10: " + why);
        assertTrue(why.contains("exceeds the maximum inbound gRPC message size of " + GRPC_LIMIT + " bytes"), why);
        assertEquals(Map.of(), stored.taskOutputs(execution, "mib_10"));
        assertEquals(State.Type.FAILED, Stored.taskRun(execution, "mib_10").getState().getCurrent());
        assertEquals(State.Type.FAILED, execution.getState().getCurrent());
    }
}
