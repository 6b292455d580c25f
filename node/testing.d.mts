// Types of @kestra-io/libs/testing (ES module).
import testing = require('./testing.js');

export type Metric = testing.Metric;
export type Log = testing.Log;
export type Problem = testing.Problem;
export type TagValues = testing.TagValues;
export type CaptureOptions = testing.CaptureOptions;
export declare const Records: typeof testing.Records;
export type Records = testing.Records;
export declare const capture: typeof testing.capture;
export declare const read: typeof testing.read;
declare const _default: typeof testing;
export default _default;
