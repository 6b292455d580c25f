// How long the core takes to format a line into its buffer (no I/O): a counter
// with one tag, outputs with 10 keys, a 1 MB outputs object built value by value,
// and the same 1 MB read from a JSON text.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "kestra/kestra.h"

namespace {

void finish_and_keep(kestra_record *r, benchmark::State &state) {
  if (kestra_record_finish(r) != KESTRA_OK) state.SkipWithError(kestra_record_error(r));
  size_t len = 0;
  benchmark::DoNotOptimize(kestra_record_line(r, &len));
}

void BM_CounterOneTag(benchmark::State &state) {
  kestra_record *r = kestra_record_new();
  int64_t i = 0;
  for (auto _ : state) {
    kestra_record_begin_metric(r, KESTRA_METRIC_COUNTER, "rows_processed", 14);
    kestra_record_int64(r, ++i);
    kestra_record_key(r, "table", 5);
    kestra_record_string(r, "users", 5);
    finish_and_keep(r, state);
  }
  kestra_record_free(r);
}
BENCHMARK(BM_CounterOneTag);

void BM_OutputsTenKeys(benchmark::State &state) {
  kestra_record *r = kestra_record_new();
  const char *keys[] = {"status",  "rows", "ratio",   "table", "ok",
                        "started", "host", "retries", "bytes", "note"};
  for (auto _ : state) {
    kestra_record_begin_outputs(r);
    kestra_record_begin_object(r, nullptr);
    for (int k = 0; k < 10; ++k) {
      kestra_record_key(r, keys[k], KESTRA_CSTR);
      switch (k % 4) {
        case 0: kestra_record_string(r, "finished normally", 17); break;
        case 1: kestra_record_int64(r, 123456789); break;
        case 2: kestra_record_double(r, 0.75); break;
        default: kestra_record_bool(r, 1); break;
      }
    }
    kestra_record_end_object(r);
    finish_and_keep(r, state);
  }
  kestra_record_free(r);
}
BENCHMARK(BM_OutputsTenKeys);

// About 1 MB: 10,000 rows of {"id": n, "name": "...", "score": x.y}.
void build_megabyte(kestra_record *r) {
  kestra_record_begin_outputs(r);
  kestra_record_begin_object(r, nullptr);
  kestra_record_key(r, "rows", 4);
  kestra_record_begin_array(r, nullptr);
  for (int i = 0; i < 10000; ++i) {
    kestra_record_begin_object(r, nullptr);
    kestra_record_key(r, "id", 2);
    kestra_record_int64(r, i);
    kestra_record_key(r, "name", 4);
    kestra_record_string(r, "customer name with some text, caf\xc3\xa9 included", KESTRA_CSTR);
    kestra_record_key(r, "score", 5);
    kestra_record_double(r, i * 0.37);
    kestra_record_end_object(r);
  }
  kestra_record_end_array(r);
  kestra_record_end_object(r);
}

void BM_OutputsOneMegabyte(benchmark::State &state) {
  kestra_record *r = kestra_record_new();
  size_t bytes = 0;
  for (auto _ : state) {
    build_megabyte(r);
    finish_and_keep(r, state);
    kestra_record_line(r, &bytes);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  kestra_record_free(r);
}
BENCHMARK(BM_OutputsOneMegabyte);

void BM_OutputsOneMegabyteFromJsonText(benchmark::State &state) {
  kestra_record *r = kestra_record_new();
  build_megabyte(r);
  kestra_record_finish(r);
  size_t len = 0;
  const char *line = kestra_record_line(r, &len);
  // The object inside ::{"outputs":…}::\n
  const std::string text(line + 13, len - 13 - 4);
  for (auto _ : state) {
    kestra_record_begin_outputs(r);
    kestra_record_json(r, text.data(), text.size());
    finish_and_keep(r, state);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  kestra_record_free(r);
}
BENCHMARK(BM_OutputsOneMegabyteFromJsonText);

}  // namespace

BENCHMARK_MAIN();
