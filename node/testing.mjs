// ES module entry of @kestra-io/libs/testing: the same objects as testing.js.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const testing = require('./testing.js');

export const { capture, read, Records } = testing;
export default testing;
