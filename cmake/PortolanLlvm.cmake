# How programs get Clang and LLVM. Plugins link neither (see plugins/sdk):
# they take both from the program that loads them.
#
# portolan::llvm-shared: Debian's libclang-cpp and libLLVM. The test
# programs, the KB compiler and the generators use it.
#
# portolan::llvm-static: Debian's static Clang and LLVM archives, linked into
# a position-dependent executable that exports its symbols to the plugins it
# loads. The portolan executable uses it unless PORTOLAN_STATIC_HOST is OFF:
# the shared libraries carry about 528,000 relocations that the dynamic
# loader applies at every start, 75 of the 100 ms a `portolan --version`
# took, which a rescan of an unchanged tree pays in full (bench/README.md).
option(PORTOLAN_STATIC_HOST
  "Link Clang and LLVM statically into the portolan executable (faster start)" ON)

# LLVM's include folder on Debian (/usr/lib/llvm-19/include) also holds what
# libc++abi-19-dev and libunwind-19-dev install there (cxxabi.h, unwind.h):
# on the include path, those shadow GCC's and break every file that includes
# <cxxabi.h> through libstdc++ or GoogleTest. The build sees only LLVM's and
# Clang's folders, through links in PORTOLAN_LLVM_INCLUDE_DIR.
set(PORTOLAN_LLVM_INCLUDE_DIR "${CMAKE_BINARY_DIR}/llvm-include")
file(MAKE_DIRECTORY "${PORTOLAN_LLVM_INCLUDE_DIR}")
foreach(dir IN LISTS LLVM_INCLUDE_DIRS CLANG_INCLUDE_DIRS)
  foreach(sub llvm llvm-c clang clang-c)
    if(IS_DIRECTORY "${dir}/${sub}" AND NOT EXISTS "${PORTOLAN_LLVM_INCLUDE_DIR}/${sub}")
      file(CREATE_LINK "${dir}/${sub}" "${PORTOLAN_LLVM_INCLUDE_DIR}/${sub}" SYMBOLIC)
    endif()
  endforeach()
endforeach()

# portolan::llvm-headers: LLVM's and Clang's headers and definitions, for the
# core libraries that use LLVM's ADT and Support without being programs.
add_library(portolan_llvm_headers INTERFACE)
add_library(portolan::llvm-headers ALIAS portolan_llvm_headers)
target_include_directories(portolan_llvm_headers SYSTEM INTERFACE "${PORTOLAN_LLVM_INCLUDE_DIR}")
target_compile_definitions(portolan_llvm_headers INTERFACE ${LLVM_DEFINITIONS})

add_library(portolan_llvm_shared INTERFACE)
add_library(portolan::llvm-shared ALIAS portolan_llvm_shared)
target_link_libraries(portolan_llvm_shared INTERFACE clang-cpp LLVM)

# Clang's archives, users before what they use. Debian's imported clang
# targets name the shared libLLVM as their dependency, so the archives are
# named by path and LLVM's components by their (static) imported targets.
set(PORTOLAN_CLANG_ARCHIVES
  clangTooling clangToolingCore clangFrontend clangDriver clangSerialization
  clangParse clangSema clangAnalysis clangASTMatchers clangAPINotes clangEdit
  clangRewrite clangFormat clangToolingInclusions clangDependencyScanning clangAST
  clangSupport clangLex clangBasic)
# What a plugin may use comes whole, not only the parts the host itself
# calls: the plugin contract is Clang's AST, matchers, lexer and basics, and
# LLVM's Support and Object libraries (docs/plugins.md).
set(PORTOLAN_PLUGIN_ARCHIVES clangASTMatchers clangAST clangLex clangBasic LLVMObject LLVMSupport)
llvm_map_components_to_libnames(PORTOLAN_LLVM_COMPONENT_LIBS
  support core option mc mcparser bitreader bitstreamreader profiledata
  frontendopenmp frontendhlsl frontendoffloading targetparser demangle
  windowsdriver binaryformat object textapi remarks irreader asmparser
  # UnitAnalysis initialises every target to parse MSVC __asm blocks.
  AllTargetsInfos AllTargetsDescs AllTargetsAsmParsers)

add_library(portolan_llvm_static INTERFACE)
add_library(portolan::llvm-static ALIAS portolan_llvm_static)
# One group, so that the archives' order does not matter; the flags appear
# once each, since CMake folds repeated link items into one.
set(whole "")
set(rest "")
foreach(lib ${PORTOLAN_CLANG_ARCHIVES} LLVMObject LLVMSupport)
  set(path "${LLVM_LIBRARY_DIR}/lib${lib}.a")
  if(NOT EXISTS "${path}")
    message(FATAL_ERROR "PORTOLAN_STATIC_HOST needs ${path} (Debian packages libclang-19-dev "
                        "and llvm-19-dev); or configure with -DPORTOLAN_STATIC_HOST=OFF")
  endif()
  if(lib IN_LIST PORTOLAN_PLUGIN_ARCHIVES)
    list(APPEND whole "${path}")
  elseif(lib MATCHES "^clang")
    list(APPEND rest "${path}")
  endif()
endforeach()
target_link_libraries(portolan_llvm_static INTERFACE
  -Wl,--start-group -Wl,--whole-archive ${whole} -Wl,--no-whole-archive ${rest}
  ${PORTOLAN_LLVM_COMPONENT_LIBS} -Wl,--end-group)
# Position-dependent: nothing for the loader to relocate. Exported: the
# plugins' Clang and LLVM symbols resolve to this copy.
target_link_options(portolan_llvm_static INTERFACE -no-pie -Wl,--export-dynamic)
