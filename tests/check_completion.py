#!/usr/bin/env python3
"""The bash completion, sourced in bash: commands, subcommands and options
from the CLI's --help, codes from a registry. Usage: check_completion.py
UPPFOLJ COMPLETION_SCRIPT"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tap  # noqa: E402

BIN, SCRIPT = sys.argv[1:3]
del sys.argv[1:3]


@unittest.skipUnless(shutil.which("bash"), "bash is not installed")
class Completion(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="upf-completion-")
        cls.db = os.path.join(cls.dir, "r.db")
        for args in (["init"], ["committee", "add", "AN", "Äldrenämnden"],
                     ["committee", "add", "SON", "Socialnämnden"],
                     ["provider", "add", "LL", "Leanlink", "--regime", "in_house"]):
            subprocess.run([BIN, "--db", cls.db, "--actor", "t", *args], check=True,
                           capture_output=True)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def complete(self, *words):
        """What completing the last of words offers (words[0] after BIN)."""
        line = [BIN, *words]
        script = ('source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); '
                  '_uppfolj; printf "%s\\n" "${COMPREPLY[@]}"')
        out = subprocess.run(["bash", "-c", script, "bash", SCRIPT, *line],
                             capture_output=True, text=True, check=True,
                             env=dict(os.environ, UPPFOLJ_DB=self.db)).stdout
        return sorted(w for w in out.split("\n") if w)

    def test_commands_and_subcommands(self):
        self.assertEqual(self.complete("dev"), ["deviation"])
        self.assertEqual(self.complete("deviation", "inv"), ["investigate"])
        self.assertIn("inform-committee", self.complete("deviation", "in"))
        self.assertEqual(self.complete("--format", "json", "sup"), ["supervision"])

    def test_options_from_help(self):
        self.assertEqual(self.complete("deviation", "investigate", "1", "--"),
                         ["--help", "--on"])
        self.assertIn("--evidence", self.complete("finding", "add", "--ev"))
        self.assertEqual(self.complete("backup", "--"), ["--help", "--to"])

    def test_codes_from_the_registry(self):
        self.assertEqual(self.complete("report", "values", "--committee", ""), ["AN", "SON"])
        self.assertEqual(self.complete("--db", self.db, "plan", "add", "2026",
                                       "--committee", "S"), ["SON"])
        self.assertEqual(self.complete("action", "list", "--provider", ""), ["LL"])
        self.assertEqual(self.complete("--format", "c"), ["csv"])
        self.assertEqual(self.complete("--scope", "prov"), ["provider:LL"])
        self.assertEqual(self.complete("--scope", "provider:LL", "sup"), ["supervision"])


if __name__ == "__main__":
    tap.main()
