// Symbol IDs and local symbol tables in the Ion reader (kestra/ion.h): what
// $1-$9 mean (Ion 1.0's system symbol table), the tables declared by top-level
// $ion_symbol_table::{...} structs (appended, replaced, shared imports without a
// catalog), the version marker, and the errors for IDs without text.
#include <gtest/gtest.h>

#include <string>

#include "kestra/ion.h"

namespace {

// Every JSON line of `text`, then "<kind>: <message>" when reading fails.
std::string read_json(const std::string &text, unsigned flags = KESTRA_ION_KESTRA_READ) {
  kestra_ion_reader *r = kestra_ion_reader_new();
  kestra_ion_reader_open_buffer(r, text.data(), text.size(), flags);
  std::string out;
  for (;;) {
    const char *line;
    size_t len;
    kestra_result res = kestra_ion_reader_next_json(r, &line, &len);
    if (res != KESTRA_OK) {
      out += std::string(kestra_result_name(res)) + ": " + kestra_ion_reader_error(r);
      break;
    }
    if (len == 0) break;
    out.append(line, len);
  }
  kestra_ion_reader_free(r);
  return out;
}

std::string undefined_past_9(const std::string &what) {
  return what +
         " is not a defined symbol ID: the symbol table in effect ends at $9 (the system symbols; a "
         "$ion_symbol_table::{symbols:[...]} defines more)";
}

TEST(IonSymbols, SystemSymbolsAsValuesFieldNamesAndAnnotations) {
  // Ion 1.0's system symbol table, in order.
  EXPECT_EQ(read_json("{a:[$1, $2, $3, $4, $5, $6, $7, $8, $9]}"),
            "{\"a\":[\"$ion\",\"$ion_1_0\",\"$ion_symbol_table\",\"name\",\"version\",\"imports\","
            "\"symbols\",\"max_id\",\"$ion_shared_symbol_table\"]}\n");
  EXPECT_EQ(read_json("{$4:1, b:$7::$5, c:($4 + $6)}"),
            "{\"name\":1,\"b\":\"version\",\"c\":[\"name\",\"+\",\"imports\"]}\n");
  // The grammar's symbol ID is '$' and digits: leading zeros are the same ID.
  EXPECT_EQ(read_json("{a:$004}"), "{\"a\":\"name\"}\n");

  kestra_ion_reader *r = kestra_ion_reader_new();
  std::string text = "$4::$3::{$5:$6}";
  kestra_ion_reader_open_buffer(r, text.data(), text.size(), KESTRA_ION_DEFAULT);
  kestra_ion_event e;
  ASSERT_EQ(kestra_ion_reader_next(r, &e), KESTRA_OK);
  ASSERT_EQ(kestra_ion_reader_annotation_count(r), 2u);
  EXPECT_STREQ(kestra_ion_reader_annotation(r, 0, nullptr), "name");
  // Not a symbol table: that is the first annotation only.
  EXPECT_STREQ(kestra_ion_reader_annotation(r, 1, nullptr), "$ion_symbol_table");
  ASSERT_EQ(kestra_ion_reader_next(r, &e), KESTRA_OK);
  EXPECT_STREQ(kestra_ion_reader_field_name(r, nullptr), "version");
  EXPECT_EQ(kestra_ion_reader_type(r), KESTRA_ION_SYMBOL);
  EXPECT_STREQ(kestra_ion_reader_text(r, nullptr), "imports");
  kestra_ion_reader_free(r);
}

TEST(IonSymbols, QuotedSymbolsAndStringsAreText) {
  EXPECT_EQ(read_json("{'$4':'$10', \"$5\":$4a, c:'$0', d:$}"),
            "{\"$4\":\"$10\",\"$5\":\"$4a\",\"c\":\"$0\",\"d\":\"$\"}\n");
}

TEST(IonSymbols, LocalTableDefinesIdsFromTenAndIsNoRow) {
  EXPECT_EQ(read_json("$ion_symbol_table::{symbols:[\"x\", \"y\", '''long ''' '''one''']}\n"
                      "{$10:$11, z:$12::$12}\n{a:$11}"),
            "{\"x\":\"y\",\"z\":\"long one\"}\n{\"a\":\"y\"}\n");
  // In the event API too the table is no value.
  kestra_ion_reader *r = kestra_ion_reader_new();
  std::string text = "$ion_symbol_table::{symbols:[\"x\"]} $10";
  kestra_ion_reader_open_buffer(r, text.data(), text.size(), KESTRA_ION_DEFAULT);
  kestra_ion_event e;
  ASSERT_EQ(kestra_ion_reader_next(r, &e), KESTRA_OK);
  ASSERT_EQ(e, KESTRA_ION_EVENT_VALUE);
  EXPECT_EQ(kestra_ion_reader_depth(r), 0u);
  EXPECT_STREQ(kestra_ion_reader_text(r, nullptr), "x");
  ASSERT_EQ(kestra_ion_reader_next(r, &e), KESTRA_OK);
  EXPECT_EQ(e, KESTRA_ION_EVENT_END);
  kestra_ion_reader_free(r);
}

TEST(IonSymbols, NonStringEntriesAreSlotsOfUnknownText) {
  std::string table = "$ion_symbol_table::{symbols:[\"x\", 1, null.string, [\"q\"], sym, \"z\"]}\n";
  EXPECT_EQ(read_json(table + "{a:$10, b:$15}"), "{\"a\":\"x\",\"b\":\"z\"}\n");
  EXPECT_EQ(read_json(table + "{a:$10}\n{b:$12}"),
            "{\"a\":\"x\"}\nsyntax: line 3, column 4: the symbol $12 has no text: entry 3 of the symbols of "
            "the local symbol table at line 1 is not a string");
  EXPECT_EQ(read_json(table + "{$11:1}"),
            "syntax: line 2, column 2: the field name $11 has no text: entry 2 of the symbols of the local "
            "symbol table at line 1 is not a string");
  // An empty string is text.
  EXPECT_EQ(read_json("$ion_symbol_table::{symbols:[\"\"]} {a:$10}"), "{\"a\":\"\"}\n");
}

TEST(IonSymbols, ANewTableReplacesTheOldOneUnlessItImportsIt) {
  std::string first = "$ion_symbol_table::{symbols:[\"x\", \"w\"]}\n";
  EXPECT_EQ(read_json(first + "$ion_symbol_table::{symbols:[\"y\"]}\n{a:$10}\n{b:$11}"),
            "{\"a\":\"y\"}\nsyntax: line 4, column 4: the symbol $11 is not a defined symbol ID: the symbol "
            "table in effect ends at $10");
  // imports: $ion_symbol_table appends, wherever it is in the struct.
  EXPECT_EQ(
      read_json(first +
                "$ion_symbol_table::{symbols:[\"y\"], imports:$ion_symbol_table}\n{a:$10, b:$11, c:$12}"),
      "{\"a\":\"x\",\"b\":\"w\",\"c\":\"y\"}\n");
  EXPECT_EQ(read_json(first + "$ion_symbol_table::{imports:$3, symbols:[\"y\"]} {c:$12}"), "{\"c\":\"y\"}\n");
  // Appends add up; any other imports value starts from the system table.
  EXPECT_EQ(
      read_json(first + "$ion_symbol_table::{imports:$ion_symbol_table, symbols:[\"y\"]}\n"
                        "$ion_symbol_table::{imports:$ion_symbol_table, symbols:[\"v\"]} {a:$13, b:$10}"),
      "{\"a\":\"v\",\"b\":\"x\"}\n");
  EXPECT_EQ(read_json(first + "$ion_symbol_table::{imports:\"$ion_symbol_table\", symbols:[\"y\"]} {a:$10}"),
            "{\"a\":\"y\"}\n");
  EXPECT_EQ(read_json(first + "$ion_symbol_table::{imports:[], symbols:[\"y\"]} {a:$10}"), "{\"a\":\"y\"}\n");
  // A table with no symbols (or symbols that are not a list) defines none.
  EXPECT_EQ(read_json(first + "$ion_symbol_table::{symbols:(\"y\")} {a:$10}"),
            "syntax: line 2, column 39: " + undefined_past_9("the symbol $10"));
}

TEST(IonSymbols, IdsInsideATableResolveThroughThePreviousTable) {
  // $10 and $11 of the first table name the fields of the second.
  EXPECT_EQ(read_json("$ion_symbol_table::{symbols:[\"imports\", \"symbols\"]}\n"
                      "$ion_symbol_table::{$10:$ion_symbol_table, $11:[\"w\"]}\n{a:$12, b:$10}"),
            "{\"a\":\"w\",\"b\":\"imports\"}\n");
  // Its own symbols do not resolve in it; values without text there are skipped.
  EXPECT_EQ(read_json("$ion_symbol_table::{symbols:[\"x\"], other:[$10, $0, {k:$99}], $0:1} {a:$10}"),
            "{\"a\":\"x\"}\n");
  EXPECT_EQ(read_json("$ion_symbol_table::{symbols:[$10, $0, \"x\"]} {a:$12}"), "{\"a\":\"x\"}\n");
  // A field name that is no defined ID fails there too.
  EXPECT_EQ(read_json("$ion_symbol_table::{$99:1}"),
            "syntax: line 1, column 21: " + undefined_past_9("the field name $99"));
}

TEST(IonSymbols, OnlyATopLevelStructFirstAnnotatedIsATable) {
  // Nested, or with another first annotation, or null: data.
  EXPECT_EQ(read_json("{a:$ion_symbol_table::{symbols:[\"q\"]}}"), "{\"a\":{\"symbols\":[\"q\"]}}\n");
  EXPECT_EQ(read_json("[$ion_symbol_table::{symbols:[\"q\"]}]", KESTRA_ION_DEFAULT),
            "[{\"symbols\":[\"q\"]}]\n");
  EXPECT_EQ(read_json("foo::$ion_symbol_table::{symbols:[\"q\"]}"), "{\"symbols\":[\"q\"]}\n");
  EXPECT_EQ(read_json("$ion_symbol_table::null.struct {a:1}"),
            "type: line 1, column 20: row 1 is a null.struct, not a struct (each row of a Kestra file is a "
            "struct)");
  EXPECT_EQ(read_json("$ion_symbol_table::[\"q\"]", KESTRA_ION_DEFAULT), "[\"q\"]\n");
  // The first annotation written as $3, and more annotations after it: a table.
  EXPECT_EQ(read_json("$3::{symbols:[\"x\"]} $ion_symbol_table::other::{symbols:[\"y\"]} {a:$10}"),
            "{\"a\":\"y\"}\n");
}

TEST(IonSymbols, TheVersionMarkerResetsTheTable) {
  std::string table = "$ion_symbol_table::{symbols:[\"x\"]}\n";
  EXPECT_EQ(read_json(table + "{a:$10}\n$ion_1_0\n{b:$10}"),
            "{\"a\":\"x\"}\nsyntax: line 4, column 4: " + undefined_past_9("the symbol $10"));
  // The same text quoted, or as $2, is no marker: skipped, the table stays.
  EXPECT_EQ(read_json(table + "'$ion_1_0' $2 {a:$10}"), "{\"a\":\"x\"}\n");
  // Annotated, or below the top level, it is a value.
  EXPECT_EQ(read_json("a::$ion_1_0 [$ion_1_0]", KESTRA_ION_DEFAULT), "\"$ion_1_0\"\n[\"$ion_1_0\"]\n");
  // Another version's marker fails; quoted, it is a symbol.
  EXPECT_EQ(read_json("{a:1}\n$ion_1_1 {b:2}"),
            "{\"a\":1}\nsyntax: line 2, column 1: the version marker '$ion_1_1' is not Ion 1.0, the only "
            "version read");
  EXPECT_EQ(read_json("$ion_2_0"),
            "syntax: line 1, column 1: the version marker '$ion_2_0' is not Ion 1.0, "
            "the only version read");
  EXPECT_EQ(read_json("'$ion_1_1' $ion_1 $ion_1_0x", KESTRA_ION_DEFAULT),
            "\"$ion_1_1\"\n\"$ion_1\"\n\"$ion_1_0x\"\n");
}

TEST(IonSymbols, SharedImportsTakeMaxIdSlotsOfUnknownText) {
  std::string table =
      "$ion_symbol_table::{imports:[{name:\"com.example\", version:2, max_id:3}, 7, {name:\"$ion\", "
      "max_id:2}],"
      " symbols:[\"y\"]}\n";
  // $10-$12 are com.example's, $13-$14 the system table's first two, $15 y.
  EXPECT_EQ(read_json(table + "{a:$13, b:$14, c:$15}"), "{\"a\":\"$ion\",\"b\":\"$ion_1_0\",\"c\":\"y\"}\n");
  EXPECT_EQ(read_json(table + "{a:$11}"),
            "syntax: line 2, column 4: the symbol $11 has no text: it is symbol 2 of the shared symbol table "
            "'com.example' version 2, imported without its definition (no catalog of shared tables is read)");
  // As an annotation, an ID without text is kept (rows drop annotations).
  EXPECT_EQ(read_json(table + "{a:$11::1}"), "{\"a\":1}\n");
  // "$ion" without max_id is the whole system table; past it, no text.
  EXPECT_EQ(
      read_json("$ion_symbol_table::{imports:[{name:\"$ion\"}, {name:\"$ion\", version:1, max_id:10}]}"
                " {a:$18, b:$19, c:$28}"),
      "syntax: line 1, column 100: the symbol $28 has no text: it is symbol 10 of the shared symbol table "
      "'$ion' version 1, the system table, which has 9");
  // A version that is not an int >= 1 is 1.
  EXPECT_EQ(
      read_json("$ion_symbol_table::{imports:[{name:\"t\", version:0, max_id:1}]} {a:$10}"),
      "syntax: line 1, column 67: the symbol $10 has no text: it is symbol 1 of the shared symbol table "
      "'t' version 1, imported without its definition (no catalog of shared tables is read)");
}

TEST(IonSymbols, AnImportNeedsANameAndAMaxId) {
  const std::string no_max_id =
      "has no max_id (an int >= 0); without a catalog of shared tables its size is unknown";
  EXPECT_EQ(read_json("{a:1}\n$ion_symbol_table::{imports:[{name:\"t\", version:3}]}"),
            "{\"a\":1}\nsyntax: line 2, column 30: the import of the shared symbol table 't' version 3 " +
                no_max_id);
  EXPECT_EQ(read_json("$ion_symbol_table::{imports:[{name:\"t\", max_id:-1}]}"),
            "syntax: line 1, column 30: the import of the shared symbol table 't' version 1 " + no_max_id);
  EXPECT_EQ(read_json("$ion_symbol_table::{imports:[{name:\"t\", max_id:1e0}]}"),
            "syntax: line 1, column 30: the import of the shared symbol table 't' version 1 " + no_max_id);
  EXPECT_EQ(read_json("$ion_symbol_table::{imports:[{name:t, max_id:1}]}"),
            "syntax: line 1, column 30: an import of a local symbol table has no name (a string)");
  EXPECT_EQ(read_json("$ion_symbol_table::{imports:[{name:\"t\", max_id:1, max_id:2}]}"),
            "syntax: line 1, column 58: an import of a local symbol table has a second 'max_id' field");
  // Symbol IDs stop at 2^31 - 1, as in ion-c.
  EXPECT_EQ(read_json("$ion_symbol_table::{imports:[{name:\"t\", max_id:2147483648}]}"),
            "limit: line 1, column 48: an import's max_id past 2147483647");
  EXPECT_EQ(
      read_json(
          "$ion_symbol_table::{imports:[{name:\"t\", max_id:2147483637}], symbols:[\"x\"]} {a:$2147483647}"),
      "{\"a\":\"x\"}\n");
  EXPECT_EQ(
      read_json("$ion_symbol_table::{imports:[{name:\"t\", max_id:2147483637}], symbols:[\"x\", \"y\"]}"),
      "limit: line 1, column 20: a local symbol table past symbol ID $2147483647");
}

TEST(IonSymbols, ATableHasOneSymbolsAndOneImports) {
  EXPECT_EQ(read_json("$ion_symbol_table::{symbols:[\"x\"], symbols:[\"y\"]}"),
            "syntax: line 1, column 44: a local symbol table has a second 'symbols' field");
  EXPECT_EQ(read_json("$ion_symbol_table::{imports:$ion_symbol_table, $6:$ion_symbol_table}"),
            "syntax: line 1, column 51: a local symbol table has a second 'imports' field");
}

TEST(IonSymbols, SymbolZeroHasNoText) {
  const std::string why = " has no text: $0 is the symbol whose text is unknown";
  EXPECT_EQ(read_json("{a:1}\n{b:$0}"), "{\"a\":1}\nsyntax: line 2, column 4: the symbol $0" + why);
  EXPECT_EQ(read_json("{$0:1}"), "syntax: line 1, column 2: the field name $0" + why);
  EXPECT_EQ(read_json("{a:($0)}"), "syntax: line 1, column 5: the symbol $0" + why);
  // As an annotation it is read, as amazon.ion reads it; its text is NULL.
  EXPECT_EQ(read_json("$0::{a:$0::1}"), "{\"a\":1}\n");
  kestra_ion_reader *r = kestra_ion_reader_new();
  std::string text = "$0::a::1";
  kestra_ion_reader_open_buffer(r, text.data(), text.size(), KESTRA_ION_DEFAULT);
  kestra_ion_event e;
  ASSERT_EQ(kestra_ion_reader_next(r, &e), KESTRA_OK);
  ASSERT_EQ(kestra_ion_reader_annotation_count(r), 2u);
  size_t len = 99;
  EXPECT_EQ(kestra_ion_reader_annotation(r, 0, &len), nullptr);
  EXPECT_EQ(len, 0u);
  EXPECT_STREQ(kestra_ion_reader_annotation(r, 1, &len), "a");
  kestra_ion_reader_free(r);
}

TEST(IonSymbols, UndefinedIdsFailWithTheirPlace) {
  EXPECT_EQ(read_json("{a:1, b:$10}"), "syntax: line 1, column 9: " + undefined_past_9("the symbol $10"));
  EXPECT_EQ(read_json("{\n  $10: 1}"), "syntax: line 2, column 3: " + undefined_past_9("the field name $10"));
  EXPECT_EQ(read_json("{a:$10::1}"), "syntax: line 1, column 4: " + undefined_past_9("the annotation $10"));
  EXPECT_EQ(read_json("{a:(+ $10)}"), "syntax: line 1, column 7: " + undefined_past_9("the symbol $10"));
  // A long ID is cut in the message.
  EXPECT_EQ(read_json("{a:$99999999999999999999999999999999}"),
            "syntax: line 1, column 4: " + undefined_past_9("the symbol $99999999999999999999999..."));
}

TEST(IonSymbols, OpeningAgainStartsFromTheSystemTable) {
  kestra_ion_reader *r = kestra_ion_reader_new();
  std::string first = "$ion_symbol_table::{symbols:[\"x\"]} {a:$10}", second = "{a:$10}";
  const char *line;
  size_t len;
  kestra_ion_reader_open_buffer(r, first.data(), first.size(), KESTRA_ION_KESTRA_READ);
  ASSERT_EQ(kestra_ion_reader_next_json(r, &line, &len), KESTRA_OK);
  EXPECT_EQ(std::string(line, len), "{\"a\":\"x\"}\n");
  kestra_ion_reader_open_buffer(r, second.data(), second.size(), KESTRA_ION_KESTRA_READ);
  EXPECT_EQ(kestra_ion_reader_next_json(r, &line, &len), KESTRA_ERROR_SYNTAX);
  kestra_ion_reader_free(r);
}

}  // namespace
