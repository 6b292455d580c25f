// One Ion value as one line of compact JSON, converted as the official
// Kestra.read converts values (see kestra_ion_reader_next_json in kestra/ion.h),
// written with the core's JSON text rules (json_text.hpp).
#pragma once

#include <string>

#include "ion_reader.hpp"

namespace kestra::detail {

// Reads the next top-level value from `reader` into `out` (replaced) with a
// final "\n"; leaves `out` empty at the end of the stream. On a conversion
// failure returns the result and sets `error`.
kestra_result read_value_as_json(IonReader &reader, std::string &out, std::string &error);

}  // namespace kestra::detail
