#!/usr/bin/env python3
"""libuppfolj(3): every function of the header is in it with its
comment, every status and detail code too, and groff renders it without
a warning. Usage: check_man3.py HEADER PAGE"""
import os
import re
import shutil
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tap  # noqa: E402

HEADER, PAGE = sys.argv[1:3]
del sys.argv[1:3]


class LibraryPage(unittest.TestCase):
    def setUp(self):
        with open(PAGE, encoding="utf-8") as f:
            self.page = f.read()
        with open(HEADER, encoding="utf-8") as f:
            self.header = f.read()

    def test_every_function_described(self):
        declared = re.findall(r"UPF_EXPORT\b[^;]*?\b(upf_\w+)\s*\(", self.header)
        self.assertGreater(len(declared), 100)
        shown = set(re.findall(r"^\.B .*?\b(upf_\w+)\(", self.page, re.M))
        self.assertEqual([f for f in declared if f not in shown], [])
        for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "RETURN VALUE", "FUNCTIONS",
                        "EXAMPLE", "SEE ALSO"):
            self.assertIn(".SH " + section, self.page)

    def test_every_code_listed(self):
        codes = re.findall(r"^\s+(UPF_(?:DETAIL_)?[A-Z_]+) = -?\d+", self.header, re.M)
        self.assertGreater(len(codes), 30)
        self.assertEqual([c for c in codes if "\\fB%s\\fR" % c not in self.page], [])

    @unittest.skipUnless(shutil.which("groff"), "groff is not installed (groff-base)")
    def test_groff_renders_without_warnings(self):
        p = subprocess.run(["groff", "-man", "-ww", "-z", PAGE], capture_output=True,
                           text=True)
        self.assertEqual((p.returncode, p.stderr), (0, ""))


if __name__ == "__main__":
    tap.main()
