# Precompiled headers. Almost every translation unit includes the same heavy headers (gRPC,
# protobuf, libpqxx, Beast, nlohmann/json; Catch2 in tests), and parsing them is most of the
# compile time: a cold build on CI's 2 cores spends its minutes there. Two anchor targets compile
# them once; every target of ours then reuses the anchor's header (REUSE_FROM) after the tree is
# configured. The headers only add declarations, so a translation unit means the same with or
# without them; where GCC cannot use the precompiled file it reads the headers as usual.
#
# GCC uses a precompiled header only when the macros it was built with are defined the same way, so
# the few that imported targets set on some of our targets and not others are set on all of them.
#
# Through a precompiled header GCC 12 reports its known false positives of -Warray-bounds,
# -Wrestrict and -Wstringop-overflow inside libstdc++'s inlined std::string code (GCC bugs 105329,
# 105651), which it keeps quiet otherwise; they are off where the header is reused. Configure with
# -DGREENLANE_PCH=OFF for a build without precompiled headers, and so with those warnings.
option(GREENLANE_PCH "Precompile the heavy third-party headers once and reuse them in every target" ON)
if(NOT GREENLANE_PCH)
  function(greenlane_reuse_precompiled_headers dir)
  endfunction()
  return()
endif()
add_compile_options(-pthread)
add_compile_definitions(BOOST_ALL_NO_LIB)

set(GREENLANE_PCH_HEADERS
  <grpcpp/grpcpp.h> <google/protobuf/message.h> <google/protobuf/util/json_util.h> <pqxx/pqxx>
  <boost/beast/http.hpp> <boost/asio.hpp> <nlohmann/json.hpp>
  <algorithm> <chrono> <functional> <map> <memory> <optional> <string> <string_view> <vector>)

function(greenlane_pch_anchor name)
  add_library(${name} STATIC "${PROJECT_SOURCE_DIR}/cmake/pch/anchor.cpp")
  target_link_libraries(${name} PRIVATE gRPC::grpc++ protobuf::libprotobuf PkgConfig::PQXX Boost::headers
                                        nlohmann_json::nlohmann_json ${ARGN})
  greenlane_warnings(${name})
endfunction()

# Every library and executable of ours under `dir` (recursively) reuses the anchor of its kind:
# the test anchor under tests/, the plain one elsewhere.
function(greenlane_reuse_precompiled_headers dir)
  if(dir MATCHES "/tests/fuzz$")
    return()  # clang with libFuzzer's flags: a GCC-style shared header would not match them
  endif()
  get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    if(NOT type MATCHES "^(STATIC_LIBRARY|EXECUTABLE)$" OR target MATCHES "^greenlane_pch")
      continue()
    endif()
    get_target_property(sources ${target} SOURCES)
    list(FILTER sources INCLUDE REGEX "\\.(cpp|cc)$")
    if(NOT sources)
      continue()
    endif()
    # Should a target's flags still differ, GCC reads the headers as usual: slower, never wrong.
    target_compile_options(${target} PRIVATE -Wno-error=invalid-pch -Wno-array-bounds -Wno-restrict
                                             -Wno-stringop-overflow)
    if(dir MATCHES "^${PROJECT_SOURCE_DIR}/tests")
      target_precompile_headers(${target} REUSE_FROM greenlane_pch_tests)
    else()
      target_precompile_headers(${target} REUSE_FROM greenlane_pch)
    endif()
  endforeach()
  get_property(children DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(child IN LISTS children)
    greenlane_reuse_precompiled_headers("${child}")
  endforeach()
endfunction()

greenlane_pch_anchor(greenlane_pch)
target_precompile_headers(greenlane_pch PRIVATE ${GREENLANE_PCH_HEADERS})
if(GREENLANE_BUILD_TESTS)
  greenlane_pch_anchor(greenlane_pch_tests Catch2::Catch2)
  target_precompile_headers(greenlane_pch_tests PRIVATE ${GREENLANE_PCH_HEADERS} <catch2/catch.hpp>)
endif()
