#!/usr/bin/env python3
"""uppfolj(1): every command of `uppfolj --help` is described in it, and
groff renders it without a warning. Usage: check_man.py UPPFOLJ PAGE"""
import os
import re
import shutil
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tap  # noqa: E402

BIN, PAGE = sys.argv[1:3]
del sys.argv[1:3]


class ManPage(unittest.TestCase):
    def setUp(self):
        with open(PAGE, encoding="utf-8") as f:
            self.page = f.read()

    def test_every_command_described(self):
        help_text = subprocess.run([BIN, "--help"], capture_output=True, text=True).stdout
        listed = re.findall(r"^  (\S+(?: \S+)?)\s{2,}", help_text.split("Commands:\n")[1],
                            re.M)
        self.assertGreater(len(listed), 100)
        described = {s.replace("\\-", "-") for s in re.findall(r"^\.SS (.*)$", self.page,
                                                               re.M)}
        self.assertEqual([c for c in listed if c not in described], [])
        for section in ("NAME", "SYNOPSIS", "EXIT STATUS", "ENVIRONMENT", "FILES",
                        "EXAMPLES"):
            self.assertIn(".SH " + section, self.page)

    @unittest.skipUnless(shutil.which("groff"), "groff is not installed (groff-base)")
    def test_groff_renders_without_warnings(self):
        p = subprocess.run(["groff", "-man", "-ww", "-z", "-k", PAGE], capture_output=True,
                           text=True)
        self.assertEqual((p.returncode, p.stderr), (0, ""))


if __name__ == "__main__":
    tap.main()
