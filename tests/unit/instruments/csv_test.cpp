#include "greenlane/instruments/csv.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace greenlane::instruments;

namespace {

struct Row {
  std::size_t line;
  std::vector<std::string> fields;
};

// Every record of `text`, or the error message of the first failure.
std::vector<Row> ReadAll(std::string_view text, std::string* error = nullptr, CsvLimits limits = {}) {
  CsvReader reader(text, "t.csv", limits);
  CsvRecord record;
  std::vector<Row> rows;
  while (true) {
    auto got = reader.Next(record);
    if (!got.ok()) {
      if (error) *error = got.error().message;
      return rows;
    }
    if (!*got) return rows;
    rows.push_back({record.line, std::vector<std::string>(record.fields.begin(), record.fields.end())});
  }
}

std::string ErrorOf(std::string_view text, CsvLimits limits = {}) {
  std::string error;
  ReadAll(text, &error, limits);
  return error;
}

}  // namespace

TEST_CASE("quoted fields keep commas, doubled quotes and line breaks") {
  const auto rows = ReadAll("a,\"b, c\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,row\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].fields == std::vector<std::string>{"a", "b, c", "say \"hi\"", "two\nlines"});
  CHECK(rows[1].line == 3);  // the quoted line break counts as a line
  CHECK(rows[1].fields == std::vector<std::string>{"next", "row"});
}

TEST_CASE("BOM, sep= line, CRLF, blank lines and a missing final newline are tolerated") {
  const auto rows = ReadAll("\xEF\xBB\xBFsep=,\r\nh1,h2,\r\n\r\n1,2,\r\n3,4");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].line == 2);
  CHECK(rows[0].fields == std::vector<std::string>{"h1", "h2", ""});
  CHECK(rows[1].line == 4);
  CHECK(rows[2].fields == std::vector<std::string>{"3", "4"});
}

TEST_CASE("a quote inside an unquoted field is an ordinary character") {
  const auto rows = ReadAll("12\" pipe,x\n");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].fields[0] == "12\" pipe");
}

TEST_CASE("the tokenizer names line and column of what it rejects") {
  CHECK(ErrorOf("a,b\nc,\"never closed\nmore\n") ==
        "t.csv, line 2, column 2: quoted field opened here is never "
        "closed (missing closing \")");
  CHECK(ErrorOf("a,\"b\"x,c\n") == "t.csv, line 1, column 2: text after the closing quote of a quoted field");
  CHECK(ErrorOf(std::string("a,b\nc,d\0e\n", 10)) ==
        "t.csv, line 2, column 2: control byte 0x00 in the text: the file looks binary or damaged");
  CHECK(ErrorOf("a,b\rc\n") == "t.csv, line 1, column 2: carriage return not followed by a line feed");
  CHECK(ErrorOf("a,\xC3\x28\n") == "t.csv, line 1, column 2: text is not valid UTF-8");
  CHECK(ErrorOf("sep=;\na;b\n") ==
        "t.csv, line 1, column 1: separator line \"sep=;\" names a separator other than a comma");
}

TEST_CASE("records over the byte limit or the column limit are rejected") {
  const std::string long_line = std::string("a,b\n").append(70 * 1024, 'x').append("\n");
  CHECK(ErrorOf(long_line) == "t.csv, line 2, column 1: line longer than 65536 bytes, the limit per line");
  const std::string long_quoted = std::string(1, '"').append(70 * 1024, 'x').append("\"\n");
  CHECK(ErrorOf(long_quoted) == "t.csv, line 1, column 1: line longer than 65536 bytes, the limit per line");
  std::string wide = "h";
  for (int i = 0; i < 10'000; ++i) wide += ",";
  CHECK(ErrorOf(wide) == "t.csv, line 1, column 4097: more than 4096 columns");
  CHECK(ErrorOf("abcdef\n", CsvLimits{.max_record_bytes = 6, .max_columns = 10}).empty());
  CHECK_FALSE(ErrorOf("abcdefg\n", CsvLimits{.max_record_bytes = 6, .max_columns = 10}).empty());
}

TEST_CASE("a doubled quote at the byte limit does not run past it") {
  const std::string text = std::string(1, '"').append(4, 'x').append("\"\"").append(10, 'y').append("\"\n");
  CHECK(ErrorOf(text, CsvLimits{.max_record_bytes = 6, .max_columns = 10}) ==
        "t.csv, line 1, column 1: line longer than 6 bytes, the limit per line");
}
