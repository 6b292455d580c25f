# Builds the native extension at `gem install`: the glue (kestra_ext.c) and the SDK's
# C++ core, whose sources the gem carries in this folder (copied from the repository's
# core/ by scripts/copy_core.sh when the gem is built). Needs a C and a C++17 compiler,
# which the `ruby` image has.
require "mkmf"

abort "the core's sources are missing: run scripts/copy_core.sh ruby/ext/kestra" unless File.exist?(File.join(__dir__, "record.cpp"))

$INCFLAGS << " -I$(srcdir)/include"
# fmt is used header-only, as the core's CMake build does; the core is linked in, nothing exported.
$CPPFLAGS << " -DFMT_HEADER_ONLY=1 -DKESTRA_STATIC"
$CXXFLAGS << " -std=c++17 -O2 -fvisibility=hidden -fvisibility-inlines-hidden"
$CFLAGS << " -O2 -std=c99"
$libs << " -lstdc++ -lpthread"
create_makefile("kestra/kestra_ext")
