package conformance;

import io.kestra.core.metrics.MetricConfig;
import io.kestra.core.metrics.MetricRegistry;
import io.kestra.core.models.executions.LogEntry;
import io.kestra.core.models.tasks.runners.TaskLogLineMatcher;
import io.kestra.core.runners.AssetEmit;
import io.kestra.core.runners.AssetEmitter;
import io.kestra.core.runners.DefaultRunContext;
import io.kestra.core.runners.LogEntryEmitter;
import io.kestra.core.runners.RunContextLogger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.ApplicationContext;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Kestra's real DefaultRunContext, wired without a Micronaut server:
 * - its application context is a stub that only answers the TaskLogLineMatcher bean
 *   (what PluginUtilsService.parseOut asks for) and "no property";
 * - its metric registry is Kestra's MetricRegistry over a Micrometer SimpleMeterRegistry,
 *   so DefaultRunContext.metric() runs exactly as on a worker (including its failures);
 * - its logger is Kestra's RunContextLogger whose LogEntry emitter records entries here;
 * - only assets() is replaced (the real one needs the asset service): it records emits.
 */
public class HarnessRunContext extends DefaultRunContext {
    public final List<LogEntry> logEntries = new ArrayList<>();
    public final List<AssetEmit> assetEmits = new ArrayList<>();

    public HarnessRunContext(TaskLogLineMatcher matcher) {
        super();
        ApplicationContext ctx = (ApplicationContext) Proxy.newProxyInstance(
            HarnessRunContext.class.getClassLoader(),
            new Class<?>[]{ApplicationContext.class},
            (proxy, method, args) -> {
                switch (method.getName()) {
                    case "getBean":
                        if (args != null && args.length == 1 && args[0] == TaskLogLineMatcher.class) {
                            return matcher;
                        }
                        break;
                    case "getProperty":
                    case "findBean":
                        return Optional.empty();
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "equals":
                        return proxy == args[0];
                    case "toString":
                        return "HarnessApplicationContext";
                    default:
                        break;
                }
                throw new UnsupportedOperationException("harness application context: " + method);
            });

        LogEntryEmitter emitter = new LogEntryEmitter() {
            @Override
            public CompletionStage<Void> emits(LogEntry entry) {
                synchronized (logEntries) {
                    logEntries.add(entry);
                }
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletionStage<Void> emits(List<LogEntry> entries) {
                synchronized (logEntries) {
                    logEntries.addAll(entries);
                }
                return CompletableFuture.completedFuture(null);
            }
        };
        LogEntry base = LogEntry.builder()
            .namespace("conformance")
            .flowId("conformance")
            .taskId("script")
            .executionId("conformance")
            .taskRunId("conformance")
            .attemptNumber(1)
            .build();
        RunContextLogger logger = new RunContextLogger(emitter, base, org.slf4j.event.Level.TRACE, false);

        set("applicationContext", ctx);
        set("variables", Map.of());
        set("logger", logger);
        resetForLine();
    }

    /** Each line is reported on its own: fresh metric registry, no metrics, logs or assets kept. */
    public void resetForLine() {
        set("meterRegistry", new MetricRegistry(new SimpleMeterRegistry(), new MetricConfig()));
        metrics().clear();
        synchronized (logEntries) {
            logEntries.clear();
        }
        assetEmits.clear();
    }

    private void set(String name, Object value) {
        try {
            Field f = DefaultRunContext.class.getDeclaredField(name);
            f.setAccessible(true);
            f.set(this, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot wire DefaultRunContext." + name + " (Kestra version changed?)", e);
        }
    }

    @Override
    public AssetEmitter assets() {
        return new AssetEmitter() {
            @Override
            public void emit(AssetEmit emit) {
                assetEmits.add(emit);
            }

            @Override
            public List<AssetEmit> emitted() {
                return assetEmits;
            }
        };
    }
}
