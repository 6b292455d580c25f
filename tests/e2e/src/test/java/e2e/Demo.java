package e2e;

import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.executions.LogEntry;
import io.kestra.core.models.executions.MetricEntry;
import io.kestra.core.models.executions.TaskRun;
import io.kestra.core.models.flows.State;
import io.kestra.core.repositories.LocalFlowRepositoryLoader;
import io.kestra.core.repositories.LogDataStoreInterface;
import io.kestra.core.repositories.MetricRepositoryInterface;
import io.kestra.core.runners.FlowMetaStoreInterface;
import io.kestra.core.runners.TestRunnerUtils;
import io.kestra.core.services.TaskOutputService;
import io.kestra.core.utils.Await;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.kestra.core.tenant.TenantService.MAIN_TENANT;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo (bash scripts/demo.sh, or tests/e2e/demo.sh): every example flow of examples/flows,
 * rewritten by {@link DemoFlows} for this embedded Kestra, runs on its executor and worker, then
 * prints per task what Kestra stored: state and duration, outputs with their Java types,
 * metrics, logs. Not part of `mvn test` (its name matches none of surefire's default patterns,
 * *Test, Test*, *Tests, *TestCase): run it with -Dtest=Demo. Its report lines start with
 * "demo| " (demo.sh shows only those). It fails at the end when a flow that ran did not succeed.
 */
@KestraTest(startRunner = true)
class Demo {
    static final Duration FLOW_TIMEOUT = Duration.ofMinutes(3);
    /** The indexer has stored everything once nothing new arrived for this long. */
    static final Duration SETTLED = Duration.ofMillis(800);
    static final int WIDTH = 150;
    static final String SYSTEM_PATH = System.getenv().getOrDefault("PATH", "");
    /** The task runner's own TRACE/DEBUG lines about every command task, left out unless DEMO_WORKER_LOGS=1. */
    static final Pattern BOOKKEEPING = Pattern.compile(
        "(?s)Provided \\d+ input\\(s\\)\\.|Starting command with pid .*|Command succeed with exit code \\d+|Captured \\d+ output file\\(s\\)\\.");
    static final boolean ALL_LOGS = "1".equals(System.getenv("DEMO_WORKER_LOGS"));

    @Inject LocalFlowRepositoryLoader loader;
    @Inject FlowMetaStoreInterface flowMetaStore;
    @Inject TestRunnerUtils runner;
    @Inject TaskOutputService outputs;
    @Inject MetricRepositoryInterface metrics;
    @Inject LogDataStoreInterface logs;

    static void out(String line) {
        System.out.println("demo| " + line);
        System.out.flush();
    }

    @Test
    void examples() throws Exception {
        Path home = Path.of(System.getenv("E2E_HOME"));
        Path root = Path.of(System.getenv().getOrDefault("E2E_ROOT", home.resolve("../..").normalize().toString()));
        DemoFlows.Env env = DemoFlows.Env.of(root, home);
        Path work = home.resolve("target/demo/flows");
        Files.createDirectories(work);

        out("Kestra " + kestraVersion() + ": embedded executor, worker and indexer (io.kestra:tests; no server, no Docker).");
        out("The example flows run rewritten for it (tests/e2e/README.md, \"The demo\"; the rewritten flows: "
            + root.relativize(work) + "): script tasks become");
        out("e2e.Commands on the Process runner, with " + env.vars().entrySet().stream()
            .map(e -> e.getKey() + "=" + shorten(e.getKey().equals("PATH") ? e.getValue().replace(SYSTEM_PATH, "$PATH") : e.getValue(), root))
            .reduce((a, b) -> a + " " + b).orElse(""));
        out("Per task: state, duration, exit code; outputs with their Java types; metrics (a timer: the Duration of the milliseconds");
        out("stored); logs in order" + (ALL_LOGS ? "." : ", less the task runner's bookkeeping lines (DEMO_WORKER_LOGS=1 shows them)."));

        List<Path> sources;
        try (Stream<Path> files = Files.list(root.resolve("examples/flows"))) {
            sources = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        List<String> failed = new ArrayList<>();
        int ran = 0, skipped = 0;
        long started = System.nanoTime();
        for (Path source : sources) {
            DemoFlows.Rewritten flow = DemoFlows.rewrite(Files.readString(source), env);
            String where = root.relativize(source).toString();
            out("");
            if (flow.missing() != null) {
                out("== " + flow.id() + " (" + where + "): skipped, " + flow.missing());
                skipped++;
                continue;
            }
            Path file = work.resolve(source.getFileName());
            Files.writeString(file, flow.yaml());
            load(file, flow);

            Execution execution = runner.runOne(MAIN_TENANT, flow.namespace(), flow.id(), FLOW_TIMEOUT);
            ran++;
            State.Type state = execution.getState().getCurrent();
            out("== " + flow.id() + " (" + where + "): " + state + " in " + seconds(execution.getState().getDurationOrComputeIt()));
            for (String note : flow.notes()) {
                out("   rewritten " + note);
            }
            if (state != State.Type.SUCCESS) {
                failed.add(flow.id() + " " + state);
            }
            Settled stored = settle(execution);
            for (TaskRun taskRun : execution.getTaskRunList()) {
                printTask(execution, taskRun, stored, root);
            }
        }
        out("");
        out(String.format(Locale.ROOT, "%d flows run in %s, %d skipped, %d not SUCCESS%s", ran,
            seconds(Duration.ofNanos(System.nanoTime() - started)), skipped, failed.size(),
            failed.isEmpty() ? "" : ": " + String.join(", ", failed)));
        assertTrue(failed.isEmpty(), "flows that did not succeed: " + failed);
    }

    /** Loads one flow file, then waits until the executor's flow cache has it. */
    private void load(Path file, DemoFlows.Rewritten flow) throws Exception {
        loader.load(MAIN_TENANT, file.toFile());
        BooleanSupplier cached = () -> flowMetaStore.allLastVersion().stream()
            .anyMatch(f -> f.getNamespace().equals(flow.namespace()) && f.getId().equals(flow.id()));
        Await.until(cached, Duration.ofMillis(20), Duration.ofSeconds(10));
    }

    record Settled(List<MetricEntry> metrics, List<LogEntry> logs) {}

    /** The execution's metrics and logs, once the indexer has stopped adding to them. */
    private Settled settle(Execution execution) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int last = -1;
        long stableSince = System.nanoTime();
        while (true) {
            List<MetricEntry> m = metrics.findByExecutionId(MAIN_TENANT, execution.getId(), Pageable.UNPAGED);
            List<LogEntry> l = logs.findByExecutionId(MAIN_TENANT, execution.getId(), Level.TRACE);
            int count = m.size() + l.size();
            long now = System.nanoTime();
            if (count != last) {
                last = count;
                stableSince = now;
            } else if (now - stableSince >= SETTLED.toNanos() || now > deadline) {
                return new Settled(m, l);
            }
            Thread.sleep(50);
        }
    }

