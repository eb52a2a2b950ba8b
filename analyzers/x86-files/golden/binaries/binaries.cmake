# Builds the prebuilt binaries the x86-files tests read, instead of keeping
# binaries in the repository: one tiny library for x86-64, i386 and AArch64,
# as ELF, COFF, an archive, an import library and LLVM bitcode, laid out as
# a project with per-architecture folders would be.
#
# Sets X86_FILES_BINARY_TREE (the root of that tree) and the target
# x86-files-binaries.
set(X86_FILES_BINARY_TREE "${CMAKE_CURRENT_BINARY_DIR}/x86-files-binaries")
set(src "${CMAKE_CURRENT_LIST_DIR}")
set(out "${X86_FILES_BINARY_TREE}/prebuilt")

find_program(X86_FILES_CLANG NAMES clang clang-${LLVM_VERSION_MAJOR}
  PATHS "${LLVM_TOOLS_BINARY_DIR}" NO_DEFAULT_PATH)
find_program(X86_FILES_AR NAMES llvm-ar PATHS "${LLVM_TOOLS_BINARY_DIR}" NO_DEFAULT_PATH)
find_program(X86_FILES_DLLTOOL NAMES llvm-dlltool PATHS "${LLVM_TOOLS_BINARY_DIR}" NO_DEFAULT_PATH)
find_program(X86_FILES_LLD NAMES ld.lld-${LLVM_VERSION_MAJOR} ld.lld)
foreach(tool X86_FILES_CLANG X86_FILES_AR X86_FILES_DLLTOOL X86_FILES_LLD)
  if(NOT ${tool})
    message(WARNING "${tool} not found: the x86-files binary tests will fail")
  endif()
endforeach()

set(outputs
  "${out}/linux-x86_64/kernel.o" "${out}/linux-x86_64/table.o"
  "${out}/linux-x86_64/libkernel.a" "${out}/linux-x86_64/libkernel.so"
  "${out}/linux-aarch64/kernel.o" "${out}/win64/kernel.obj"
  "${out}/win32/kernel.lib" "${out}/arm64/kernel.lib" "${out}/lto/kernel.o")
add_custom_command(OUTPUT ${outputs}
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${out}/linux-x86_64" "${out}/linux-aarch64"
          "${out}/win64" "${out}/win32" "${out}/arm64" "${out}/lto"
  COMMAND "${X86_FILES_CLANG}" --target=x86_64-linux-gnu -c "${src}/kernel.c"
          -o "${out}/linux-x86_64/kernel.o"
  COMMAND "${X86_FILES_CLANG}" --target=x86_64-linux-gnu -c "${src}/table.c"
          -o "${out}/linux-x86_64/table.o"
  COMMAND "${CMAKE_COMMAND}" -E rm -f "${out}/linux-x86_64/libkernel.a"
  COMMAND "${X86_FILES_AR}" rcs "${out}/linux-x86_64/libkernel.a"
          "${out}/linux-x86_64/kernel.o" "${out}/linux-x86_64/table.o"
  COMMAND "${X86_FILES_CLANG}" --target=x86_64-linux-gnu -shared -nostdlib -fPIC
          "--ld-path=${X86_FILES_LLD}" "${src}/kernel.c" -o "${out}/linux-x86_64/libkernel.so"
  COMMAND "${X86_FILES_CLANG}" --target=aarch64-linux-gnu -c "${src}/kernel.c"
          -o "${out}/linux-aarch64/kernel.o"
  COMMAND "${X86_FILES_CLANG}" --target=x86_64-pc-windows-msvc -c "${src}/kernel.c"
          -o "${out}/win64/kernel.obj"
  COMMAND "${X86_FILES_DLLTOOL}" -m i386 -d "${src}/kernel.def" -l "${out}/win32/kernel.lib"
  COMMAND "${X86_FILES_DLLTOOL}" -m arm64 -d "${src}/kernel.def" -l "${out}/arm64/kernel.lib"
  COMMAND "${X86_FILES_CLANG}" --target=x86_64-linux-gnu -flto -c "${src}/kernel.c"
          -o "${out}/lto/kernel.o"
  DEPENDS "${src}/kernel.c" "${src}/table.c" "${src}/kernel.def"
  COMMENT "Building the x86-files test binaries"
  VERBATIM)
add_custom_target(x86-files-binaries DEPENDS ${outputs})
