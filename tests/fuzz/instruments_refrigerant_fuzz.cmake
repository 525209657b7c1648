greenlane_fuzz(NAME instruments_refrigerant_fuzz SOURCES "${CMAKE_CURRENT_LIST_DIR}/instruments_refrigerant_fuzz.cpp"
               LIBS greenlane::instruments)
