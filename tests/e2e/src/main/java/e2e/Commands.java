package e2e;

import io.kestra.core.models.annotations.Plugin;
import io.kestra.core.models.property.Property;
import io.kestra.core.models.tasks.RunnableTask;
import io.kestra.core.runners.RunContext;
import io.kestra.plugin.scripts.exec.AbstractExecScript;
import io.kestra.plugin.scripts.exec.scripts.models.ScriptOutput;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import lombok.EqualsAndHashCode;
import lombok.Getter;
import lombok.NoArgsConstructor;
import lombok.ToString;
import lombok.experimental.SuperBuilder;

import java.util.List;

/**
 * Runs shell commands as one process, as a user's flow does with Kestra's shell Commands
 * task (whose plugin is not on Maven Central): the task runner (the flows use Kestra's
 * Process runner) starts the interpreter, and Kestra's log consumer reads the process's
 * stdout and stderr line by line, so every {@code ::{json}::} line our scripts print becomes
 * an output, metric or log of the task run.
 */
@SuperBuilder
@ToString
@EqualsAndHashCode
@Getter
@NoArgsConstructor
@Schema(title = "Run shell commands (the end-to-end suite's stand-in for the shell Commands task).")
@Plugin
public class Commands extends AbstractExecScript implements RunnableTask<ScriptOutput> {
    @Schema(title = "The commands to run, one shell command line each.")
    @NotNull
    protected Property<List<String>> commands;

    /** No container: the flows run on the Process task runner. */
    @Override
    public Property<String> getContainerImage() {
        return null;
    }

    @Override
    public ScriptOutput run(RunContext runContext) throws Exception {
        return this.commands(runContext)
            .withInterpreter(this.interpreter)
            .withBeforeCommands(this.beforeCommands)
            .withCommands(this.commands)
            .withFailFast(runContext.render(this.failFast).as(Boolean.class).orElse(true))
            .run();
    }
}
