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
   */
  timer<R>(name: string, fn: (done: () => void) => R, tags?: Kestra.Tags | null,
           options?: Kestra.MetricOptions): R extends PromiseLike<infer T> ? Promise<T> : R;
  logger(): Kestra.Logger;
  /** Several log entries in one line. */
  logs(entries: readonly Kestra.LogEntry[]): void;
  /** Outputs from a JSON text, checked by the core. */
  outputsJson(text: string): void;
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
}

declare const Kestra: KestraFunction;

export = Kestra;
