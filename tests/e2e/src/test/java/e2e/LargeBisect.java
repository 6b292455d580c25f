package e2e;

import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.junit.annotations.LoadFlows;
import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.flows.State;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finds, by bisection on real runs of flows/large.yaml, the largest single output value (bytes of
 * one string under one key, in a one-task flow) that Kestra 2.0.0 stores, for each script and
 * package; then runs that size and one byte more again, to see that the boundary holds run to run.
 * A size is meant for ids (execution, task run, worker) of 22 characters: the script makes up for
 * shorter ones (flows/large.yaml). Not part of the suite (its name matches none of surefire's patterns); run
 * it once per package (Kestra's memory repository keeps every execution, 10 MB each here: about
 * 40 runs fill the suite's 2 GB heap):
 *
 *   for p in python:ours python:official node:ours node:official; do
 *     bash tests/e2e/run.sh -Dtest=LargeBisect -Dsurefire.failIfNoSpecifiedTests=false -De2e.bisect=$p
 *   done
 *
 * Properties: e2e.bisect (package list; default python:ours,python:official,node:ours,node:official),
 * e2e.bisect.lo (a size stored; default 10 MiB - 64 KiB), e2e.bisect.hi (a size not stored;
 * default 10 MiB), e2e.bisect.repeat (default 3). Its lines start with "bisect| ". LargeTest then
 * asserts the size found; README.md ("Limits") has the result.
 */
@KestraTest(startRunner = true)
class LargeBisect {
    @Inject Stored stored;

    static void out(String line) {
        System.out.println("bisect| " + line);
        System.out.flush();
    }

    @Test
    @LoadFlows("flows/large.yaml")
    void largestStoredOutput() throws Exception {
        int lo0 = Integer.getInteger("e2e.bisect.lo", (10 << 20) - (64 << 10));
        int hi0 = Integer.getInteger("e2e.bisect.hi", 10 << 20);
        int repeat = Integer.getInteger("e2e.bisect.repeat", 3);
        List<String> results = new ArrayList<>();
        for (String run : System.getProperty("e2e.bisect", "python:ours,python:official,node:ours,node:official").split(",")) {
            String[] parts = run.split(":");
            String lang = parts[0], pkg = parts[1];
            assertTrue(stored(lang, pkg, lo0), run + ": " + lo0 + " bytes must be stored to start");
            assertTrue(!stored(lang, pkg, hi0), run + ": " + hi0 + " bytes must not be stored to start");
            int lo = lo0, hi = hi0; // lo is stored, hi is not
            while (hi - lo > 1) {
                int mid = lo + (hi - lo) / 2;
                if (stored(lang, pkg, mid)) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            int again = 0;
            for (int i = 0; i < repeat; i++) {
                if (stored(lang, pkg, lo) && !stored(lang, pkg, lo + 1)) {
                    again++;
                }
            }
            String result = run + ": largest stored " + lo + " bytes (" + ((10 << 20) - lo) + " under 10 MiB); "
                + (lo + 1) + " not; held again in " + again + " of " + repeat + " repeats";
            out(result);
            results.add(result);
        }
        out("");
        results.forEach(LargeBisect::out);
    }

    /**
     * One run of flows/large.yaml: true when the output was stored whole, false when the task FAILED
     * with its outputs dropped; anything else stops the bisection.
     */
    boolean stored(String lang, String pkg, int size) throws Exception {
        long started = System.nanoTime();
        Execution execution = LargeTest.runLarge(stored, size, lang, pkg);
        State.Type state = Stored.taskRun(execution, "large").getState().getCurrent();
        Map<String, Object> vars = state == State.Type.SUCCESS ? stored.vars(execution, "large") : null;
        boolean whole = vars != null && vars.get("large") instanceof String s && s.length() == LargeTest.written(execution, size);
        boolean dropped = state == State.Type.FAILED && stored.taskOutputs(execution, "large").isEmpty();
        out(String.format("%s:%s %,d bytes: %s (%d ms; ids %s %s, worker %s)", lang, pkg, size,
            whole ? "stored" : dropped ? "NOT stored" : state, (System.nanoTime() - started) / 1_000_000,
            execution.getId(), Stored.taskRun(execution, "large").getId(), LargeTest.worker(execution)));
        if (!whole && !dropped) {
            throw new AssertionError(lang + ":" + pkg + " " + size + " bytes: neither stored whole nor dropped: " + state);
        }
        return whole;
    }
}
