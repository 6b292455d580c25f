// Values JSON cannot carry, then good records: the same script under both packages.
// Each attempt's outcome (written, or the error's class and message) becomes an output.
const Kestra = require('@kestra-io/libs');

function attempt(name, write) {
  let outcome = 'written';
  try {
    write();
  } catch (error) {
    outcome = `${error.name}: ${error.message}`;
  }
  Kestra.outputs({ [name]: outcome });
}

attempt('nan_output', () => Kestra.outputs({ nan: NaN }));
attempt('nan_counter', () => Kestra.counter('nan_counter', NaN));
attempt('set_output', () => Kestra.outputs({ set: new Set([1, 2]) }));
// Under the official package a lone surrogate is written, and Kestra then loses the task's
// result (flows/surrogate.yaml): --no-surrogate leaves it out.
if (!process.argv.includes('--no-surrogate')) {
  attempt('surrogate_output', () => Kestra.outputs({ surrogate: '\ud800' }));
}
Kestra.counter('after_bad', 1);
Kestra.outputs({ after: 'kept' });
