// The record a call builds its line in.
#pragma once

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <new>

#include "kestra/kestra.h"

namespace kestra_py {

// Records kept for reuse, so that a call allocates nothing. The GIL guards
// them (the module does not declare itself free-threading safe, so CPython
// keeps the GIL on while it is loaded). A record stays leased while its line
// is written with the GIL released, so other threads then take another one:
// there are as many as threads writing at once, up to `capacity` kept.
// Converting a value can run Python code (ndarray.tolist(), a __float__),
// which can itself log through Kestra: that nested call leases another one.
class RecordPool {
 public:
  kestra_record *take() {
    if (idle_ > 0) return records_[--idle_];
    kestra_record *r = kestra_record_new();
    if (r == nullptr) throw std::bad_alloc();
    return r;
  }
  void give_back(kestra_record *r) {
    if (idle_ < capacity) {
      records_[idle_++] = r;
    } else {
      kestra_record_free(r);
    }
  }

 private:
  static constexpr int capacity = 16;
  kestra_record *records_[capacity] = {};
  int idle_ = 0;
};
inline RecordPool record_pool;

// A record for the length of one call.
class Lease {
 public:
  Lease() : record_(record_pool.take()) {}
  ~Lease() { record_pool.give_back(record_); }
  Lease(const Lease &) = delete;
  Lease &operator=(const Lease &) = delete;
  kestra_record *get() const { return record_; }

 private:
  kestra_record *record_;
};

}  // namespace kestra_py
