// Help texts: overall and per command.
#ifndef KESTRA_EMIT_HELP_HPP
#define KESTRA_EMIT_HELP_HPP

#include <string_view>

namespace emit {

// Prints the help of `command` ("" for the overall help) on stdout; returns 0.
// Throws a usage Failure for an unknown command.
int print_help(std::string_view command);

}  // namespace emit

#endif
