#include "help.hpp"

#include <cstdio>
#include <string>

#include "failure.hpp"
#include "text.hpp"

namespace emit {
namespace {

const char kOverall[] =
    "Usage: kestra-emit COMMAND [ARGS...]\n"
    "\n"
    "Writes Kestra script-task records (outputs, metrics, logs) to stdout as\n"
    "::{json}:: lines, validated and escaped, one line per call.\n"
    "\n"
    "Commands:\n"
    "  outputs KEY=VALUE... | KEY:=JSON...   task outputs (or --json TEXT, --json -; --encrypted)\n"
    "  counter NAME VALUE [--tag K=V]...     add VALUE to a counter\n"
    "  timer NAME SECONDS [--tag K=V]...     a duration in seconds\n"
    "  gauge NAME VALUE [--tag K=V]...       a measured level\n"
    "  time NAME [--tag K=V]... -- COMMAND   run COMMAND and emit its wall time\n"
    "  log LEVEL MESSAGE... | LEVEL -        a log entry, or one per line of stdin\n"
    "  check [FILE|-]                        say what Kestra does with each ::...:: line\n"
    "  context [PATH]                        print a value of the execution context\n"
    "  show [--json] [FILE|-]                show what Kestra would store from a script's output\n"
    "  read [FILE|-]                         a Kestra (Ion) file as JSON Lines, one row a line\n"
    "  help [COMMAND]                        this help, or a command's\n"
    "\n"
    "Options: -h, --help (also after a command), -V, --version.\n"
    "Exit status: 0 success; 2 usage or validation error (one line on stderr,\n"
    "nothing on stdout); 1 an I/O error or, for check, lines Kestra would not record.\n";

const char kOutputs[] =
    "Usage: kestra-emit outputs [--encrypted] KEY=VALUE... | KEY:=JSON...\n"
    "       kestra-emit outputs [--encrypted] --json TEXT | --json -\n"
    "\n"
    "Writes one outputs record; downstream tasks read {{ outputs.TASK.vars.KEY }}.\n"
    "  KEY=VALUE    VALUE as a string\n"
    "  KEY:=JSON    VALUE as a JSON value: 3, 1.5, true, null, [1,2], {\"a\":1}\n"
    "  --json TEXT  a whole JSON object; --json - reads it from stdin\n"
    "  --encrypted  an encryptedOutputs record: Kestra Enterprise stores the values\n"
    "               encrypted; an open-source worker ignores them (nothing is stored)\n"
    "A key holding '=' or ending in ':' needs --json. Two checks are the command\n"
    "line's own (the library has no such rule): an empty key, most often an unset\n"
    "shell variable (\"$KEY=v\"), and a key given twice are usage errors.\n"
    "\n"
    "Example: kestra-emit outputs state=done rows:=42 'files:=[\"a.csv\"]'\n";

const char kCounter[] =
    "Usage: kestra-emit counter NAME VALUE [--tag KEY=VALUE]... [--timestamp ISO] [--description TEXT]\n"
    "\n"
    "Writes one counter metric: Kestra adds up the values of the same name and tags.\n"
    "VALUE is an integer (any size) or a decimal number (1.5, 2e3); NaN and\n"
    "infinities are refused.\n"
    "  --tag KEY=VALUE     a string tag (repeatable); KEY:=VALUE for a number or boolean\n"
    "  --timestamp ISO     when it was measured: 2026-11-21T10:30:00Z\n"
    "  --description TEXT  what the metric means\n"
    "\n"
    "Example: kestra-emit counter rows 42 --tag table=users\n";

const char kTimer[] =
    "Usage: kestra-emit timer NAME SECONDS [--tag KEY=VALUE]... [--timestamp ISO] [--description TEXT]\n"
    "\n"
    "Writes one timer metric. SECONDS is a number of seconds (0.25 for 250 ms),\n"
    "never milliseconds; it may not be negative. Options as for counter.\n"
    "To time a command, see: kestra-emit help time\n"
    "\n"
    "Example: kestra-emit timer load 1.25 --tag table=users\n";

const char kGauge[] =
    "Usage: kestra-emit gauge NAME VALUE [--tag KEY=VALUE]... [--timestamp ISO] [--description TEXT]\n"
    "\n"
    "Writes one gauge metric (a level such as memory in use; needs Kestra 1.1+).\n"
    "Options as for counter.\n"
    "\n"
    "Example: kestra-emit gauge memory_mb 512.5 --tag host=worker-1\n";

const char kTime[] =
    "Usage: kestra-emit time NAME [--tag KEY=VALUE]... [--description TEXT] -- COMMAND [ARGS...]\n"
    "\n"
    "Runs COMMAND with stdin, stdout and stderr passed through, then writes its\n"
    "wall time (monotonic clock) as a timer NAME in seconds, whatever its status.\n"
    "Exits with COMMAND's status: 128+N when killed by signal N; 127 when it is not\n"
    "found and 126 when it cannot be executed (then no timer is written).\n"
    "SIGTERM and SIGHUP are passed on to COMMAND; ^C reaches it from the terminal.\n"
    "\n"
    "Example: kestra-emit time load --tag table=users -- psql -f load.sql\n";

const char kLog[] =
    "Usage: kestra-emit log LEVEL MESSAGE...\n"
    "       kestra-emit log LEVEL -\n"
    "\n"
    "Writes a log entry at LEVEL: TRACE, DEBUG, INFO, WARN or ERROR (any case;\n"
    "WARNING, CRITICAL and FATAL are accepted). The MESSAGE words are joined by spaces.\n"
    "With -, reads stdin and writes one record per line as each line arrives, so\n"
    "'long_job 2>&1 | kestra-emit log INFO -' streams. A line that is not valid\n"
    "UTF-8 is reported on stderr and skipped (never altered); the status is then 2.\n"
    "Put -- before a message that starts with --.\n"
    "\n"
    "Example: kestra-emit log WARN disk almost full\n";

const char kCheck[] =
    "Usage: kestra-emit check [--verbose | --quiet] [FILE|-]\n"
    "\n"
    "Reads a script's output (FILE, or stdin) and prints, for each line that is or\n"
    "looks meant as a ::{...}:: record, what the Kestra server does with it:\n"
    "  SOURCE:LINE: recorded|rejected|near miss: REASON\n"
    "then a count of each. A near miss looks meant but is logged as plain text\n"
    "(a space or colour code around it, a raw U+2028 inside).\n"
    "  --verbose   also list plain text lines\n"
    "  --quiet     print nothing; only the exit status\n"
    "Exits 1 when any line would be rejected or is a near miss, else 0.\n"
    "\n"
    "Example: python3 job.py | kestra-emit check\n";

const char kContext[] =
    "Usage: kestra-emit context [--file FILE] [PATH]\n"
    "\n"
    "Prints one value of the execution context that Kestra gives a script task\n"
    "with executionContext: true: a string or a number as its text, anything else\n"
    "(object, array, boolean, null) as compact JSON; no PATH prints the whole context.\n"
    "PATH is keys joined by '.', array indexes as [N] or .N: inputs.user, labels[0].key.\n"
    "The context is read from FILE, else $KESTRA_EXECUTION_CONTEXT_FILE, else\n"
    "./.kestra-execution-context.json; when that file does not exist, from the\n"
    "base64 JSON in $KESTRA_CONTEXT.\n"
    "Exits 2 with a message naming what is missing when there is no context or\n"
    "no value at PATH.\n"
    "\n"
    "Example: user=$(kestra-emit context inputs.user)\n";
const char kShow[] =
    "Usage: kestra-emit show [--json] [--stderr FILE] [FILE|-]\n"
    "\n"
    "Reads a script's output (FILE, or stdin) and shows what Kestra would store:\n"
    "a row per record as its line arrives, then the totals: outputs merged across\n"
    "lines (the last write wins) with the type Kestra reads, metrics (counters and\n"
    "timers of the same name and tags added up, a gauge's last value; timers in\n"
    "seconds and as the milliseconds stored), logs by level, assets, and lines\n"
    "Kestra would reject or log as text though they look like records, with why.\n"
    "Every other line is the INFO log line it becomes (ERROR from --stderr).\n"
    "  --json          print only the totals, as one JSON object (keys: outputs,\n"
    "                  output_types, metrics, logs, assets, problems, lines)\n"
    "  --stderr FILE   the script's stderr, read after its stdout\n"
    "Colours only when stdout is a terminal and NO_COLOR is unset.\n"
    "Exits 1 when any line would be rejected or is a near miss, else 0.\n"
    "\n"
    "Example: python3 etl.py | kestra-emit show\n";
const char kRead[] =
    "Usage: kestra-emit read [FILE|-]\n"
    "\n"
    "Reads a file of Kestra's internal storage (Amazon Ion text, one row per\n"
    "value, as Kestra writes a query's result) from FILE or stdin, and writes each\n"
    "row as one line of compact JSON, streaming (memory follows one row):\n"
    "  decimals as numbers, timestamps as ISO-8601 strings, typed nulls as null,\n"
    "  blobs and clobs as UTF-8 strings, symbols as strings, s-expressions as arrays,\n"
    "  NaN and infinities as the strings \"NaN\", \"Infinity\", \"-Infinity\";\n"
    "  annotations are dropped.\n"
    "Exits 2 when FILE cannot be opened or is not valid Ion (the rows before the\n"
    "error are written; the message names the line and column), 1 on an I/O error.\n"
    "\n"
    "Example: kestra-emit read rows.ion | jq -r '.email'\n";

struct Entry {
  std::string_view name;
  const char *text;
};

const Entry kEntries[] = {
    {"", kOverall},        {"outputs", kOutputs}, {"counter", kCounter}, {"timer", kTimer},
    {"gauge", kGauge},     {"time", kTime},       {"log", kLog},         {"check", kCheck},
    {"context", kContext}, {"show", kShow},       {"read", kRead},
};

}  // namespace

int print_help(std::string_view command) {
  for (const Entry &e : kEntries) {
    if (e.name != command) continue;
    std::fputs(e.text, stdout);
    return std::fflush(stdout) == 0 ? kOk : kFailed;
  }
  if (command == "help") return print_help("");
  throw usage("help: unknown command " + quote(command) + " (see kestra-emit --help)");
}

}  // namespace emit
