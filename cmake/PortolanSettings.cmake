# Project-wide settings: language level, output layout and the shared warning
# interface target that every Portolan target links PRIVATE.
set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_CXX_VISIBILITY_PRESET hidden)
set(CMAKE_VISIBILITY_INLINES_HIDDEN ON)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

# The executable goes to bin/, built-in analyzer plugins to lib/portolan/plugins,
# which is where the host looks for them relative to its own path.
set(CMAKE_RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/bin")
set(CMAKE_LIBRARY_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/lib")
set(PORTOLAN_PLUGIN_OUTPUT_DIR "${CMAKE_BINARY_DIR}/lib/portolan/plugins")

add_library(portolan_warnings INTERFACE)
add_library(portolan::warnings ALIAS portolan_warnings)
target_compile_options(portolan_warnings INTERFACE
  -Wall -Wextra -Wno-unused-parameter -Wno-comment)
