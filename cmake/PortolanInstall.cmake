# What `cmake --install` puts where, and the Debian package `cpack -G DEB`
# builds from it. The installed layout is the build tree's: bin/ beside
# lib/portolan/plugins and share/portolan, which the executable finds
# relative to itself (PORTOLAN_PLUGIN_PATH and PORTOLAN_KB override).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# Plugins live in lib/portolan/plugins, not lib/<multiarch>: the host looks
# there relative to bin/.
set(PORTOLAN_INSTALL_PLUGINDIR "lib/portolan/plugins")
set(PORTOLAN_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/PortolanSDK")
set(PORTOLAN_BOOST_MIN 1.74)
# share/doc/portolan, lower case as Debian names it; the executable finds
# rules.md there for SARIF's helpUri (GNUInstallDirs would use "Portolan").
set(PORTOLAN_INSTALL_DOCDIR "${CMAKE_INSTALL_DATADIR}/doc/portolan")

install(TARGETS portolan portolan-kbc RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(TARGETS portolan-x86-intrinsics portolan-windows portolan-x86-files portolan-x86-code
                portolan-msvc portolan-portability
        LIBRARY DESTINATION "${PORTOLAN_INSTALL_PLUGINDIR}")
install(FILES "${PORTOLAN_KB_FILE}" DESTINATION "${CMAKE_INSTALL_DATADIR}/portolan")
# The knowledge base's sources, for portolan-kbc and for an organisation's
# own tiers and weights (docs/planning.md).
install(DIRECTORY knowledge-base/ DESTINATION "${CMAKE_INSTALL_DATADIR}/portolan/knowledge-base"
        FILES_MATCHING PATTERN "*.toml")
install(FILES README.md DESTINATION "${PORTOLAN_INSTALL_DOCDIR}")
install(DIRECTORY docs/ DESTINATION "${PORTOLAN_INSTALL_DOCDIR}" FILES_MATCHING PATTERN "*.md")
install(DIRECTORY examples/ DESTINATION "${PORTOLAN_INSTALL_DOCDIR}/examples")

# The plugin SDK: its header, the example plugin's sources, and a CMake
# package (find_package(PortolanSDK)) with portolan_add_plugin.
install(DIRECTORY plugins/sdk/include/ DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(DIRECTORY plugins/examples/acme-vision
        DESTINATION "${CMAKE_INSTALL_DATADIR}/portolan/examples/plugins")
configure_package_config_file(plugins/sdk/cmake/PortolanSDKConfig.cmake.in
  "${CMAKE_CURRENT_BINARY_DIR}/PortolanSDKConfig.cmake"
  INSTALL_DESTINATION "${PORTOLAN_INSTALL_CMAKEDIR}"
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR PORTOLAN_INSTALL_PLUGINDIR)
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/PortolanSDKConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}" COMPATIBILITY SameMinorVersion)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/PortolanSDKConfig.cmake"
              "${CMAKE_CURRENT_BINARY_DIR}/PortolanSDKConfigVersion.cmake"
              plugins/sdk/cmake/PortolanPlugin.cmake
        DESTINATION "${PORTOLAN_INSTALL_CMAKEDIR}")

# cpack -G DEB. Shared-library dependencies come from dpkg-shlibdeps; the
# rest are the headers every scan parses against: Clang's own (resource
# folder), the C and C++ libraries of Linux, mingw-w64's for Windows units,
# and libc++ for units that include what libstdc++ 12 lacks (<format>).
set(CPACK_PACKAGE_NAME "portolan")
set(CPACK_PACKAGE_VENDOR "Portolan")
set(CPACK_PACKAGE_CONTACT "Portolan maintainers <portolan@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "what ties C/C++ code to x86 and Windows, and what moving it costs")
set(CPACK_PACKAGE_DESCRIPTION
  "Portolan scans C and C++ code with Clang for x86 intrinsics, inline assembly,\nx86-only builtins, flags and Windows APIs, says what replaces each on ARM64,\nLoongArch and Sunway, and plans the migration of a portfolio of systems.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "portolan")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "libclang-common-${LLVM_VERSION_MAJOR}-dev, libc6-dev, libstdc++-12-dev, libc++-${LLVM_VERSION_MAJOR}-dev, libc++abi-${LLVM_VERSION_MAJOR}-dev, mingw-w64-x86-64-dev, g++-mingw-w64-x86-64-posix")
# --verify-target=aarch64 parses against Debian's arm64 cross headers.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libc6-dev-arm64-cross, libstdc++-12-dev-arm64-cross")
# Building a plugin against the SDK needs LLVM's, Clang's and Boost's headers.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS
  "llvm-${LLVM_VERSION_MAJOR}-dev, libclang-${LLVM_VERSION_MAJOR}-dev, libboost-dev, cmake")
set(CPACK_DEBIAN_COMPRESSION_TYPE "zstd")
set(CPACK_GENERATOR "DEB")
include(CPack)
