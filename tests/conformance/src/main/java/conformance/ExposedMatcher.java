package conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kestra.core.models.tasks.runners.TaskLogLineMatcher;
import io.kestra.core.runners.RunContext;
import org.slf4j.Logger;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kestra's own line matcher, unchanged. The subclass only exposes the protected
 * pattern and JSON mapper, and watches what happened to the last line
 * (matched / not a protocol line / rejected by the mapper / threw) without
 * altering the behaviour: every call goes to Kestra's implementation.
 */
public class ExposedMatcher extends TaskLogLineMatcher {
    public enum Outcome { NOT_CALLED, TEXT, MATCHED, REJECTED, THREW }

    Outcome outcome = Outcome.NOT_CALLED;
    Throwable error;
    TaskLogMatch match;

    public static Pattern pattern() {
        return LOG_DATA_SYNTAX;
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    void reset() {
        outcome = Outcome.NOT_CALLED;
        error = null;
        match = null;
    }

    @Override
    public Optional<TaskLogMatch> matches(String line, Logger logger, RunContext runContext, Instant instant)
        throws IOException {
        try {
            Optional<TaskLogMatch> result = super.matches(line, logger, runContext, instant);
            if (result.isPresent()) {
                outcome = Outcome.MATCHED;
                match = result.get();
            } else {
                outcome = Outcome.TEXT;
            }
            return result;
        } catch (IOException e) {
            outcome = Outcome.REJECTED;
            error = e;
            throw e;
        } catch (RuntimeException | Error e) {
            outcome = Outcome.THREW;
            error = e;
            throw e;
        }
    }
}
