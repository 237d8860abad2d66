#!/usr/bin/env python3
"""Sums a test run's per-test durations by test class, slowest first.

Usage: bench/test-suite-classes.py tests/TestResults/<run>.trx [how-many]
(the .trx from `dotnet test --logger "trx;LogFileName=<run>.trx"`). A class fixture's start
(a host shared by the class) is not part of any test's duration, so it is not counted here.
"""
import collections
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def seconds(duration):
    hours, minutes, rest = duration.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def main():
    root = ET.parse(sys.argv[1]).getroot()
    shown = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    class_of = {t.get("id"): t.find("t:TestMethod", NS).get("className") for t in root.iterfind(".//t:UnitTest", NS)}
    classes = collections.defaultdict(lambda: [0.0, 0, 0.0])
    for result in root.iterfind(".//t:UnitTestResult", NS):
        total = classes[class_of[result.get("testId")]]
        took = seconds(result.get("duration", "0:0:0"))
        total[0] += took
        total[1] += 1
        total[2] = max(total[2], took)

    print(f"{sum(c[1] for c in classes.values())} tests in {len(classes)} classes, {sum(c[0] for c in classes.values()):.0f} s in all")
    for name, (took, tests, longest) in sorted(classes.items(), key=lambda c: -c[1][0])[:shown]:
        print(f"{took:7.1f} s  {tests:4d} tests  longest {longest:5.1f} s  {name.removeprefix('PledgeBot.Tests.')}")


main()
