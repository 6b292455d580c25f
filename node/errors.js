'use strict';
// The errors the kestra core reports, one class per kind (the core's
// kestra_result_name). Each extends the built-in error that code written for the
// official package catches (TypeError, RangeError, SyntaxError, Error), so
// `instanceof TypeError` keeps working, while `err.kind` is the core's kind,
// `err.code` ERR_KESTRA_<KIND> and `err.message` the core's "FIELD: REASON".

function kindClass(Base, className, kind) {
  const Class = class extends Base {
    constructor(message) {
      super(message);
      this.kind = kind;
      this.code = `ERR_KESTRA_${kind.toUpperCase()}`;
    }
  };
  Object.defineProperty(Class, 'name', { value: className });
  return Class;
}

const KestraTypeError = kindClass(TypeError, 'KestraTypeError', 'type');
const KestraValueError = kindClass(RangeError, 'KestraValueError', 'value');
const KestraUnicodeError = kindClass(RangeError, 'KestraUnicodeError', 'unicode');
const KestraDepthError = kindClass(RangeError, 'KestraDepthError', 'depth');
const KestraCycleError = kindClass(RangeError, 'KestraCycleError', 'cycle');
const KestraLimitError = kindClass(RangeError, 'KestraLimitError', 'limit');
const KestraSyntaxError = kindClass(SyntaxError, 'KestraSyntaxError', 'syntax');
const KestraUsageError = kindClass(Error, 'KestraUsageError', 'usage');

// By kind, for the addon, which throws them.
const byKind = {};
for (const Class of [KestraTypeError, KestraValueError, KestraUnicodeError, KestraDepthError,
  KestraCycleError, KestraLimitError, KestraSyntaxError, KestraUsageError]) {
  byKind[new Class('').kind] = Class;
}

module.exports = {
  KestraTypeError,
  KestraValueError,
  KestraUnicodeError,
  KestraDepthError,
  KestraCycleError,
  KestraLimitError,
  KestraSyntaxError,
  KestraUsageError,
  byKind,
};
