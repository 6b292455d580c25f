// Types for the ES module entry (`import Kestra from "@kestra-io/libs"`).
import Kestra = require('./index.js');

export default Kestra;
export declare const context: typeof Kestra.context;
export declare const loadExecutionContext: typeof Kestra.loadExecutionContext;
export declare const Flow: typeof Kestra.Flow;
export type Flow = Kestra.Flow;
export declare const FailedExponentialBackoff: typeof Kestra.FailedExponentialBackoff;
export type FailedExponentialBackoff = Kestra.FailedExponentialBackoff;
export declare const FlowRequestError: typeof Kestra.FlowRequestError;
export type FlowRequestError = Kestra.FlowRequestError;
export type ExecutionContext = Kestra.ExecutionContext;
export type FlowExecution = Kestra.FlowExecution;
