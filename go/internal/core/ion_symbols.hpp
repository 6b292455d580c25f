// The symbol table in effect while reading Ion 1.0 text: what the symbol IDs
// ($1, $10, ...) of the text mean. It is the system table ($1-$9) followed by
// the slots of shared imports (no catalog here: their text is unknown, except
// the system table's own "$ion") and the local symbols declared by top-level
// $ion_symbol_table::{...} structs. Local symbols are stored in one pool, so a
// table of many small symbols costs a few bytes more than their text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kestra::detail {

class IonSymbolTable {
 public:
  static constexpr std::uint64_t kSystemMaxId = 9;
  // The largest symbol ID a table may define (ion-c's limit too); past it a
  // table is refused with KESTRA_ERROR_LIMIT.
  static constexpr std::uint64_t kMaxId = 2147483647;

  // One shared table imported by a local table.
  struct Import {
    std::string name;
    std::int64_t version = 1;
    std::uint64_t max_id = 0;
  };

  // The local symbols of one $ion_symbol_table struct, gathered before the
  // table takes effect (its own symbols do not resolve inside it).
  struct Locals {
    void add_text(std::string_view text);
    // An entry of `symbols` that is not a string: a slot of unknown text.
    void add_unknown();
    void clear();
    std::size_t size() const { return entries.size(); }

    struct Entry {
      std::uint64_t begin;  // into pool; for an unknown slot, the entry's index (1-based)
      std::uint64_t size;
      bool known;
    };
    std::string pool;
    std::vector<Entry> entries;
  };

  IonSymbolTable() { reset(); }

  // Back to the system table alone (a version marker, or a new table without
  // `imports: $ion_symbol_table`).
  void reset();
  // The last ID defined.
  std::uint64_t max_id() const { return max_id_; }

  // Adds a shared import's max_id slots. False when the table would pass kMaxId.
  bool add_import(Import import);
  // Adds a table's local symbols after the current ones (declared at `line`).
  // False when the table would pass kMaxId.
  bool add_locals(const Locals &locals, std::uint64_t line);

  // The text of `sid`: true with `text` (borrowed until the table changes).
  // False with `why` when the ID is 0, an unknown slot or past max_id();
  // `defined` tells the last case (false) from the others.
  bool find(std::uint64_t sid, std::string_view &text, bool &defined, std::string &why) const;

 private:
  struct ImportSlots {
    Import import;
    std::uint64_t first;  // its first ID
  };
  struct Local {
    std::uint64_t begin, size;  // into pool_ (unknown: index in its table's symbols)
    std::uint64_t line;         // where its table was declared
    bool known;
  };
  std::vector<ImportSlots> imports_;
  std::uint64_t imports_end_ = kSystemMaxId;  // the last ID of the imports
  std::string pool_;
  std::vector<Local> locals_;
  std::uint64_t max_id_ = kSystemMaxId;
};

// The text of system symbol `sid` (1 to 9).
std::string_view ion_system_symbol(std::uint64_t sid);

}  // namespace kestra::detail
