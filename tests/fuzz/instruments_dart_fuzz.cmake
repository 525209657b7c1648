greenlane_fuzz(NAME instruments_dart_fuzz SOURCES "${CMAKE_CURRENT_LIST_DIR}/instruments_dart_fuzz.cpp"
               LIBS greenlane::instruments)
