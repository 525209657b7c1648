#include "domain/roles.h"

#include <catch2/catch.hpp>

using namespace greenlane::api;

TEST_CASE("roles parse from a comma list and unknown roles are named") {
  auto roles = ParseRoles("trader, officer");
  REQUIRE(roles.ok());
  CHECK(*roles == std::vector<std::string>{"trader", "officer"});
  auto unknown = ParseRoles("trader,king");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message.find("'king'") != std::string::npos);
  CHECK_FALSE(ParseRoles("").ok());
  CHECK_FALSE(ParseRoles("admin,admin").ok());
}

TEST_CASE("a route's roles allow any client holding one of them") {
  CHECK(RoleAllowed({"trader"}, {}));
  CHECK(RoleAllowed({"trader", "officer"}, {"officer"}));
  CHECK_FALSE(RoleAllowed({"trader"}, {"admin"}));
  CHECK_FALSE(RoleAllowed({}, {"admin"}));
}
