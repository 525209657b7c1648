#include "domain/sync_record.h"

#include <catch2/catch.hpp>

using namespace greenlane::timber;

TEST_CASE("a synced record is signed over its version, device, sequence, kind and verbatim payload") {
  CHECK(SyncSigningInput("tablet-1", 42, "register_tree", R"({"barcode":"TR"})") ==
        "GLT1\ntablet-1\n42\nregister_tree\n{\"barcode\":\"TR\"}");
  // Moving a record to another device or sequence changes what was signed.
  CHECK(SyncSigningInput("tablet-1", 42, "fell_tree", "{}") != SyncSigningInput("tablet-2", 42, "fell_tree", "{}"));
  CHECK(SyncSigningInput("tablet-1", 4, "fell_tree", "{}") != SyncSigningInput("tablet-1", 42, "fell_tree", "{}"));
}
