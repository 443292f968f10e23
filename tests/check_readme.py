#!/usr/bin/env python3
"""Checks that every code block the README marks with
<!-- file: PATH --> is that file, to the letter: the examples the README
shows are the ones the tests build and run. Usage: check_readme.py ROOT"""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tap  # noqa: E402

ROOT = sys.argv[1] if len(sys.argv) > 1 else "."
BLOCK = re.compile(r"<!-- file: (\S+) -->\n```\w*\n(.*?)```\n", re.S)


class Readme(unittest.TestCase):
    def test_every_code_is_documented(self):
        """Each status and detail code of the header has its row, with its
        number, in README's tables."""
        with open(os.path.join(ROOT, "include", "uppfolj.h"), encoding="utf-8") as f:
            codes = re.findall(r"\b(UPF_[A-Z_]+) = (-?\d+)", f.read())
        with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        self.assertGreater(len(codes), 25)
        for name, number in codes:
            if name in ("UPF_NULL", "UPF_INTEGER", "UPF_REAL", "UPF_TEXT") or \
                    name.startswith("UPF_OPEN_"):
                continue
            with self.subTest(code=name):
                self.assertIn("| `%s` | %s |" % (name, number), readme)

    def test_marked_blocks_are_the_files(self):
        with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
            blocks = BLOCK.findall(f.read())
        self.assertGreaterEqual(len(blocks), 2)
        for path, text in blocks:
            with self.subTest(path=path):
                with open(os.path.join(ROOT, path), encoding="utf-8") as f:
                    self.assertEqual(text, f.read())


if __name__ == "__main__":
    del sys.argv[1:]
    tap.main()
