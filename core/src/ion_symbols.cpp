#include "ion_symbols.hpp"

#include <algorithm>

#include "json_text.hpp"

namespace kestra::detail {

std::string_view ion_system_symbol(std::uint64_t sid) {
  static constexpr std::string_view names[] = {"$ion",    "$ion_1_0", "$ion_symbol_table",
                                               "name",    "version",  "imports",
                                               "symbols", "max_id",   "$ion_shared_symbol_table"};
  return sid >= 1 && sid <= IonSymbolTable::kSystemMaxId ? names[sid - 1] : std::string_view();
}

void IonSymbolTable::Locals::add_text(std::string_view text) {
  entries.push_back(Entry{pool.size(), text.size(), true});
  pool.append(text);
}

void IonSymbolTable::Locals::add_unknown() { entries.push_back(Entry{entries.size() + 1, 0, false}); }

void IonSymbolTable::Locals::clear() {
  pool.clear();
  entries.clear();
}

void IonSymbolTable::reset() {
  imports_.clear();
  imports_end_ = kSystemMaxId;
  pool_.clear();
  locals_.clear();
  max_id_ = kSystemMaxId;
}

bool IonSymbolTable::add_import(Import import) {
  // Imports come before local symbols: a table is built imports first.
  if (import.max_id > kMaxId - max_id_) return false;
  std::uint64_t first = max_id_ + 1;
  max_id_ += import.max_id;
  imports_end_ = max_id_;
  if (import.max_id > 0) imports_.push_back(ImportSlots{std::move(import), first});
  return true;
}

bool IonSymbolTable::add_locals(const Locals &locals, std::uint64_t line) {
  if (locals.size() > kMaxId - max_id_) return false;
  std::uint64_t base = pool_.size();
  pool_.append(locals.pool);
  locals_.reserve(locals_.size() + locals.size());
  for (const auto &e : locals.entries)
    locals_.push_back(Local{e.known ? base + e.begin : e.begin, e.size, line, e.known});
  max_id_ += locals.size();
  return true;
}

bool IonSymbolTable::find(std::uint64_t sid, std::string_view &text, bool &defined, std::string &why) const {
  defined = sid <= max_id_;
  if (sid == 0) {
    why = "$0 is the symbol whose text is unknown";
    return false;
  }
  if (!defined) {
    why =
        "the symbol table in effect ends at $" + std::to_string(max_id_) +
        (max_id_ == kSystemMaxId ? " (the system symbols; a $ion_symbol_table::{symbols:[...]} defines more)"
                                 : "");
    return false;
  }
  if (sid <= kSystemMaxId) {
    text = ion_system_symbol(sid);
    return true;
  }
  if (sid <= imports_end_) {
    auto it = std::upper_bound(imports_.begin(), imports_.end(), sid,
                               [](std::uint64_t s, const ImportSlots &i) { return s < i.first; });
    const ImportSlots &slots = *(it - 1);
    std::uint64_t index = sid - slots.first + 1;
    if (slots.import.name == "$ion" && index <= kSystemMaxId) {
      text = ion_system_symbol(index);
      return true;
    }
    why = "it is symbol " + std::to_string(index) + " of the shared symbol table " +
          quote_for_message(slots.import.name) + " version " + std::to_string(slots.import.version) +
          (slots.import.name == "$ion"
               ? ", the system table, which has 9"
               : ", imported without its definition (no catalog of shared tables is read)");
    return false;
  }
  const Local &local = locals_[sid - imports_end_ - 1];
  if (!local.known) {
    why = "entry " + std::to_string(local.begin) + " of the symbols of the local symbol table at line " +
          std::to_string(local.line) + " is not a string";
    return false;
  }
  text = std::string_view(pool_).substr(local.begin, local.size);
  return true;
}

}  // namespace kestra::detail
