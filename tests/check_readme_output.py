#!/usr/bin/env python3
"""Runs every command README shows with its output ("$ uppfolj ...",
then what it prints) against the demo's registry, and checks that it
prints that: the examples are real. A line "..." in README stands for
any lines; trailing spaces do not count. `uppfolj init` runs in an empty
directory. Usage: check_readme_output.py ROOT UPPFOLJ_BIN"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tap  # noqa: E402

ROOT = sys.argv[1] if len(sys.argv) > 1 else "."
BIN = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "build/cli/uppfolj")
# The day the demo's reports are read on: what is overdue depends on it.
TODAY = "2026-11-30"


def examples(readme):
    """(command words, expected lines) of each "$ uppfolj" in a code block."""
    found = []
    for block in re.findall(r"```\w*\n(.*?)```\n", readme, re.S):
        lines = block.rstrip("\n").split("\n")
        i = 0
        while i < len(lines):
            if not lines[i].startswith("$ "):
                i += 1
                continue
            command = lines[i][2:]
            i += 1
            while command.endswith("\\"):
                command = command[:-1] + lines[i].strip()
                i += 1
            out = []
            while i < len(lines) and not lines[i].startswith("$ "):
                out.append(lines[i])
                i += 1
            while out and out[-1] == "":
                out.pop()
            found.append((command, out))
    return found


def matches(want, got):
    """want's lines, "..." standing for any lines, against got's."""
    if not want:
        return not got
    if want[0].strip() == "...":
        return any(matches(want[1:], got[k:]) for k in range(len(got) + 1))
    return bool(got) and want[0].rstrip() == got[0].rstrip() and matches(want[1:], got[1:])


class ReadmeOutput(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="upf-readme-")
        cls.db = os.path.join(cls.dir, "demo.db")
        p = subprocess.run(["sh", os.path.join(ROOT, "examples", "demo", "demo.sh"), cls.db],
                           env=dict(os.environ, UPPFOLJ=BIN), capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
            cls.examples = examples(f.read())

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def run_example(self, words):
        env = dict(os.environ, UPPFOLJ_TODAY=TODAY)
        env.pop("UPPFOLJ_DB", None)
        if words == ["init"]:
            empty = tempfile.mkdtemp(dir=self.dir)
            return subprocess.run([BIN, "init"], cwd=empty, env=env, capture_output=True,
                                  text=True)
        return subprocess.run([BIN, "--db", self.db, *words], env=env, capture_output=True,
                              text=True)

    def test_every_example_prints_what_readme_says(self):
        checked = 0
        for command, want in self.examples:
            words = shlex.split(command)
            if words[0] != "uppfolj":
                continue  # the Python example has a test of its own
            with self.subTest(command=command):
                p = self.run_example(words[1:])
                got = (p.stdout + p.stderr).rstrip("\n").split("\n")
                self.assertTrue(matches(want, got), "README shows:\n%s\nit prints:\n%s"
                                % ("\n".join(want), "\n".join(got)))
                checked += 1
        print("# %d README examples run and their output compared" % checked)
        self.assertGreaterEqual(checked, 15)


if __name__ == "__main__":
    del sys.argv[1:]
    tap.main()
