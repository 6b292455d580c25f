# Sourced by the JVM suites (tests/conformance/run.sh, tests/e2e/run.sh): finds a JDK new enough
# for Kestra 2.x, which is compiled for Java 25.
#   java_major JAVA_HOME          -> its major version, read from its release file (0 if unknown)
#   find_jdk MIN [CANDIDATE...]   -> prints the first JDK (java and javac) of version >= MIN among
#                                    the candidates, $JAVA_HOME, /usr/lib/jvm/temurin-*, /usr/lib/jvm/*;
#                                    returns 1 when there is none

java_major() {
    local v
    v="$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n1)"
    echo "${v:-0}"
}

find_jdk() {
    local min="$1" c
    shift
    for c in "$@" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-*-jdk* /usr/lib/jvm/*; do
        [ -n "$c" ] && [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
        if [ "$(java_major "$c")" -ge "$min" ]; then echo "$c"; return 0; fi
    done
    return 1
}
