greenlane_fuzz(NAME http_request_fuzz
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/http_request_fuzz.cpp
  LIBS greenlane::http)
