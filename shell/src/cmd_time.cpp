// kestra-emit time NAME [--tag K=V]... [--description D] -- COMMAND [ARGS...]
//
// Runs COMMAND with stdin, stdout and stderr inherited, measures its wall time on
// the monotonic clock, emits it as a timer in seconds, and exits with its status
// (128+n for a signal n; 127 when it is not found and 126 when it cannot be
// executed, as shells do; no timer is emitted then).
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <string>

#include "commands.hpp"
#include "failure.hpp"
#include "help.hpp"
#include "metric.hpp"
#include "text.hpp"

namespace emit {
namespace {

volatile sig_atomic_t g_child = 0;

// SIGTERM and SIGHUP sent to kestra-emit alone (a task being killed) reach the child too.
void forward_signal(int sig) {
  if (g_child > 0) ::kill(static_cast<pid_t>(g_child), sig);
}

// Nanoseconds on the monotonic clock, as an integer so the difference is exact.
long long now_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

struct Dispositions {
  struct sigaction interrupt, quit, term, hangup;
};

// Like system(): while the child runs, a terminal's ^C or ^\ goes to the child (same
// process group) and must not kill us before the timer is written.
Dispositions install_handlers() {
  Dispositions old{};
  struct sigaction ignore {
  }, forward{};
  ignore.sa_handler = SIG_IGN;
  forward.sa_handler = forward_signal;
  sigemptyset(&ignore.sa_mask);
  sigemptyset(&forward.sa_mask);
  sigaction(SIGINT, &ignore, &old.interrupt);
  sigaction(SIGQUIT, &ignore, &old.quit);
  sigaction(SIGTERM, &forward, &old.term);
  sigaction(SIGHUP, &forward, &old.hangup);
  return old;
}

void restore_handlers(const Dispositions &old) {
  sigaction(SIGINT, &old.interrupt, nullptr);
  sigaction(SIGQUIT, &old.quit, nullptr);
  sigaction(SIGTERM, &old.term, nullptr);
  sigaction(SIGHUP, &old.hangup, nullptr);
}

// SIGTERM and SIGHUP are blocked from just before fork until g_child is set, so one
// that arrives in between is forwarded once unblocked instead of being lost (the
// child may exec before the parent runs again).
sigset_t block_forwarded_signals() {
  sigset_t forwarded, old;
  sigemptyset(&forwarded);
  sigaddset(&forwarded, SIGTERM);
  sigaddset(&forwarded, SIGHUP);
  sigprocmask(SIG_BLOCK, &forwarded, &old);
  return old;
}

// In the child: exec, or report errno through the close-on-exec pipe.
[[noreturn]] void exec_child(const Words &command, int report_fd, const Dispositions &old,
                             const sigset_t &old_mask) {
  restore_handlers(old);
  sigprocmask(SIG_SETMASK, &old_mask, nullptr);
  std::vector<std::string> storage(command.begin(), command.end());
  std::vector<char *> argv;
  for (std::string &s : storage) argv.push_back(s.data());
  argv.push_back(nullptr);
  ::execvp(argv[0], argv.data());
  const int error = errno;
  (void)!::write(report_fd, &error, sizeof error);
  ::_exit(127);
}

// The exec error the child reported, or 0 once exec succeeded (the pipe closed).
int exec_error(int report_fd) {
  int error = 0;
  for (;;) {
    const ssize_t n = ::read(report_fd, &error, sizeof error);
    if (n == static_cast<ssize_t>(sizeof error)) return error;
    if (n < 0 && errno == EINTR) continue;
    return 0;
  }
}

int wait_status(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw Failure{kFailed, std::string("time: waitpid: ") + std::strerror(errno)};
  }
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

Failure not_started(std::string_view program, int error) {
  if (error == ENOENT && program.find('/') == std::string_view::npos)
    return Failure{127, "time: " + quote(program) + ": command not found"};
  return Failure{error == ENOENT ? 127 : 126, "time: " + quote(program) + ": " + std::strerror(error)};
}

// Runs the command; returns its exit status and its wall time in *seconds.
int run(const Words &command, double *seconds) {
  int report[2];
  if (::pipe2(report, O_CLOEXEC) != 0)
    throw Failure{kFailed, std::string("time: pipe: ") + std::strerror(errno)};
  const Dispositions old = install_handlers();
  const sigset_t old_mask = block_forwarded_signals();
  const long long start = now_ns();
  const pid_t pid = ::fork();
  if (pid < 0) {
    sigprocmask(SIG_SETMASK, &old_mask, nullptr);
    restore_handlers(old);
    throw Failure{kFailed, std::string("time: fork: ") + std::strerror(errno)};
  }
  if (pid == 0) exec_child(command, report[1], old, old_mask);
  g_child = pid;
  sigprocmask(SIG_SETMASK, &old_mask, nullptr);  // a signal held meanwhile is forwarded now
  ::close(report[1]);
  const int error = exec_error(report[0]);
  ::close(report[0]);
  const int status = wait_status(pid);
  *seconds = static_cast<double>(now_ns() - start) / 1e9;
  g_child = 0;
  restore_handlers(old);
  if (error) throw not_started(command[0], error);
  return status;
}

}  // namespace

int cmd_time(const Words &words) {
  static const CommandSpec spec{"time", metric_option_specs(false), true};
  const Args args = parse_args(spec, words);
  if (args.help) return print_help("time");
  if (args.positionals.size() != 1)
    throw usage("time: expected NAME -- COMMAND [ARGS...], got " + std::to_string(args.positionals.size()) +
                " names before --");
  if (!args.has_rest || args.rest.empty()) throw usage("time: no command to run (give it after --)");
  const std::string_view name = args.positionals[0];
  const MetricOptions options = metric_options("time", args);

  // Check the name and tags before running anything, so a typo costs no run.
  Record r;
  begin_metric(r, KESTRA_METRIC_TIMER, name, 0.0);
  add_metric_options(r, options);
  r.check(kestra_record_finish(r.get()));

  double seconds = 0;
  const int status = run(args.rest, &seconds);
  begin_metric(r, KESTRA_METRIC_TIMER, name, seconds);
  add_metric_options(r, options);
  try {
    r.write();
  } catch (Failure &f) {
    f.status = status ? status : f.status;  // the command's failure matters more
    throw;
  }
  return status;
}

}  // namespace emit
