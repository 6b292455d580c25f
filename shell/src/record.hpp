// A kestra_record owned for the length of a command, with its errors turned
// into Failures carrying the core's own message.
#ifndef KESTRA_EMIT_RECORD_HPP
#define KESTRA_EMIT_RECORD_HPP

#include "kestra/kestra.h"

namespace emit {

class Record {
 public:
  Record();
  ~Record() { kestra_record_free(record_); }
  Record(const Record &) = delete;
  Record &operator=(const Record &) = delete;

  kestra_record *get() const { return record_; }

  // A validation error: throws a usage Failure with the core's message
  // ("counter 'rows' value: NaN is not allowed").
  void check(kestra_result result) const;

  // Finishes the line and writes it to stdout in one write call; an I/O error
  // throws a Failure with status 1, a validation error one with status 2.
  void write() const;

 private:
  kestra_record *record_;
};

}  // namespace emit

#endif
