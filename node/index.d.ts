// Types for the CommonJS entry (`const Kestra = require("@kestra-io/libs")`).
// Same surface as the official 2.0.0 types, with stricter argument types where
// the server would refuse anything else, plus a few documented extensions.

declare namespace Kestra {
  /** A value that can go into outputs: what JSON.stringify accepts, plus BigInt. */
  type Value =
    | string | number | bigint | boolean | null | undefined | Date
    | { toJSON(key?: string): unknown }
    | readonly Value[]
    | { readonly [key: string]: Value };

  /** Tag values: the server stores them as strings. */
  type Tags = Readonly<Record<string, string | number | boolean | bigint>>;

  /** Optional metric fields (an extension over the official API). */
  interface MetricOptions {
    /** ISO-8601 with date, time and zone, or a Date. */
    timestamp?: string | Date;
    description?: string;
  }

  type LevelName = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | string;

  interface Logger {
    trace(...message: unknown[]): void;
    debug(...message: unknown[]): void;
    info(...message: unknown[]): void;
    warn(...message: unknown[]): void;
    error(...message: unknown[]): void;
    /** A level by name (aliases WARNING, CRITICAL, FATAL; any case). */
    log(level: LevelName, ...message: unknown[]): void;
  }

  /** A value read from an Ion file by Kestra.read. */
  type IonValue = null | boolean | number | bigint | string | Date | IonValue[] | { [key: string]: IonValue };
  type Row = { [key: string]: IonValue };
  /** A file: URL (a WHATWG URL object), as node:url makes it. */
  interface FileURL { readonly href: string; readonly protocol: string }
  type LogEntry = readonly [LevelName, string] | { level: LevelName; message: string };

  /** A JSON value of the execution context (deeply frozen). */
  type ContextValue = string | number | boolean | null | readonly ContextValue[] | ExecutionContext;

  /**
   * The execution context Kestra gives a script task with `executionContext: true`:
   * inputs, outputs, labels, vars, trigger, flow, execution, task, taskrun...
   */
  interface ExecutionContext {
    readonly [key: string]: ContextValue | undefined;
  }

  /** What Flow.execute resolves to; status is "STARTED" when not waiting. */
  interface FlowExecution {
    executionId: string;
    status: string | null;
    log: string | null;
    error: string | null;
  }

  interface FlowOptions {
    /** Poll until the execution ends (default true). */
    waitForCompletion?: boolean;
    /** Seconds between polls (default 1). */
    pollInterval?: number;
    /** Send each input as a label key:value (default false). */
    labelsFromInputs?: boolean;
    tenant?: string;
    /** Seconds before the first retry on 408, 429 or 5xx, doubled each time (default 1). */
    backoffBase?: number;
  }

  /** What a Blob offers (a Blob or File passes). */
  interface BlobLike {
    readonly size: number;
    readonly type: string;
    arrayBuffer(): Promise<ArrayBuffer>;
  }

  /** A file input: a Blob, or [filename, data, contentType?] as the Python package's tuples. */
  type FileInput = BlobLike | readonly [string | null, string | Uint8Array | BlobLike, string?];

  /** The parts of fetch's Response that scripts use. */
  interface FlowResponse {
    readonly status: number;
    readonly ok: boolean;
    json(): Promise<any>;
    text(): Promise<string>;
  }

  interface Flow {
    waitForCompletion: boolean;
    pollInterval: number;
    labelsFromInputs: boolean;
    tenant: string | undefined;
    backoffBase: number;
    /** The server, from KESTRA_HOSTNAME (default http://localhost:8080). */
    hostname: string;
    /** Instead of KESTRA_API_TOKEN, or KESTRA_USER and KESTRA_PASSWORD. */
    setCredentials(credentials: { token?: string; user?: string; password?: string }): void;
    sleep(seconds: number): Promise<void>;
    execute(namespace: string, flow: string,
            inputs?: Readonly<Record<string, string | number | boolean | FileInput>>): Promise<FlowExecution>;
    checkStatus(executionId: string): Promise<FlowResponse>;
    getLogs(executionId: string): Promise<FlowResponse>;
  }

  interface FlowConstructor {
    new (options?: FlowOptions): Flow;
  }

  /** Every try of a request answered 408, 429 or 5xx. */
  interface FailedExponentialBackoff extends Error {}

  /** A 401 or another error status that is not retried; status undefined when no answer came. */
  interface FlowRequestError extends Error {
    status: number | undefined;
  }

  /** The core's kinds of error (kestra_result_name). */
  type ErrorKind = 'type' | 'value' | 'unicode' | 'depth' | 'cycle' | 'limit' | 'syntax' | 'usage';

