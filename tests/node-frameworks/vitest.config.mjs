// Only the Vitest file: the Jest one uses Jest's globals.
export default { test: { include: ['**/*.vitest.test.mjs'] } };
