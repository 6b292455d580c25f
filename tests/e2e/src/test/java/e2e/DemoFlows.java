package e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo's rewrite of an example flow (examples/flows/*.yaml, written for a Kestra server with
 * the script plugins and Docker) into one this embedded Kestra can run. The rules are mechanical,
 * the same for every flow, and each one applied is reported:
 *
 * <ul>
 *   <li>{@code io.kestra.plugin.scripts.LANG.Script}: becomes {@code e2e.Commands}; its
 *       {@code script} becomes an input file ({@link #SCRIPTS}: main.py, main.js, ...), rendered
 *       by Kestra as the plugin renders it, and the one command runs it ({@code python main.py},
 *       ...);</li>
 *   <li>{@code io.kestra.plugin.scripts.LANG.Commands}: becomes {@code e2e.Commands}, commands
 *       unchanged;</li>
 *   <li>for both: the task runner (Docker, or the plugins' default, Docker) becomes
 *       {@code io.kestra.plugin.core.runner.Process}; {@code containerImage}, {@code namespaceFiles}
 *       and {@code beforeCommands} (which install our packages from namespace files in a
 *       container) are dropped, and {@link Env} provides what they installed: the environment
 *       variables that put the demo's builds on the interpreters' paths, plus, for Go only, the
 *       two commands that make a go.mod pointing at the repository's module;</li>
 *   <li>every other task (io.kestra.plugin.core.*, e.g. Log) runs as it is.</li>
 * </ul>
 * The example flows themselves stay as they are: user documentation for a real Kestra.
 */
final class DemoFlows {
    private DemoFlows() {}

    static final String SCRIPTS_PREFIX = "io.kestra.plugin.scripts.";
    static final String PROCESS = "io.kestra.plugin.core.runner.Process";
    static final List<String> DROPPED = List.of("containerImage", "namespaceFiles", "beforeCommands", "docker");

    /** A script plugin's language: the file its script is written to and the command that runs it. */
    record Lang(String file, String command) {}

    static final Map<String, Lang> SCRIPTS = Map.of(
        "python", new Lang("main.py", "python main.py"),
        "node", new Lang("main.js", "node main.js"),
        "r", new Lang("main.R", "Rscript main.R"),
        "ruby", new Lang("main.rb", "ruby main.rb"),
        "go", new Lang("main.go", "go run main.go"),
        "shell", new Lang("main.sh", "sh main.sh"));

    /** Go's stand-in for the example's beforeCommands (which unpack the module from a namespace file). */
    static List<String> goSetup(Path root) {
        return List.of(
            "go mod init demo",
            "go mod edit -require github.com/kestra-io/kestra-sdk/go@v0.0.0 -replace github.com/kestra-io/kestra-sdk/go="
                + root.resolve("go"));
    }

    /**
     * What the demo built, where tests/e2e/demo.sh puts it, and the environment every rewritten
     * task runs with.
     */
    record Env(Path root, Path home, Map<String, String> vars) {
        static Env of(Path root, Path home) {
            Path target = home.resolve("target");
            Path prefix = target.resolve("demo/prefix");
            Map<String, String> vars = new LinkedHashMap<>();
            // python: the venv with our package; kestra-emit, libkestra, kestra.pc: `cmake --install`
            // of the build; go: its usual place.
            vars.put("PATH", String.join(":", target.resolve("venv-ours/bin").toString(), prefix.resolve("bin").toString(),
                "/usr/local/go/bin", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
            vars.put("NODE_PATH", target.resolve("node-ours/node_modules").toString());
            vars.put("R_LIBS", target.resolve("demo/r-lib").toString());
            vars.put("RUBYLIB", root.resolve("ruby/lib") + ":" + target.resolve("demo/ruby/lib"));
            vars.put("PKG_CONFIG_PATH", prefix.resolve("lib/pkgconfig").toString());
            vars.put("LD_LIBRARY_PATH", prefix.resolve("lib").toString());
            vars.put("GOTOOLCHAIN", "local");
            return new Env(root, home, vars);
        }

        Path target() {
            return home.resolve("target");
        }

        /** An executable of that name on the tasks' PATH. */
        boolean onPath(String command) {
            for (String dir : vars.get("PATH").split(":")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                    return true;
                }
            }
            return false;
        }

        /** Why a task whose language is `lang` and whose text is `text` cannot run here, or null. */
        String missing(String lang, String text) {
            List<String> why = new ArrayList<>();
            switch (lang) {
                case "python" -> need(why, Files.isRegularFile(target().resolve("venv-ours/.installed")), "our Python package (target/venv-ours)");
                case "node" -> {
                    need(why, onPath("node"), "node on PATH");
                    need(why, Files.isDirectory(target().resolve("node-ours/node_modules/@kestra-io/libs")), "our Node package (target/node-ours)");
                }
                case "r" -> {
                    need(why, onPath("Rscript"), "Rscript on PATH");
                    if (text.contains("library(kestra)")) {
                        need(why, Files.isDirectory(target().resolve("demo/r-lib/kestra")), "the R package (target/demo/r-lib)");
                    }
                }
                case "ruby" -> {
                    need(why, onPath("ruby"), "ruby on PATH");
                    need(why, Files.isRegularFile(target().resolve("demo/ruby/lib/kestra/kestra_ext.so")), "the gem's extension (target/demo/ruby)");
                }
                case "go" -> need(why, onPath("go"), "go on PATH or in /usr/local/go/bin");
                default -> {}
            }
            if (text.contains("kestra-emit")) {
                need(why, onPath("kestra-emit"), "kestra-emit (target/demo/prefix/bin)");
            }
            if (text.contains("pkg-config")) {
                need(why, onPath("pkg-config") && onPath("gcc") && onPath("g++"), "gcc, g++ and pkg-config");
                need(why, Files.isRegularFile(Path.of(vars.get("PKG_CONFIG_PATH"), "kestra.pc")), "libkestra installed (target/demo/prefix)");
            }
            return why.isEmpty() ? null : "needs " + String.join(", ", why);
        }

        private static void need(List<String> why, boolean ok, String what) {
            if (!ok) {
                why.add(what);
            }
        }
    }

    /** A rewritten flow: its YAML, one note per rewritten task, and why it cannot run here (or null). */
    record Rewritten(String id, String namespace, String yaml, List<String> notes, String missing) {}

    static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .build());

    @SuppressWarnings("unchecked")
    static Rewritten rewrite(String source, Env env) throws IOException {
        Map<String, Object> flow = YAML.readValue(source, LinkedHashMap.class);
        List<String> notes = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>();
        walk(flow, env, notes, missing);
        return new Rewritten((String) flow.get("id"), (String) flow.get("namespace"), YAML.writeValueAsString(flow), notes,
            missing.isEmpty() ? null : String.join("; ", missing));
    }

    /** Rewrites every task found below `node` (tasks, errors, finally, nested flowable tasks). */
    @SuppressWarnings("unchecked")
    private static void walk(Object node, Env env, List<String> notes, Set<String> missing) {
        if (node instanceof Map<?, ?> map) {
            Object type = map.get("type");
            if (type instanceof String t && t.startsWith(SCRIPTS_PREFIX) && map.containsKey("id")
                && !t.startsWith(SCRIPTS_PREFIX + "runner.")) {
                rewriteTask((Map<String, Object>) map, t, env, notes, missing);
                return;
            }
            map.values().forEach(v -> walk(v, env, notes, missing));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> walk(v, env, notes, missing));
        }
    }

    @SuppressWarnings("unchecked")
    private static void rewriteTask(Map<String, Object> task, String type, Env env, List<String> notes, Set<String> missing) {
        String id = (String) task.get("id");
        String[] parts = type.substring(SCRIPTS_PREFIX.length()).split("\\.");
        String lang = parts[0];
        String kind = parts.length == 2 ? parts[1] : "";
        Lang l = SCRIPTS.get(lang);
        if (l == null || !(kind.equals("Script") || kind.equals("Commands"))) {
            missing.add(id + ": no rewrite for " + type);
            return;
        }
        StringBuilder note = new StringBuilder(id + ": " + type.substring(SCRIPTS_PREFIX.length()) + " -> e2e.Commands");
        String text = String.valueOf(task.get("script")) + task.get("commands");

        task.put("type", "e2e.Commands");
        if (kind.equals("Script")) {
            Object script = task.remove("script");
            Map<String, Object> inputFiles = task.get("inputFiles") instanceof Map<?, ?> m
                ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
            inputFiles.put(l.file(), script);
            task.put("inputFiles", inputFiles);
            task.put("commands", List.of(l.command()));
            note.append(" (script as ").append(l.file()).append(", `").append(l.command()).append("`)");
        }
        Object runner = task.get("taskRunner") instanceof Map<?, ?> m ? m.get("type") : null;
        task.put("taskRunner", new LinkedHashMap<>(Map.of("type", PROCESS)));
        note.append("; taskRunner ").append(runner == null ? "(default: Docker)" : shortType((String) runner)).append(" -> Process");

        boolean go = lang.equals("go");
        List<String> dropped = new ArrayList<>();
        for (String key : DROPPED) {
            if (go && key.equals("beforeCommands")) {
                continue; // replaced below
            }
            if (task.remove(key) != null) {
                dropped.add(key);
            }
        }
        if (!dropped.isEmpty()) {
            note.append("; dropped ").append(String.join(", ", dropped));
        }
        if (go) {
            task.put("beforeCommands", goSetup(env.root()));
            note.append("; beforeCommands -> `go mod init demo` and a go.mod replace of the module by <repo>/go");
        }
        Map<String, Object> vars = new LinkedHashMap<>(env.vars());
        if (task.get("env") instanceof Map<?, ?> own) {
            vars.putAll((Map<String, Object>) own);
        }
        task.put("env", vars);

        String why = env.missing(lang, text);
        if (why != null) {
            missing.add(id + " " + why);
        }
        notes.add(note.toString());
    }

    private static String shortType(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
