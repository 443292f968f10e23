#!/usr/bin/env python3
"""A child process imports a large CSV, or applies a provider registry's
changeset, and is killed with SIGKILL at a random moment, again and
again: afterwards the registry must pass PRAGMA integrity_check and hold
the import or the changeset either wholly or not at all. Each kill is
followed by a run to the end, so that a later kill cuts into a registry
that already holds data."""
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))
import tap  # noqa: E402

BIN = os.environ.get("UPPFOLJ_BIN", os.path.join(ROOT, "build", "cli", "uppfolj"))
KILLS = int(os.environ.get("UPF_KILLS", "20"))
ROWS = 60000  # per file: 20 measures x 60 months x 50 units


class Kill(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="upf-kill-")
        self.db = os.path.join(self.dir, "r.db")
        self.env = dict(os.environ, UPPFOLJ_DB=self.db, UPPFOLJ_ACTOR="kill")
        run = lambda *a: subprocess.run([BIN, *a], env=self.env, check=True,
                                        capture_output=True)
        run("init")
        run("committee", "add", "AN", "Äldrenämnden")
        run("provider", "add", "LL", "Leanlink", "--regime", "in_house")
        run("assignment", "add", "A1", "Uppdrag", "--committee", "AN", "--provider",
            "LL", "--kind", "assignment", "--from", "2000-01-01")
        run("unit", "add", "L2", "Del", "--assignment", "A1", "--area", "hemtjanst",
            "--from", "2000-01-01")
        for u in range(50):
            run("unit", "add", f"U{u:02d}", "Enhet", "--parent", "L2", "--from",
                "2000-01-01")
        for m in range(20):
            run("measure", "add", f"M{m:02d}", "Mått", "--kind", "structure",
                "--type", "amount")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write_csv(self, path, year0):
        with open(path, "w") as f:
            f.write("measure,unit,period,value\n")
            for m in range(20):
                for t in range(60):
                    for u in range(50):
                        f.write(f"M{m:02d},U{u:02d},{year0 + t // 12}-{t % 12 + 1:02d},"
                                f"{m + t + u}\n")

    def count_and_check(self, ledger=False):
        """The registry's values, and with ledger= the changesets it holds as
        applied, which must move with them."""
        con = sqlite3.connect(self.db)
        try:
            self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            n = con.execute("SELECT count(*) FROM value").fetchone()[0]
            if not ledger:
                return n
            return n, con.execute("SELECT count(*) FROM sync_applied").fetchone()[0]
        finally:
            con.close()

    def test_killed_imports_are_whole_or_absent(self):
        rng = random.Random(7)
        expected, intact, cut = 0, 0, 0
        for k in range(KILLS):
            path = os.path.join(self.dir, f"v{k}.csv")
            self.write_csv(path, 2000 + 5 * (2 * k))
            p = subprocess.Popen([BIN, "import", "values", path], env=self.env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.0, 0.6))
            p.send_signal(signal.SIGKILL)
            p.wait()
            n = self.count_and_check()
            self.assertIn(n, (expected, expected + ROWS), f"kill {k}: a torn import")
            cut += n == expected
            expected = n
            # A whole import, so that the next kill cuts into a fuller registry.
            path2 = os.path.join(self.dir, f"w{k}.csv")
            self.write_csv(path2, 2000 + 5 * (2 * k + 1))
            subprocess.run([BIN, "import", "values", path2], env=self.env, check=True,
                           capture_output=True)
            expected += ROWS
            self.assertEqual(self.count_and_check(), expected)
            intact += 1
            os.unlink(path)
            os.unlink(path2)
        print(f"# {KILLS} kills: {intact} intact, {cut} cut before commit, "
              f"{KILLS - cut} after")

    def test_killed_applies_are_whole_or_absent(self):
        """The provider's registry records a file of values and exports it;
        the municipality's apply is killed, then run again to its end,
        which applies what the kill cut and says 'already' of what it did
        not."""
        run = lambda env, *a: subprocess.run([BIN, *a], env=env, check=True,
                                             capture_output=True, text=True)
        org = os.path.join(self.dir, "org.json")
        run(self.env, "org", "export", "--provider", "LL", "--output", org)
        penv = dict(self.env, UPPFOLJ_DB=os.path.join(self.dir, "p.db"))
        run(penv, "init", "--from-org", org)
        rng = random.Random(11)
        rounds = max(KILLS // 2, 3)
        expected, cut = 0, 0
        # The kill falls anywhere in an apply's length, as the last whole
        # apply measured it, and a little after it.
        length = 0.6
        for k in range(rounds):
            path = os.path.join(self.dir, f"a{k}.csv")
            self.write_csv(path, 2000 + 5 * k)
            run(penv, "import", "values", path)
            sync = os.path.join(self.dir, f"s{k}.sync")
            run(penv, "sync", "export", "--output", sync)
            p = subprocess.Popen([BIN, "sync", "apply", sync], env=self.env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.0, 1.2 * length))
            p.send_signal(signal.SIGKILL)
            p.wait()
            n, applied = self.count_and_check(ledger=True)
            self.assertIn((n, applied), ((expected, k), (expected + ROWS, k + 1)),
                          f"kill {k}: a torn apply")
            cut += n == expected
            t0 = time.monotonic()
            out = run(self.env, "sync", "apply", sync).stdout
            if n == expected:
                length = time.monotonic() - t0
            self.assertEqual("already" in out, n != expected, out)
            expected += ROWS
            self.assertEqual(self.count_and_check(ledger=True), (expected, k + 1))
            os.unlink(path)
        print(f"# {rounds} killed applies: {cut} cut before commit, "
              f"{rounds - cut} after")


if __name__ == "__main__":
    tap.main()
