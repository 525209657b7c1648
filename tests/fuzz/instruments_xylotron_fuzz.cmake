greenlane_fuzz(NAME instruments_xylotron_fuzz SOURCES "${CMAKE_CURRENT_LIST_DIR}/instruments_xylotron_fuzz.cpp"
               LIBS greenlane::instruments)
