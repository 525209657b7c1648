greenlane_fuzz(NAME instruments_vanta_fuzz SOURCES "${CMAKE_CURRENT_LIST_DIR}/instruments_vanta_fuzz.cpp"
               LIBS greenlane::instruments)
