# Warnings as errors on our own code only: generated protobuf code and system headers are exempt.
function(greenlane_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wno-missing-field-initializers)
endfunction()
