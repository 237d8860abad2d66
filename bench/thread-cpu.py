#!/usr/bin/env python3
"""CPU time a process's threads spent while a command ran, by thread name (docs/benchmarks.md).

    bench/thread-cpu.py <pid> <command ...>

Reads utime + stime of every thread of <pid> from /proc before and after the command, groups
threads by name (the runtime names its own: ".NET TP Worker", ".NET Server GC", ...) and prints
each group's share. Linux only; ticks are the kernel's clock ticks (usually 100 a second).
"""
import collections
import os
import subprocess
import sys


def cpu_by_thread_name(pid):
    ticks = collections.Counter()
    for thread in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{thread}/stat") as stat:
                line = stat.read()
        except OSError:
            continue  # the thread ended while we looked
        name = line[line.index("(") + 1:line.rindex(")")]
        fields = line[line.rindex(")") + 2:].split()
        ticks[name] += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    pid = sys.argv[1]
    before = cpu_by_thread_name(pid)
    subprocess.run(sys.argv[2:], check=False)
    after = cpu_by_thread_name(pid)
    spent = {name: after[name] - before.get(name, 0) for name in after}
    total = sum(spent.values()) or 1
    hertz = os.sysconf("SC_CLK_TCK")
    for name, ticks in sorted(spent.items(), key=lambda item: -item[1]):
        if ticks:
            print(f"{ticks / hertz:8.2f} s {100 * ticks / total:5.1f}%  {name}")
    print(f"{total / hertz:8.2f} s total")


if __name__ == "__main__":
    main()
