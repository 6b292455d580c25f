// Types of @kestra-io/libs/testing (CommonJS): what Kestra would record from a script.

declare namespace testing {
  /** A metric as Kestra stores it: counters and timers added up, a gauge's last value. */
  interface Metric {
    type: 'counter' | 'timer' | 'gauge';
    name: string;
    /** Tag values as Kestra stores them: strings. */
    tags: Record<string, string>;
    /** A counter's sum, a gauge's last value, a timer's total in seconds. */
    value: number;
    /** A timer's total in whole milliseconds, as stored. */
    stored_ms?: number;
    /** How many lines sent it. */
    lines: number;
  }

  interface Log {
    level: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
    message: string;
    stream: 'stdout' | 'stderr';
    /** The 1-based line number in its stream. */
    line: number;
    /** True for an ordinary line that Kestra logs as text. */
    text: boolean;
  }

  /** A line Kestra would drop, or log as text though it looks meant as a record. */
  interface Problem {
    stream: 'stdout' | 'stderr';
    line: number;
    verdict: 'rejected' | 'near_miss';
    /** Why, in the words of the core's line checker. */
    reason: string;
    excerpt: string;
  }

  type TagValues = Readonly<Record<string, string | number | boolean | bigint>>;

  class Records {
    /** The outputs merged across lines, the last write wins. */
    readonly outputs: Record<string, unknown>;
    /** The Java type Kestra reads for each output: Integer, Long, Double, String, Map... */
    readonly outputTypes: Record<string, string>;
    readonly metrics: Metric[];
    readonly logs: Log[];
    readonly assets: Array<Record<string, unknown>>;
    readonly problems: Problem[];
    messages(level?: Log['level']): string[];
    /** Throws an AssertionError listing what was recorded when there is no such metric. */
    metric(type: Metric['type'], name: string, tags?: TagValues): Metric;
    counter(name: string, tags?: TagValues): number;
    /** Seconds. */
    timer(name: string, tags?: TagValues): number;
    /** Whole milliseconds, as Kestra stores a timer. */
    timerMs(name: string, tags?: TagValues): number;
    gauge(name: string, tags?: TagValues): number;
    /** Throws an AssertionError listing what was recorded when the output is missing. */
    output(key: string): unknown;
    /** Runs the assertions; a failing one's message gains the recorded tables. */
    check(assertions: (records: Records) => Promise<unknown>): Promise<Records>;
    check(assertions: (records: Records) => void): Records;
    /** The tables of `kestra-emit show`. */
    text(color?: boolean): string;
  }

  interface CaptureOptions {
    /** Also record process.stderr, whose lines become ERROR logs. */
    stderr?: boolean;
  }

  /** The records of a script's output captured elsewhere (a child process); stderr lines become ERROR logs. */
  function read(stdout: string | Uint8Array, stderr?: string | Uint8Array | null): Records;

  /** Runs `fn` and resolves to what Kestra would record from what it wrote. */
  function capture(fn: (records: Records) => unknown, options?: CaptureOptions): Promise<Records>;
}

export = testing;