  /** What every error of the core carries: its kind, ERR_KESTRA_<KIND>, and "FIELD: REASON". */
  interface KestraTypeError extends TypeError { readonly kind: 'type'; readonly code: 'ERR_KESTRA_TYPE'; }
  interface KestraValueError extends RangeError { readonly kind: 'value'; readonly code: 'ERR_KESTRA_VALUE'; }
  interface KestraUnicodeError extends RangeError { readonly kind: 'unicode'; readonly code: 'ERR_KESTRA_UNICODE'; }
  interface KestraDepthError extends RangeError { readonly kind: 'depth'; readonly code: 'ERR_KESTRA_DEPTH'; }
  interface KestraCycleError extends RangeError { readonly kind: 'cycle'; readonly code: 'ERR_KESTRA_CYCLE'; }
  interface KestraLimitError extends RangeError { readonly kind: 'limit'; readonly code: 'ERR_KESTRA_LIMIT'; }
  interface KestraSyntaxError extends SyntaxError { readonly kind: 'syntax'; readonly code: 'ERR_KESTRA_SYNTAX'; }
  interface KestraUsageError extends Error { readonly kind: 'usage'; readonly code: 'ERR_KESTRA_USAGE'; }
}

interface KestraFunction {
  (): void;
  /** The protocol line for a whole message ("::{...}::", no newline). */
  format(map: object): string;
  _send(map: object): void;
  _metrics(name: string, type: string, value: number | bigint, tags?: Kestra.Tags | null): void;
  assets(assets: { inputs?: readonly object[]; outputs?: readonly object[] }): void;
  /** Any object JSON.stringify can write (interfaces included), plus BigInt values. */
  outputs(outputs: object): void;
  counter(name: string, value: number | bigint, tags?: Kestra.Tags | null, options?: Kestra.MetricOptions): void;
  gauge(name: string, value: number | bigint, tags?: Kestra.Tags | null, options?: Kestra.MetricOptions): void;
  /** A duration in seconds. */
  timer(name: string, seconds: number, tags?: Kestra.Tags | null, options?: Kestra.MetricOptions): void;
  /**
   * Times fn on a monotonic clock. fn(done): the official callback style, written
   * when done() is called. An async function taking no argument: written when its
   * promise settles, and timer returns a promise of its result. A synchronous
   * function taking no argument: timed until it returns, its result returned.
   * When fn throws or its promise rejects, the timer is written with the time
   * until then, and the error propagates unchanged.
   */
  timer<R>(name: string, fn: (done: () => void) => R, tags?: Kestra.Tags | null,
           options?: Kestra.MetricOptions): R extends PromiseLike<infer T> ? Promise<T> : R;
  logger(): Kestra.Logger;
  /** Several log entries in one line. */
  logs(entries: readonly Kestra.LogEntry[]): void;
  /** Outputs from a JSON text, checked by the core. */
  outputsJson(text: string): void;
  /** Outputs that Kestra Enterprise stores encrypted (an open-source Kestra ignores them). */
  encryptedOutputs(outputs: object): void;
  /**
   * The execution context, deeply frozen: loaded from `path`, else
   * $KESTRA_EXECUTION_CONTEXT_FILE, else ./.kestra-execution-context.json, else the base64
   * JSON of $KESTRA_CONTEXT; kept after the first load without a path. Throws an Error with
   * code "ENOENT" when there is none.
   */
  context(path?: string): Kestra.ExecutionContext;
  /** The same, loaded again on every call. */
  loadExecutionContext(path?: string): Kestra.ExecutionContext;
  Flow: Kestra.FlowConstructor;
  FailedExponentialBackoff: new (message?: string) => Kestra.FailedExponentialBackoff;
  FlowRequestError: new (message?: string, status?: number) => Kestra.FlowRequestError;
  /**
   * The rows of a file of Kestra's internal storage (Ion text, one struct per
   * row), converted as the official Python Kestra.read converts them: numbers
   * (decimals too), bigint past 2^53 - 1, Date for timestamps and ISO-8601
   * date-time strings, strings for blobs, clobs and symbols, null for typed nulls.
   * Throws with the core's code (ERR_KESTRA_SYNTAX, ...) naming the line and column.
   */
  read(path: string | Kestra.FileURL): Kestra.Row[];
  /** The same, one row at a time, reading as the rows are asked for. */
  iterRead(path: string | Kestra.FileURL): Generator<Kestra.Row, void, undefined>;
  /** Version of the loaded core. */
  readonly coreVersion: string;
  /** The error classes, one per kind of the core's errors. */
  readonly KestraTypeError: new (message?: string) => Kestra.KestraTypeError;
  readonly KestraValueError: new (message?: string) => Kestra.KestraValueError;
  readonly KestraUnicodeError: new (message?: string) => Kestra.KestraUnicodeError;
  readonly KestraDepthError: new (message?: string) => Kestra.KestraDepthError;
  readonly KestraCycleError: new (message?: string) => Kestra.KestraCycleError;
  readonly KestraLimitError: new (message?: string) => Kestra.KestraLimitError;
  readonly KestraSyntaxError: new (message?: string) => Kestra.KestraSyntaxError;
  readonly KestraUsageError: new (message?: string) => Kestra.KestraUsageError;
}

declare const Kestra: KestraFunction;

export = Kestra;
