# Release builds (scripts/package.sh sets KESTRA_PORTABLE=ON): binaries that take
# nothing from the target but the kernel (kestra-emit) or libc (libkestra.so), and
# CPack's .deb and .tar.gz of the installed tree (`cpack -G "DEB;TGZ"`).
if(KESTRA_PORTABLE)
  if(TARGET kestra-emit)
    # Fully static: runs in any image (distroless, alpine-like, an empty root),
    # and starts faster than a dynamically linked binary.
    target_link_options(kestra-emit PRIVATE -static)
  endif()
  # libkestra.so carries its C++ runtime, so C, Go, R, Ruby... callers need only libc.
  target_link_options(kestra PRIVATE -static-libstdc++ -static-libgcc)
endif()

if(NOT KESTRA_INSTALL)
  return()
endif()
include(GNUInstallDirs)
install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" "${PROJECT_SOURCE_DIR}/CHANGELOG.md" "${PROJECT_SOURCE_DIR}/README.md"
  DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_PACKAGE_NAME kestra-sdk)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "Kestra script SDK")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "Kestra script SDK: libkestra (C ABI, shared and static), headers, pkg-config and CMake files, kestra-emit")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGE_FILE_NAME "kestra-sdk-${PROJECT_VERSION}-Linux-x86_64")   # the .tar.gz
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)                # kestra-sdk_<version>_amd64.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "Kestra script SDK maintainers <sdk@kestra.invalid>")
set(CPACK_DEBIAN_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)                # computes "libc6 (>= ...)" from the binaries
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://kestra.io")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "Writes and validates the ::{json}:: lines (outputs, metrics, logs, assets) that\n scripts run by Kestra print on stdout, for C, C++ and any language with an FFI.")
include(CPack)
