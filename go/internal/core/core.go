// Package core compiles the Kestra SDK's C++ core (a copy of the repository's core/,
// made by scripts/copy_core.sh) into any program that imports it, so the module needs
// nothing but a C++ compiler. Package kestra calls it through kestra.h.
package core

// FMT_HEADER_ONLY: fmt is used header-only, as the core's CMake build does.
// KESTRA_STATIC: linked into the program, nothing exported.

/*
#cgo CPPFLAGS: -I${SRCDIR}/include -DFMT_HEADER_ONLY=1 -DKESTRA_STATIC
#cgo CXXFLAGS: -std=c++17 -O2 -fvisibility=hidden -fvisibility-inlines-hidden
#cgo LDFLAGS: -lstdc++ -lpthread
*/
import "C"
