// ES module entry: the same object as the CommonJS entry (one addon instance).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Kestra = require('./index.js');

export default Kestra;
export const { context, loadExecutionContext, Flow, FailedExponentialBackoff, FlowRequestError } = Kestra;
