# Use ccache when it is installed: rebuilds of an unchanged tree (CI, scripts/up twice) are then cheap.
find_program(GREENLANE_CCACHE ccache)
if(GREENLANE_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_C_COMPILER_LAUNCHER "${GREENLANE_CCACHE}")
  set(CMAKE_CXX_COMPILER_LAUNCHER "${GREENLANE_CCACHE}")
endif()
