# Warnings as errors on our own code only: generated protobuf code and system headers are exempt.
function(greenlane_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wno-missing-field-initializers)
  if(GREENLANE_SANITIZE)
    # GCC 12's flow analysis gives false maybe-uninitialized warnings inside libstdc++ (<regex>,
    # std::function) once ASan instruments the code.
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
  endif()
endfunction()
