package e2e;

import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.junit.annotations.LoadFlows;
import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.executions.LogEntry;
import io.kestra.core.models.executions.MetricEntry;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * flows/threads.yaml: 8 threads x 10,000 counters from one Python script (scripts/threads.py).
 * The script's last record, `done`, is written after every thread ended; the indexer stores a
 * task's metrics in the order the worker read them, so once `done` is stored the count is final.
 */
@KestraTest(startRunner = true)
class ThreadsTest {
    static final int EXPECTED = 8 * 10_000;

    @Inject Stored stored;

    @Test
    @LoadFlows("flows/threads.yaml")
    void everyCounterFromEightThreadsIsStored() throws Exception {
        Execution execution = stored.run("threads");

        List<MetricEntry> ours = settled(execution, "python_ours");
        assertEquals(EXPECTED, hits(ours), "every counter of ours stored");
        assertEquals(8, ours.stream().filter(m -> m.getName().equals("hits")).count(), "one entry per thread tag");
        List<LogEntry> oursText = plainText(execution, "python_ours");
        assertEquals(List.of(), oursText, "no line of ours logged as plain text");

        // The official package, for the record: its print() can tear under threads.
        List<MetricEntry> official = settled(execution, "python_official");
        List<LogEntry> officialText = plainText(execution, "python_official");
        System.out.println("e2e stored threads: ours " + hits(ours) + " of " + EXPECTED + " counters, "
            + oursText.size() + " plain-text logs; official " + hits(official) + " of " + EXPECTED + ", "
            + officialText.size() + " plain-text logs");
        assertTrue(hits(official) <= EXPECTED);
    }

    List<MetricEntry> settled(Execution execution, String task) throws Exception {
        return stored.metrics(execution, task, found -> found.stream().anyMatch(m -> m.getName().equals("done")));
    }

    /** Kestra 2.0 sums a task run's counters of one name and tags into one entry: add them up. */
    static long hits(List<MetricEntry> metrics) {
        return metrics.stream().filter(m -> m.getName().equals("hits")).mapToLong(m -> m.getValue().longValue()).sum();
    }

    /**
     * Logs at INFO and above, once the worker's own "Command succeed" (logged after the process
     * ended) is stored: the script writes none, so each one is a line Kestra could not read.
     */
    List<LogEntry> plainText(Execution execution, String task) throws Exception {
        return stored.logs(execution, task, found -> found.stream().anyMatch(l -> l.getMessage().startsWith("Command succeed")))
            .stream()
            .filter(l -> l.getLevel().toInt() >= Level.INFO.toInt())
            .toList();
    }
}
