greenlane_fuzz(NAME cites_xml_fuzz
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/cites_xml_fuzz.cpp
  LIBS greenlane_cites_xml)
