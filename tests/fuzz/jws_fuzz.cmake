greenlane_fuzz(NAME jws_fuzz SOURCES "${CMAKE_CURRENT_LIST_DIR}/jws_fuzz.cpp" LIBS greenlane::security)
