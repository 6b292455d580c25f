package e2e;

import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.executions.LogEntry;
import io.kestra.core.models.executions.MetricEntry;
import io.kestra.core.models.executions.TaskRun;
import io.kestra.core.repositories.LogDataStoreInterface;
import io.kestra.core.repositories.MetricRepositoryInterface;
import io.kestra.core.runners.FlowInputOutput;
import io.kestra.core.runners.TestRunnerUtils;
import io.kestra.core.services.TaskOutputService;
import io.kestra.core.utils.Await;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.event.Level;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import static io.kestra.core.tenant.TenantService.MAIN_TENANT;

/**
 * What Kestra stored for an execution, read through its own repositories: outputs through
 * TaskOutputService (TaskRun.getOutputs() is null in 2.0), metrics and logs through the
 * repositories the indexer writes to, asynchronously, after the task has ended.
 */
@Singleton
public class Stored {
    /** Long enough for a cold JVM to start five Python and Node processes. */
    static final Duration FLOW_TIMEOUT = Duration.ofMinutes(3);
    /** How long the indexer may take to store what a finished execution reported. */
    static final Duration INDEXER_TIMEOUT = Duration.ofMinutes(2);

    @Inject TestRunnerUtils runner;
    @Inject TaskOutputService outputs;
    @Inject MetricRepositoryInterface metrics;
    @Inject LogDataStoreInterface logs;
    @Inject FlowInputOutput flowInputs;

    /** Runs the flow e2e.ID to its end. */
    Execution run(String flowId) throws Exception {
        return runner.runOne(MAIN_TENANT, "e2e", flowId, FLOW_TIMEOUT);
    }

    /** Runs the flow e2e.ID with these inputs (read as Kestra reads an execution's inputs) to its end. */
    Execution run(String flowId, Map<String, ?> inputs) throws Exception {
        return runner.runOne(MAIN_TENANT, "e2e", flowId, null,
            (flow, execution) -> flowInputs.readExecutionInputs(flow, execution, inputs), FLOW_TIMEOUT);
    }

    static TaskRun taskRun(Execution execution, String taskId) {
        return execution.getTaskRunList().stream()
            .filter(t -> t.getTaskId().equals(taskId))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no task run " + taskId + " in " + execution.getTaskRunList()));
    }

    /** The outputs the task's script reported (ScriptOutput.vars). */
    @SuppressWarnings("unchecked")
    Map<String, Object> vars(Execution execution, String taskId) throws Exception {
        Map<String, Object> all = outputs.getOutputs(taskRun(execution, taskId));
        return (Map<String, Object>) all.get("vars");
    }

    Map<String, Object> taskOutputs(Execution execution, String taskId) throws Exception {
        return outputs.getOutputs(taskRun(execution, taskId));
    }

    /** The task's metrics once `done` holds for them (the indexer stores them after the run). */
    List<MetricEntry> metrics(Execution execution, String taskId, Predicate<List<MetricEntry>> done) throws TimeoutException {
        return Await.until(() -> {
            List<MetricEntry> found = metrics.findByExecutionIdAndTaskId(MAIN_TENANT, execution.getId(), taskId, Pageable.UNPAGED);
            return done.test(found) ? found : null;
        }, Duration.ofMillis(50), INDEXER_TIMEOUT);
    }

    /** The task's logs (every level) once `done` holds for them. */
    List<LogEntry> logs(Execution execution, String taskId, Predicate<List<LogEntry>> done) throws TimeoutException {
        return Await.until(() -> {
            List<LogEntry> found = logs.findByExecutionIdAndTaskId(MAIN_TENANT, execution.getId(), taskId, Level.TRACE);
            return done.test(found) ? found : null;
        }, Duration.ofMillis(50), INDEXER_TIMEOUT);
    }

    static MetricEntry metric(List<MetricEntry> entries, String type, String name) {
        return entries.stream()
            .filter(m -> m.getType().equals(type) && m.getName().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + type + " " + name + " in " + entries));
    }
}
