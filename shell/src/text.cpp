#include "text.hpp"

#include <kestra/kestra.h>

namespace emit {

std::string quote(std::string_view text) {
  std::string out(64, '\0');
  size_t n = kestra_quote_for_message(text.data(), text.size(), out.data(), out.size());
  if (n >= out.size()) {  // cut: ask again with room for all of it
    out.resize(n + 1);
    n = kestra_quote_for_message(text.data(), text.size(), out.data(), out.size());
  }
  out.resize(n);
  return out;
}

}  // namespace emit
