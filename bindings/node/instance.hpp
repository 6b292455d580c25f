// Per-environment state of the addon, and the record each call borrows from it.
#pragma once

#include <napi.h>

#include <kestra/kestra.h>

#include <string>

namespace kestra_node {

// Per-environment state (main thread and each worker thread has its own).
struct Instance {
  kestra_record *record = kestra_record_new();
  bool busy = false;  // a toJSON or getter may call back into us mid-conversion
  // Object.keys, looked up once: it (enum cache) is several times faster than
  // napi_get_all_property_names, and gives the same keys in the same order.
  Napi::FunctionReference object_keys;
  // Map, Set, WeakMap and WeakSet, which JSON.stringify would write as {}: the
  // walk refuses them (kestra.h: an unconvertible value is a type error).
  Napi::FunctionReference collections[4];
  // JSON text copied out of V8, kept between calls: it only grows, so a large
  // text is neither zero-filled nor page-faulted in again on every call.
  std::string text;
  // The error classes of errors.js by kind (set by index.js through
  // setErrorClasses): an object { type: KestraTypeError, ... }.
  Napi::ObjectReference error_classes;
  ~Instance() { kestra_record_free(record); }
};

// Borrows the instance's record, or a fresh one when it is already in use by an
// outer call further up the JS stack (re-entrancy from toJSON).
class RecordLease {
 public:
  explicit RecordLease(Instance *inst) : inst_(inst) {
    if (inst_->busy) {
      own_ = kestra_record_new();
      record = own_;
    } else {
      inst_->busy = true;
      record = inst_->record;
    }
  }
  ~RecordLease() {
    if (own_)
      kestra_record_free(own_);
    else
      inst_->busy = false;
  }
  RecordLease(const RecordLease &) = delete;
  RecordLease &operator=(const RecordLease &) = delete;
  kestra_record *record;

 private:
  Instance *inst_;
  kestra_record *own_ = nullptr;
};

// The calling environment's state (set up by Init).
inline Instance *InstanceOf(const Napi::CallbackInfo &info) { return info.Env().GetInstanceData<Instance>(); }

}  // namespace kestra_node
