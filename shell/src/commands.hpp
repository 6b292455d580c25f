// The commands of kestra-emit. Each takes the words after its name and returns
// the exit status, or throws a Failure.
#ifndef KESTRA_EMIT_COMMANDS_HPP
#define KESTRA_EMIT_COMMANDS_HPP

#include <string_view>
#include <vector>

#include "kestra/kestra.h"

namespace emit {

using Words = std::vector<std::string_view>;

int cmd_outputs(const Words &words);
int cmd_metric(kestra_metric_type type, const Words &words);  // counter, timer, gauge
int cmd_time(const Words &words);
int cmd_log(const Words &words);
int cmd_check(const Words &words);
int cmd_context(const Words &words);  // a value of the execution context
int cmd_show(const Words &words);     // cmd_show.cpp
int cmd_read(const Words &words);     // Ion rows as JSON Lines

}  // namespace emit

#endif