    private void printTask(Execution execution, TaskRun taskRun, Settled stored, Path root) throws Exception {
        Map<String, Object> all = outputs.getOutputs(taskRun);
        StringBuilder head = new StringBuilder("   " + taskRun.getTaskId() + "  " + taskRun.getState().getCurrent()
            + "  " + seconds(taskRun.getState().getDurationOrComputeIt()));
        if (all != null && all.get("exitCode") != null) {
            head.append("  exit ").append(all.get("exitCode"));
        }
        out(head.toString());

        Object vars = all == null ? null : all.get("vars");
        if (vars instanceof Map<?, ?> map) {
            map.forEach((k, v) -> line("output", k + " = " + describe(v)));
        } else if (all != null) {
            // A core task's own outputs (a Log task has none).
            all.forEach((k, v) -> {
                if (!k.equals("exitCode")) {
                    line("output", k + " = " + describe(v));
                }
            });
        }
        stored.metrics().stream()
            .filter(m -> taskRun.getId().equals(m.getTaskRunId()))
            .sorted(Comparator.comparing(MetricEntry::getTimestamp))
            .forEach(m -> line(m.getType(), m.getName() + " = " + metricValue(m)
                + (m.getTags() == null || m.getTags().isEmpty() ? "" : "  " + m.getTags())));
        stored.logs().stream()
            .filter(l -> taskRun.getId().equals(l.getTaskRunId()))
            .filter(l -> ALL_LOGS || l.getMessage() == null || !BOOKKEEPING.matcher(l.getMessage()).matches())
            .sorted(Comparator.comparing(LogEntry::getTimestamp))
            .forEach(l -> line("log", String.format("%-5s %s", l.getLevel(), shorten(l.getMessage(), root))));
    }

    private static void line(String kind, String text) {
        String first = String.format("     %-8s %s", kind, text.replace("\n", "⏎"));
        out(first.length() > WIDTH ? first.substring(0, WIDTH - 1) + "…" : first);
    }

    /** A timer is stored as whole milliseconds: shown as the Duration they make. */
    static String metricValue(MetricEntry m) {
        if (m.getType().equals("timer")) {
            return Duration.ofMillis(m.getValue().longValue()) + " (" + m.getValue() + " ms stored)";
        }
        return String.valueOf(m.getValue());
    }

    /** A value with the Java class of each leaf Kestra stored. */
    static String describe(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            map.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append(k).append(": ").append(describe(v)));
            return out.append('}').toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Demo::describe).toList().toString();
        }
        if (value == null) {
            return "null";
        }
        String shown = value instanceof String s ? '"' + s + '"' : value.toString();
        return shown + " (" + value.getClass().getSimpleName() + ")";
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }

    /** Paths under the repository shown relative to it. */
    static String shorten(String text, Path root) {
        return text == null ? "null" : text.replace(root + "/", "");
    }

    static String kestraVersion() {
        String where = String.valueOf(Execution.class.getProtectionDomain().getCodeSource().getLocation());
        Matcher m = Pattern.compile("core-([0-9][^/]*)\\.jar").matcher(where);
        return m.find() ? m.group(1) : "(version unknown)";
    }
}
