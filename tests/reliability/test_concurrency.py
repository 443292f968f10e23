#!/usr/bin/env python3
"""Four processes record values at once, two through the CLI and two
through the API (Python's ctypes), while a fifth produces reports. No
value may be lost, no busy error may reach a caller, and every report must
be consistent with some committed state: its count of values never falls
and never exceeds what was written.

Then four API writers record in tight loops for UPF_CONCURRENT_SECONDS
each (20 in ./build.sh reliability, 3 in the suite) and count the writes
that failed: none may."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "python"))
import tap  # noqa: E402

BIN = os.environ.get("UPPFOLJ_BIN", os.path.join(ROOT, "build", "cli", "uppfolj"))
PER_WRITER = int(os.environ.get("UPF_CONCURRENT_VALUES", "40"))
SECONDS = float(os.environ.get("UPF_CONCURRENT_SECONDS", "3"))

TIGHT = r'''
import json, sys, time, uppfolj
path, unit, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
done = failed = 0
errors = {}
end = time.monotonic() + seconds
with uppfolj.Registry(path, actor="tight-" + unit, create=False) as reg:
    i = 0
    while time.monotonic() < end:
        try:
            reg.value_set("FLOW", unit, "%04d-%02d" % (2026 + i % 48 // 12, i % 12 + 1), i)
            done += 1
        except uppfolj.Error as e:
            failed += 1
            errors[e.name] = e.message
        i += 1
print(json.dumps({"done": done, "failed": failed, "errors": errors}))
'''

WRITER = r'''
import sys, uppfolj
path, unit, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with uppfolj.Registry(path, actor="writer-" + unit) as reg:
    for i in range(n):
        reg.value_set("FLOW", unit, "%04d-%02d" % (2026 + i // 12, i % 12 + 1), i)
'''

READER = r'''
import json, sys, uppfolj
path, rounds = sys.argv[1], int(sys.argv[2])
counts = []
with uppfolj.Registry(path) as reg:
    for _ in range(rounds):
        rows = reg.report("values", period="2026-01..2029-12", level="total",
                          measures=["FLOW"])["rows"]
        counts.append(rows[0]["units_reported"] if rows else 0)
        counts.append(len(reg.value_list(measure="FLOW")))
print(json.dumps(counts))
'''


def period(i):
    return "%04d-%02d" % (2026 + i // 12, i % 12 + 1)


class Concurrency(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="upf-conc-")
        self.db = os.path.join(self.dir, "r.db")
        self.env = dict(os.environ, UPPFOLJ_DB=self.db, UPPFOLJ_ACTOR="setup",
                        PYTHONPATH=os.path.join(ROOT, "python"))
        run = lambda *a: subprocess.run([BIN, *a], env=self.env, check=True,
                                        capture_output=True)
        run("init")
        run("committee", "add", "AN", "Äldrenämnden")
        run("provider", "add", "LL", "Leanlink", "--regime", "in_house")
        run("assignment", "add", "A1", "Uppdrag", "--committee", "AN", "--provider",
            "LL", "--kind", "assignment", "--from", "2025-01-01")
        run("unit", "add", "L2", "Del", "--assignment", "A1", "--area", "hemtjanst",
            "--from", "2025-01-01")
        for u in ("W1", "W2", "W3", "W4"):
            run("unit", "add", u, "Enhet " + u, "--parent", "L2", "--from", "2025-01-01")
        run("measure", "add", "FLOW", "Timmar", "--kind", "structure", "--type", "amount")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def cli_writer(self, unit):
        script = "\n".join(
            f'"{BIN}" --actor cli-{unit} value set FLOW {unit} {period(i)} {i} || exit 1'
            for i in range(PER_WRITER))
        return subprocess.Popen(["sh", "-c", script], env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def api_writer(self, unit):
        return subprocess.Popen([sys.executable, "-c", WRITER,
            self.db, unit, str(PER_WRITER)], env=self.env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def test_writers_and_a_reader(self):
        procs = [self.cli_writer("W1"), self.cli_writer("W2"),
                 self.api_writer("W3"), self.api_writer("W4")]
        reader = subprocess.Popen([sys.executable, "-c", READER, self.db, "30"],
                                  env=self.env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        for p in procs:
            out, err = p.communicate(timeout=600)
            self.assertEqual(p.returncode, 0, err.decode())
            self.assertNotIn(b"busy", err)
        out, err = reader.communicate(timeout=600)
        self.assertEqual(reader.returncode, 0, err)
        seen = json.loads(out)
        values = seen[1::2]
        self.assertEqual(values, sorted(values), "a report went back in time")
        self.assertTrue(all(0 <= v <= 4 * PER_WRITER for v in values))
        rows = json.loads(subprocess.run(
            [BIN, "--format", "json", "value", "list", "--measure", "FLOW"],
            env=self.env, check=True, capture_output=True).stdout)
        self.assertEqual(len(rows), 4 * PER_WRITER, "a value was lost")
        for u in ("W1", "W2", "W3", "W4"):
            got = sorted(r["value"] for r in rows if r["unit"] == u)
            self.assertEqual(got, [float(i) for i in range(PER_WRITER)])
        print(f"# {4 * PER_WRITER} values from 4 writers, {len(values)} reads, "
              "none lost")

    def test_tight_loops(self):
        procs = [subprocess.Popen([sys.executable, "-c", TIGHT, self.db, u, str(SECONDS)],
                                  env=self.env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
                 for u in ("W1", "W2", "W3", "W4")]
        done = failed = 0
        errors = {}
        for p in procs:
            out, err = p.communicate(timeout=600 + SECONDS)
            self.assertEqual(p.returncode, 0, err)
            r = json.loads(out)
            done += r["done"]
            failed += r["failed"]
            errors.update(r["errors"])
        print(f"# tight loops: 4 writers x {SECONDS:g} s: {done} writes, "
              f"{failed} failed", flush=True)
        self.assertEqual(failed, 0, errors)
        self.assertGreater(done, 0)


if __name__ == "__main__":
    tap.main()
