# cmake -P script: install the build into WORK_DIR/prefix, build the consumer with
# find_package (shared and static library) and with pkg-config (shared, and
# --static as a static executable), run each and compare with expected.txt.
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
file(READ ${SOURCE_DIR}/consumer/expected.txt expected)

# 1. find_package(kestra)
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/consumer -B ${WORK_DIR}/cmake-build -DCMAKE_PREFIX_PATH=${prefix})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/cmake-build)
set(ENV{LD_LIBRARY_PATH} ${prefix}/lib)
run(${WORK_DIR}/cmake-build/consumer)
if(NOT last_output STREQUAL expected)
  message(FATAL_ERROR "find_package consumer printed:\n${last_output}\nexpected:\n${expected}")
endif()

run(${WORK_DIR}/cmake-build/static_consumer)
if(NOT last_output STREQUAL expected)
  message(FATAL_ERROR "find_package static consumer printed:\n${last_output}\nexpected:\n${expected}")
endif()

# 2. pkg-config
set(ENV{PKG_CONFIG_PATH} ${prefix}/lib/pkgconfig)
run(pkg-config --cflags --libs kestra)
string(STRIP "${last_output}" flags)
separate_arguments(flags UNIX_COMMAND "${flags}")
run(cc ${SOURCE_DIR}/consumer/main.c -o ${WORK_DIR}/pc-consumer ${flags})
run(${WORK_DIR}/pc-consumer)
if(NOT last_output STREQUAL expected)
  message(FATAL_ERROR "pkg-config consumer printed:\n${last_output}\nexpected:\n${expected}")
endif()

# 3. pkg-config --static: a C program linked as a static executable, so every
# library the archive needs must be in Libs.private (a C link alone lacks the
# C++ runtime).
run(pkg-config --static --cflags --libs kestra)
string(STRIP "${last_output}" flags)
separate_arguments(flags UNIX_COMMAND "${flags}")
run(cc -static ${SOURCE_DIR}/consumer/main.c -o ${WORK_DIR}/pc-static-consumer ${flags})
run(${WORK_DIR}/pc-static-consumer)
if(NOT last_output STREQUAL expected)
  message(FATAL_ERROR "pkg-config --static consumer printed:\n${last_output}\nexpected:\n${expected}")
endif()
message(STATUS "find_package (shared and static) and pkg-config (shared and --static) consumers all printed the expected lines")
