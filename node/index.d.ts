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

  type LogEntry = readonly [LevelName, string] | { level: LevelName; message: string };

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
