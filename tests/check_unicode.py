#!/usr/bin/env python3
"""Checks that lib/unicode_classes.h is what tools/unicode_classes.py makes
from the Unicode version it names, so that the table is generated, not
edited. Skips, saying why, where Python's Unicode is another version.
Usage: check_unicode.py ROOT"""
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tap  # noqa: E402

ROOT = sys.argv[1] if len(sys.argv) > 1 else "."
TABLE = os.path.join(ROOT, "lib", "unicode_classes.h")


class UnicodeTable(unittest.TestCase):
    def test_table_is_generated(self):
        with open(TABLE, encoding="utf-8") as f:
            committed = f.read()
        version = re.search(r'UPF_UNICODE_VERSION "([\d.]+)"', committed).group(1)
        if version != unicodedata.unidata_version:
            self.skipTest("the table is of Unicode %s, this Python's is %s"
                          % (version, unicodedata.unidata_version))
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "t.h")
            subprocess.run([sys.executable, os.path.join(ROOT, "tools", "unicode_classes.py"),
                            out], check=True)
            with open(out, encoding="utf-8") as f:
                self.assertEqual(f.read(), committed)


if __name__ == "__main__":
    del sys.argv[1:]
    tap.main()
