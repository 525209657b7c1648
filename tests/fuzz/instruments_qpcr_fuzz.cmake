greenlane_fuzz(NAME instruments_qpcr_fuzz SOURCES "${CMAKE_CURRENT_LIST_DIR}/instruments_qpcr_fuzz.cpp"
               LIBS greenlane::instruments)
