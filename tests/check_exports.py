#!/usr/bin/env python3
"""Checks that the shared library exports exactly the functions that the
public header declares with UPF_EXPORT: nothing internal leaks, nothing
declared is missing. Usage: check_exports.py LIBRARY HEADER"""
import os
import re
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tap  # noqa: E402

LIBRARY, HEADER = sys.argv[1], sys.argv[2]


def exported():
    out = subprocess.run(["nm", "-D", "--defined-only", LIBRARY],
                         check=True, capture_output=True, text=True).stdout
    return {line.split()[-1] for line in out.splitlines()
            if len(line.split()) == 3 and line.split()[1] in "TDBRW"}


def declared():
    with open(HEADER, encoding="utf-8") as f:
        text = f.read()
    return set(re.findall(r"UPF_EXPORT\b[^;]*?\b(upf_\w+)\s*\(", text))


class Exports(unittest.TestCase):
    def test_only_upf_symbols(self):
        self.assertEqual({s for s in exported() if not s.startswith("upf_")}, set())

    def test_exported_equals_declared(self):
        self.assertEqual(exported(), declared())

    def test_declares_functions(self):
        self.assertGreater(len(declared()), 20)


if __name__ == "__main__":
    print(f"# {len(declared())} functions declared", flush=True)
    del sys.argv[1:]
    tap.main()
