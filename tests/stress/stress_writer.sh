#!/usr/bin/env bash
# Stress writer (kestra-emit): N invocations, one outputs line each, the same
# bytes as stress_writer.cpp. Usage: stress_writer.sh KESTRA_EMIT P N
set -eu
emit=$1 p=$2 n=$3
letters=abcdefghijklmnopqrstuvwxyz
for ((i = 0; i < n; i++)); do
  len=$(( i % 1000 == 999 ? 4000 : (p * 131 + i * 7) % 200 ))
  printf -v s '%*s' "$len" ''
  c=${letters:$(( (p + i) % 26 )):1}
  "$emit" outputs --json "{\"p\":$p,\"t\":0,\"i\":$i,\"s\":\"${s// /$c}\"}"
done
