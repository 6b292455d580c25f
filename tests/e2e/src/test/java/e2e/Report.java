package e2e;

import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.executions.LogEntry;
import io.kestra.core.models.executions.MetricEntry;

import java.util.List;

/** Prints what Kestra stored for a task, for the record (tests/e2e/README.md is written from it). */
final class Report {
    private Report() {}

    /** The logs the script sent: messages of the values scripts end with " message". */
    static List<LogEntry> scriptLogs(List<LogEntry> logs) {
        return logs.stream().filter(l -> l.getMessage() != null && l.getMessage().endsWith(" message")).toList();
    }

    static void task(Stored stored, Execution execution, String taskId) throws Exception {
        System.out.println("e2e stored " + execution.getFlowId() + "." + taskId + ": state "
            + Stored.taskRun(execution, taskId).getState().getCurrent());
        System.out.println("  outputs " + describe(stored.taskOutputs(execution, taskId)));
        List<MetricEntry> metrics = stored.metrics(execution, taskId, found -> true);
        for (MetricEntry m : metrics) {
            System.out.println("  metric " + m.getType() + " " + m.getName() + " = " + m.getValue() + " " + m.getTags());
        }
        for (LogEntry l : stored.logs(execution, taskId, found -> true)) {
            System.out.println("  log " + l.getLevel() + " " + l.getMessage());
        }
    }

    /** A value with the Java type of each leaf. */
    static String describe(Object value) {
        if (value instanceof java.util.Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            map.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append(k).append('=').append(describe(v)));
            return out.append('}').toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Report::describe).toList().toString();
        }
        return value == null ? "null" : value + ":" + value.getClass().getSimpleName();
    }
}
