#include "record.hpp"

#include <string>

#include "failure.hpp"

namespace emit {

Record::Record() : record_(kestra_record_new()) {
  if (!record_) throw Failure{kFailed, "out of memory"};
}

void Record::check(kestra_result result) const {
  if (result == KESTRA_OK) return;
  const int status = result == KESTRA_ERROR_IO || result == KESTRA_ERROR_NO_MEMORY ? kFailed : kUsage;
  throw Failure{status, kestra_record_error(record_)};
}

void Record::write() const {
  const kestra_result result = kestra_record_write(record_, 1);
  if (result == KESTRA_ERROR_IO)
    throw Failure{kFailed, std::string("cannot write to stdout: ") + kestra_record_error(record_)};
  check(result);
}

}  // namespace emit
