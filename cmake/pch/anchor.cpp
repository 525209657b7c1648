// Compiles the precompiled headers of cmake/GreenlanePrecompiledHeaders.cmake; nothing else.
