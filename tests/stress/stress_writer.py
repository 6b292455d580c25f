"""Stress writer (Python package): THREADS threads each write N outputs lines,
the same bytes as stress_writer.cpp. Usage: stress_writer.py P THREADS N"""
import sys
import threading

from kestra import Kestra


def payload(p, t, i):
    n = 4000 if i % 1000 == 999 else (p * 131 + t * 31 + i * 7) % 200
    return chr(97 + (p + t + i) % 26) * n


def run(p, t, n):
    for i in range(n):
        Kestra.outputs({"p": p, "t": t, "i": i, "s": payload(p, t, i)})


def main():
    p, threads, n = map(int, sys.argv[1:4])
    pool = [threading.Thread(target=run, args=(p, t, n)) for t in range(threads)]
    for th in pool:
        th.start()
    for th in pool:
        th.join()


main()
