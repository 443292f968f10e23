#!/usr/bin/env python3
"""Drives the built uppfolj binary: every command, its output formats,
its exit codes, and that refused input changes nothing."""
import csv
import io
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import tap  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.environ.get("UPPFOLJ_BIN", "build/cli/uppfolj")

COMMANDS = ["init", "committee add", "committee list", "provider add",
            "provider list", "area add", "area list", "assignment add",
            "assignment list", "unit add", "unit move", "unit list",
            "unit history", "org", "log", "quality-area list", "measure add",
            "measure list", "measure show", "value set", "value delete",
            "value list", "import values", "target set", "target list",
            "indicator add", "indicator list", "report values", "import kolada",
            "import reference", "reference list",
            "export values", "report deviations", "report basic", "deviation add",
            "deviation show", "deviation list", "deviation investigate",
            "deviation assess", "deviation notify", "deviation send",
            "deviation inform-committee", "deviation action", "deviation close",
            "deviation search", "deviation type", "deviation category",
            "import deviations", "basic set", "basic analyse", "basic items",
            "committee rename", "provider rename", "area rename", "assignment edit",
            "assignment rename", "unit close", "unit rename", "quality-area add",
            "goal add", "goal list", "method add", "method list", "measure edit",
            "measure retire", "rule add", "rule list", "report quality",
            "report missing", "deviation withdraw", "basic item", "plan add",
            "plan decide", "plan show", "plan list", "plan revisions", "activity add",
            "activity start", "activity done", "activity cancel", "activity move",
            "activity show", "activity list", "instrument add", "instrument criterion",
            "instrument list", "instrument show", "review add", "review answer",
            "review import", "review list", "correction", "report plan", "report review",
            "report goals", "activity edit", "finding add", "finding list",
            "finding evidence", "assessment set", "assessment history", "report assessment",
            "action", "report actions", "stakeholder add", "stakeholder list", "inform",
            "report information", "supervision", "backup", "doctor",
            "committee-report build", "committee-report text", "committee-report show",
            "committee-report present", "committee-report verify", "committee-report diff",
            "committee-report list", "committee-report received", "period lock",
            "period unlock", "period list-locks", "setting set", "setting list"]


class Registry(unittest.TestCase):
    """Each test gets its own registry in a private directory."""

    init = True  # each test but those of the help starts from 'init'

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="upf-cli-")
        self.db = os.path.join(self.dir, "r.db")
        self.env = dict(os.environ, UPPFOLJ_DB=self.db, UPPFOLJ_ACTOR="cli-test")
        if self.init:
            self.ok("init")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def run_cli(self, *args, code=0):
        argv = [BIN] + [a if isinstance(a, bytes) else str(a) for a in args]
        p = subprocess.run(argv, env=self.env, capture_output=True)
        out, err = p.stdout.decode(), p.stderr.decode()
        self.assertEqual(p.returncode, code,
                         f"{args}: exit {p.returncode}\nstdout: {out}\nstderr: {err}")
        return out, err

    def ok(self, *args):
        return self.run_cli(*args)[0]

    def dump(self):
        with sqlite3.connect(self.db) as con:
            return "\n".join(con.iterdump())

    def refused(self, *args, says, code=1, lines=1):
        """A refused command: exit code, its lines naming what, no change."""
        before = self.dump()
        out, err = self.run_cli(*args, code=code)
        self.assertEqual(out, "")
        if code == 1:
            self.assertEqual(err.count("\n"), lines, err)
        for part in ([says] if isinstance(says, str) else says):
            self.assertIn(part, err)
        self.assertEqual(self.dump(), before, "the registry changed")
        return err

    def build_org(self):
        self.ok("committee", "add", "SON", "Social- och omsorgsnämnden")
        self.ok("committee", "add", "AN", "Äldrenämnden")
        self.ok("provider", "add", "LL", "Leanlink", "--regime", "in_house")
        self.ok("provider", "add", "ATT", "Attendo", "--regime=private")
        self.ok("assignment", "add", "LL-ALD", "Leanlink äldreomsorg",
                "--committee", "AN", "--provider", "LL", "--kind", "assignment",
                "--from", "2025-01-01")
        self.ok("assignment", "add", "ATT-HT", "Attendo hemtjänst",
                "--committee", "AN", "--provider", "ATT", "--kind", "contract",
                "--from", "2025-01-01", "--to", "2026-12-31")
        self.ok("unit", "add", "LL-HT", "Hemtjänst Leanlink", "--assignment",
                "LL-ALD", "--area", "hemtjanst", "--from", "2025-01-01")
        self.ok("unit", "add", "ATT-2", "Hemtjänst Attendo", "--assignment",
                "ATT-HT", "--area", "hemtjanst", "--from", "2025-01-01")
        self.ok("unit", "add", "NORR", "Hemtjänst Norr", "--parent", "ATT-2",
                "--from", "2025-01-01")


class Help(Registry):
    init = False
    def test_top_level(self):
        out = self.ok("--help")
        for command in COMMANDS:
            self.assertIn(command, out)
        out, _ = self.run_cli(code=2)
        self.assertIn("Usage: uppfolj", out)

    def test_every_command_has_help(self):
        for command in COMMANDS:
            out = self.ok(*command.split(), "--help")
            self.assertTrue(out.startswith("Usage: uppfolj " + command), out)
        self.assertFalse(os.path.exists(self.db), "--help opened the registry")

    def test_group_help(self):
        out = self.ok("unit", "--help")
        self.assertIn("history", out)
        self.run_cli("unit", code=2)

    def test_version(self):
        self.assertIn("uppfolj 0.", self.ok("--version"))

    def test_usage_errors_exit_2(self):
        self.refused("frobnicate", says="unknown command 'frobnicate'", code=2)
        self.refused("committee", "frob", says="unknown command 'frob'", code=2)
        self.refused("committee", "list", "--bogus", says="unknown option '--bogus'", code=2)
        self.refused("committee", "add", "X", says="missing arguments", code=2)
        self.refused("committee", "add", "X", "Y", "Z", says="unexpected argument 'Z'", code=2)
        self.refused("provider", "add", "X", "Y", "--regime", says="'--regime' needs a value", code=2)
        self.refused("--format", "xml", "committee", "list", says="format 'xml'", code=2)
        self.refused("unit", "move", "U", "--parent", "P", says="'--from' is required", code=2)
        self.refused("unit", "add", "U", "N", says="--assignment", code=2)
        self.refused("unit", "add", "U", "N", "--parent", "P", "--assignment", "A",
                     says="not both", code=2)


class Commands(Registry):
    def test_init_creates_private_registry(self):
        os.remove(self.db)
        out = self.ok("init")
        self.assertIn("schema version", out)
        self.assertEqual(stat.S_IMODE(os.stat(self.db).st_mode), 0o600)
        self.ok("init")  # a second time changes nothing

    def test_columns(self):
        self.build_org()
        self.ok("value", "set", "STR-TIMMAR", "NORR", "2026-01", "12")
        args = ("report", "values", "--period", "2026-01", "--level", "3",
                "--measure", "STR-TIMMAR")
        # A table leaves out what is empty in every row; CSV keeps it.
        header = self.ok(*args).splitlines()[0].split()
        self.assertIn("value", header)
        self.assertNotIn("target", header)
        self.assertIn("target", self.ok("--format", "csv", *args).splitlines()[0].split(","))
        self.assertEqual(self.ok("--columns", "value,node", "--format", "csv", *args),
                         "value,node\n12.0,NORR\n")
        self.assertEqual(json.loads(self.ok("--columns=code", "--format", "json", "committee",
                                            "list")), [{"code": "AN"}, {"code": "SON"}])
        self.refused("--columns", "node,colour", *args, says="columns: no column 'colour'",
                     code=2, lines=2)
        self.refused("--columns", "node,value,node", *args, says="or one named twice",
                     code=2, lines=2)

    def test_table_escapes_and_aligns(self):
        # A line break and a tab in a note show as \n and \t, each two
        # columns wide; Swedish letters one column each; columns line up.
        self.build_org()
        self.ok("value", "set", "STR-TIMMAR", "NORR", "2026-01", "12",
                "--note", "rad ett\nrad två\tslut")
        self.ok("value", "set", "STR-TIMMAR", "NORR", "2026-02", "1234.5", "--note", "åäö")
        lines = self.ok("--columns", "period,note,value", "value", "list").splitlines()
        note = "rad ett\\nrad två\\tslut"  # 22 columns
        self.assertEqual(lines, ["period   note" + " " * 20 + "value",
                                 "2026-01  " + note + " " * 4 + "12.0",
                                 "2026-02  åäö" + " " * 21 + "1234.5"])

    def test_csv_dialect_sv(self):
        self.build_org()
        self.ok("value", "set", "STR-TIMMAR", "NORR", "2026-01", "1234.5", "--note", "a;b")
        argv = [BIN, "--csv-dialect", "sv", "export", "values"]
        raw = subprocess.run(argv, env=self.env, capture_output=True, check=True).stdout
        self.assertEqual(raw, "\ufeffmeasure;unit;period;value;denominator;note\r\n"
                              "STR-TIMMAR;NORR;2026-01;1234,5;;\"a;b\"\r\n".encode())
        path = os.path.join(self.dir, "sv.csv")
        with open(path, "wb") as f:
            f.write(raw)
        self.ok("value", "delete", "STR-TIMMAR", "NORR", "2026-01")
        self.ok("import", "values", path)
        self.assertEqual(json.loads(self.ok("--format", "json", "value", "list"))[0]["value"],
                         1234.5)
        env = dict(self.env, UPPFOLJ_CSV_DIALECT="sv")
        listed = subprocess.run([BIN, "--format", "csv", "value", "list"], env=env,
                                capture_output=True, check=True).stdout.decode()
        self.assertTrue(listed.startswith("\ufeffmeasure;unit;period;value;"), listed)
        self.assertIn(";1234,5;", listed)
        self.refused("--csv-dialect", "excel", "value", "list",
                     says="csv dialect 'excel': must be comma or sv", code=2, lines=2)

    def test_backup_and_doctor(self):
        self.build_org()
        copy = os.path.join(self.dir, "kopia.db")
        self.assertEqual(self.ok("backup", "--to", copy), "")
        self.assertEqual(stat.S_IMODE(os.stat(copy).st_mode), 0o600)
        self.assertEqual(self.ok("--db", copy, "unit", "list"), self.ok("unit", "list"))
        self.refused("backup", "--to", copy, says=["to '%s'" % copy, "exists"])
        self.refused("backup", says="--to", code=2, lines=2)
        out = self.ok("doctor")
        self.assertEqual([line.split()[:2] for line in out.splitlines()[1:]],
                         [["integrity", "ok"], ["foreign_keys", "ok"], ["file_mode", "ok"],
                          ["schema", "ok"], ["wal", "ok"], ["statistics", "ok"],
                          ["reports", "ok"], ["locks", "ok"]])
        os.chmod(self.db, 0o644)
        rows = json.loads(self.ok("--format", "json", "doctor"))
        self.assertEqual(rows[2]["status"], "warning")
        self.assertIn("mode 0644", rows[2]["detail"])
        # An error is exit 1: references that no longer hold, made behind
        # the library's back (its triggers dropped, the committee deleted).
        con = sqlite3.connect(self.db)
        for (name,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'trigger' "
                                   "AND tbl_name = 'committee'").fetchall():
            con.execute(f'DROP TRIGGER "{name}"')
        con.execute("DELETE FROM committee WHERE code = 'AN'")
        con.commit()
        con.close()
        out = self.run_cli("doctor", code=1)[0]
        self.assertRegex(out, r"foreign_keys +error +2 rows refer to rows that do not exist")

    def test_only_init_creates_or_migrates(self):
        missing = os.path.join(self.dir, "lkpgg.db")
        err = self.run_cli("--db", missing, "committee", "add", "AN", "Äldrenämnden",
                           code=1)[1]
        self.assertEqual(err, "uppfolj committee add: registry '%s' does not exist; "
                              "create it with 'uppfolj init'\n" % missing)
        self.assertFalse(os.path.exists(missing))
        self.run_cli("--db", missing, "committee", "list", code=1)
        self.assertFalse(os.path.exists(missing))
        self.run_cli("--db", ":memory:", "committee", "list", code=1)
        self.assertIn("path: empty", self.run_cli("--db", "", "committee", "list", code=1)[1])
        # A registry of schema 8, made the way an older uppfolj made it.
        old = os.path.join(self.dir, "old.db")
        con = sqlite3.connect(old)
        con.create_function("upf_actor", 0, lambda: "old")
        con.create_function("upf_audit_row", -1, lambda *a: "{}")
        schema = os.path.join(os.path.dirname(os.path.dirname(HERE)), "schema")
        for n in sorted(os.listdir(schema)):
            if n.endswith(".sql") and int(n[:4]) <= 8:
                with open(os.path.join(schema, n), encoding="utf-8") as f:
                    con.executescript(f.read())
        con.execute("PRAGMA application_id = %d" % 0x55504631)
        con.execute("PRAGMA user_version = 8")
        con.commit()
        con.close()
        with open(old, "rb") as f:
            before = f.read()
        err = self.run_cli("--db", old, "committee", "list", code=1)[1]
        self.assertIn("is older than this library's version", err)
        self.assertIn("migrate it with 'uppfolj init'", err)
        with open(old, "rb") as f:
            self.assertEqual(f.read(), before, "the older registry changed")
        self.ok("--db", old, "--actor", "migrerare", "init")
        self.ok("--db", old, "committee", "list")
        log = json.loads(self.ok("--db", old, "--format", "json", "log"))
        self.assertEqual([r["actor"] for r in log if r["op"] == "migrate"], ["migrerare"])

    def test_private_in_every_case(self):
        # Through a symlink to a file not there yet, a file: URI, and an
        # existing empty file: each becomes 0600.
        target = os.path.join(self.dir, "target.db")
        link = os.path.join(self.dir, "link.db")
        os.symlink(target, link)
        empty = os.path.join(self.dir, "empty.db")
        open(empty, "w").close()
        os.chmod(empty, 0o644)
        uri = os.path.join(self.dir, "uri.db")
        for db, path in ((link, target), ("file:" + uri, uri), (empty, empty)):
            with self.subTest(db=db):
                old = os.umask(0o022)
                try:
                    self.ok("--db", db, "init")
                    self.ok("--db", db, "committee", "add", "AN", "Äldrenämnden")
                finally:
                    os.umask(old)
                for f in (path, path + "-wal", path + "-shm"):
                    if os.path.exists(f):
                        self.assertEqual(stat.S_IMODE(os.stat(f).st_mode), 0o600, f)
        # A registry that others can read: a warning, and init mends it.
        os.chmod(self.db, 0o644)
        out, err = self.run_cli("committee", "list")
        self.assertIn("warning: registry '%s' can be read by others (mode 0644)"
                      % self.db, err)
        self.ok("init")
        self.assertEqual(stat.S_IMODE(os.stat(self.db).st_mode), 0o600)
        self.assertEqual(self.run_cli("committee", "list")[1], "")

    def test_output_a_spreadsheet_or_terminal_cannot_misread(self):
        self.ok("committee", "add", "F", "=HYPERLINK(\"x\")")
        self.ok("committee", "add", "G", "@summa")
        out = self.ok("--format", "csv", "committee", "list")
        self.assertIn("F,\"'=HYPERLINK(\"\"x\"\")\"\n", out)
        self.assertIn("G,'@summa\n", out)
        self.refused("committee", "add", "H", "Nämnd \u202egnalsi", says="direction")
        self.refused("committee", "add", "-H", "Nämnd", says="must begin with a letter")
        self.refused("committee", "add", "H", "a\u200bb", says="invisible")
        # A line break in a note is shown as \n in a table, not as a line.
        self.ok("provider", "add", "LL", "Leanlink", "--regime", "in_house")
        log = self.ok("log")
        self.assertEqual(len([l for l in log.splitlines() if "HYPERLINK" in l]), 1)

    def test_readme_import_example_imports(self):
        with open(os.path.join(os.path.dirname(os.path.dirname(HERE)), "README.md"),
                  encoding="utf-8") as f:
            readme = f.read()
        start = readme.index("measure;unit;period;value;denominator;note\n")
        example = readme[start:readme.index("```", start)]
        path = os.path.join(self.dir, "values.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(example)
        self.ok("committee", "add", "AN", "Äldrenämnden")
        self.ok("provider", "add", "EGEN", "Egen regi", "--regime", "in_house")
        self.ok("assignment", "add", "A", "Uppdrag", "--committee", "AN", "--provider",
                "EGEN", "--kind", "assignment", "--from", "2026-01-01")
        self.ok("unit", "add", "EGEN-HT", "Hemtjänst", "--assignment", "A", "--area",
                "hemtjanst", "--from", "2026-01-01")
        self.ok("unit", "add", "HT-NORR", "Norr", "--parent", "EGEN-HT", "--from", "2026-01-01")
        self.assertEqual(self.ok("import", "values", path), "imported 2 values\n")
        rows = json.loads(self.ok("--format", "json", "value", "list", "--measure", "STR-TIMMAR"))
        self.assertEqual(rows[0]["value"], 2345.5)

    def test_double_dash_ends_the_options(self):
        # After "--" nothing is an option, the global ones included.
        self.ok("committee", "add", "--", "X", "--format json --db y")
        rows = json.loads(self.ok("--format", "json", "committee", "list"))
        self.assertEqual(rows, [{"code": "X", "name": "--format json --db y"}])
        self.ok("deviation", "search", "--", "--natt")

    def test_lists_in_three_formats(self):
        self.build_org()
        out = self.ok("committee", "list")
        lines = out.splitlines()
        self.assertEqual(lines[0].split(), ["code", "name"])
        # Aligned by character: the names start in the same column.
        self.assertEqual(lines[1].index("Äldrenämnden"),
                         lines[2].index("Social- och omsorgsnämnden"))
        rows = list(csv.DictReader(io.StringIO(self.ok("--format", "csv",
                                                       "provider", "list"))))
        self.assertEqual(rows, [
            {"code": "ATT", "name": "Attendo", "regime": "private"},
            {"code": "LL", "name": "Leanlink", "regime": "in_house"}])
        rows = json.loads(self.ok("assignment", "list", "--format=json"))
        self.assertEqual([r["code"] for r in rows], ["ATT-HT", "LL-ALD"])
        self.assertEqual(rows[0]["valid_to"], "2026-12-31")
        self.assertIsNone(rows[1]["valid_to"])
        areas = json.loads(self.ok("--format", "json", "area", "list"))
        self.assertIn({"code": "hemtjanst", "name": "Hemtjänst"}, areas)
        self.ok("area", "add", "fam", "Familjehemsvård")
        self.assertEqual(len(json.loads(self.ok("--format", "json", "area", "list"))),
                         len(areas) + 1)

    def test_units_move_and_history(self):
        self.build_org()
        self.ok("unit", "move", "NORR", "--parent", "LL-HT", "--from", "2026-07-01")
        before = {r["code"]: r for r in json.loads(
            self.ok("--format", "json", "unit", "list", "--at", "2026-06-30"))}
        after = {r["code"]: r for r in json.loads(
            self.ok("--format", "json", "unit", "list", "--at", "2026-07-01"))}
        self.assertEqual(before["NORR"]["provider"], "ATT")
        self.assertEqual(after["NORR"]["provider"], "LL")
        self.assertEqual(after["NORR"]["level"], 3)
        history = json.loads(self.ok("--format", "json", "unit", "history", "NORR"))
        self.assertEqual([(h["valid_from"], h["valid_to"], h["parent"]) for h in history],
                         [("2025-01-01", "2026-06-30", "ATT-2"),
                          ("2026-07-01", None, "LL-HT")])

    def test_org_tree(self):
        self.build_org()
        out = self.ok("org", "--at", "2026-03-01")
        self.assertEqual(out.splitlines(), [
            "AN  Äldrenämnden",
            "  ATT-HT  Attendo hemtjänst  [Attendo (private, contract)]",
            "    ATT-2  Hemtjänst Attendo  [Hemtjänst]",
            "      NORR  Hemtjänst Norr",
            "  LL-ALD  Leanlink äldreomsorg  [Leanlink (in_house, assignment)]",
            "    LL-HT  Hemtjänst Leanlink  [Hemtjänst]",
            "SON  Social- och omsorgsnämnden",
        ])
        rows = json.loads(self.ok("org", "--at", "2026-03-01", "--format", "json"))
        self.assertEqual(rows[3], {"depth": 3, "kind": "unit", "code": "NORR",
                                   "name": "Hemtjänst Norr", "detail": None})

    def test_log_records_actor(self):
        self.ok("committee", "add", "AN", "Äldrenämnden")
        self.ok("--actor", "alice", "provider", "add", "LL", "Leanlink",
                "--regime", "in_house")
        rows = json.loads(self.ok("--format", "json", "log", "--by", "alice"))
        self.assertEqual(len(rows), 1)
        self.assertEqual((rows[0]["table"], rows[0]["key"], rows[0]["op"]),
                         ("provider", "LL", "insert"))
        self.assertEqual(json.loads(rows[0]["new"])["regime"], "in_house")
        rows = json.loads(self.ok("--format", "json", "log", "--since", "2000-01-01"))
        # The migration that made the registry is recorded as its actor's.
        self.assertEqual({r["actor"] for r in rows}, {"cli-test", "alice"})
        self.assertEqual([r["actor"] for r in rows if r["op"] == "migrate"], ["cli-test"])
        self.assertEqual(json.loads(self.ok("--format", "json", "log", "--since",
                                            "2999-01-01")), [])

    def test_scope_option_and_env(self):
        self.build_org()
        self.ok("unit", "add", "LL-1", "Leanlink ett", "--parent", "LL-HT",
                "--from", "2025-01-01")
        self.ok("measure", "add", "TIM", "Timmar", "--kind", "structure", "--type", "amount")
        self.ok("value", "set", "TIM", "NORR", "2026-03", "7")
        self.ok("value", "set", "TIM", "LL-1", "2026-03", "70")
        units = json.loads(self.ok("--scope", "provider:ATT", "--format", "json",
                                   "unit", "list", "--at", "2026-03-01"))
        self.assertEqual([u["code"] for u in units], ["ATT-2", "NORR"])
        self.env["UPPFOLJ_SCOPE"] = "provider:ATT"
        rows = json.loads(self.ok("--format", "json", "report", "values", "--period",
                                  "2026-03", "--level", "total", "--measure", "TIM"))
        self.assertEqual(rows["rows"][0]["value"], 7.0)
        self.refused("value", "set", "TIM", "LL-1", "2026-04", "1",
                     says="unit 'LL-1' is outside the scope provider:ATT")
        self.refused("committee", "add", "SN", "Socialnämnden",
                     says="refused under the scope provider:ATT")
        # After 'activity', --scope is the activity's: refused here for
        # the handle's scope, not taken for an unknown command's option.
        self.refused("activity", "add", "X", "X", "--plan", "2026", "--committee", "AN",
                     "--kind", "thematic", "--area", "ledning", "--method", "granskning",
                     "--scope", "all", "--start", "2026-03-01", "--due", "2026-05-31",
                     says="refused under the scope provider:ATT")
        self.ok("value", "set", "TIM", "NORR", "2026-04", "8")
        log = json.loads(self.ok("--format", "json", "log"))
        # Its own write with its scope; before it, the administration's
        # entries about ATT's provider, assignment, units and values.
        self.assertEqual([(r["key"], r["scope"]) for r in log],
                         [("ATT", None), ("ATT-HT", None), ("ATT-2", None),
                          ("ATT-2@2025-01-01", None), ("NORR", None),
                          ("NORR@2025-01-01", None), ("TIM/NORR/2026-03", None),
                          ("TIM/NORR/2026-04", "provider:ATT")])
        self.refused("--scope", "provider:NOPE", "unit", "list",
                     says="scope 'provider:NOPE': unknown provider 'NOPE'")
        self.refused("--scope", "unit:NORR", "unit", "list", says="must be provider:CODE")
        del self.env["UPPFOLJ_SCOPE"]
        self.assertEqual(len(json.loads(self.ok("--format", "json", "unit", "list",
                                                "--at", "2026-03-01"))), 4)

    def test_provider_registry(self):
        self.build_org()
        self.ok("measure", "add", "TIM", "Timmar", "--kind", "structure", "--type", "amount")
        org = os.path.join(self.dir, "org.json")
        self.ok("org", "export", "--provider", "ATT", "--output", org)
        self.assertEqual(stat.S_IMODE(os.stat(org).st_mode), 0o600)
        municipality = json.loads(self.ok("--format", "json", "registry"))[0]
        self.assertEqual(municipality["role"], "municipality")
        self.env["UPPFOLJ_DB"] = os.path.join(self.dir, "att.db")
        out = self.ok("init", "--from-org", org)
        self.assertIn("records for provider:ATT only", out)
        me = json.loads(self.ok("--format", "json", "registry"))[0]
        self.assertEqual((me["role"], me["provider"], me["reports_to"]),
                         ("provider", "ATT", municipality["registry"]))
        units = json.loads(self.ok("--format", "json", "unit", "list", "--at", "2026-01-01"))
        self.assertEqual([u["code"] for u in units], ["ATT-2", "NORR"])
        self.refused("unit", "add", "X", "X", "--parent", "ATT-2", "--from", "2026-01-01",
                     says="registry of the scope provider:ATT")
        self.refused("--scope", "provider:LL", "unit", "list",
                     says="its scope is always provider:ATT")
        # Its own document again: taken, and nothing changes.
        self.ok("init", "--from-org", org)
        self.refused("org", "export", "--provider", "ATT",
                     says="municipality's registry only")
        # What it records goes back as a changeset.
        self.ok("value", "set", "TIM", "NORR", "2026-03", "7")
        sent = os.path.join(self.dir, "att.sync")
        rows = json.loads(self.ok("--format", "json", "sync", "export", "--out", sent))
        self.assertEqual(rows, [{"table": "value", "inserts": 1, "updates": 0,
                                 "deletes": 0, "state": "exported"}])
        self.assertEqual(stat.S_IMODE(os.stat(sent).st_mode), 0o600)
        status = json.loads(self.ok("--format", "json", "sync", "status"))[0]
        self.assertEqual((status["changes"], status["pending"]), (1, 0))
        self.env["UPPFOLJ_DB"] = self.db
        out = self.ok("sync", "apply", sent)
        self.assertIn("applied", out)
        self.assertIn("applied already; nothing was changed", self.ok("sync", "apply", sent))
        rows = json.loads(self.ok("--format", "json", "value", "list", "--unit", "NORR"))
        self.assertEqual([(r["measure"], r["value"]) for r in rows], [("TIM", 7.0)])
        # Its batch is the apply's entry in the trail.
        apply = json.loads(self.ok("--format", "json", "log"))[-1]
        self.assertEqual((apply["table"], apply["id"]), ("sync", rows[0]["batch"]))
        self.refused("sync", "export", "--output", os.path.join(self.dir, "x.sync"),
                     says="made in a provider's own registry")
        self.refused("sync", "apply", sent, "--prefer", "mine", says="prefer 'mine'")
        # The municipality renames a unit; the provider's registry takes it.
        self.ok("unit", "rename", "NORR", "Norr, nya lokalen")
        update = os.path.join(self.dir, "update.json")
        self.refused("org", "export", "--output", update, says="one of --provider and --for",
                     code=2, lines=2)
        self.refused("org", "export", "--for", "0" * 32, "--output", update,
                     says="no provider registry")
        self.ok("org", "export", "--for", me["registry"], "--out", update)
        self.refused("org", "update", update, says="not a provider's")
        self.env["UPPFOLJ_DB"] = os.path.join(self.dir, "att.db")
        self.assertEqual(self.ok("org", "update", update), "")
        units = json.loads(self.ok("--format", "json", "unit", "list", "--at", "2026-01-01"))
        self.assertEqual({u["code"]: u["name"] for u in units}["NORR"], "Norr, nya lokalen")
        self.refused("org", "update", org, says="older than the organisation this registry")

    def test_sql_looking_text_is_text(self):
        name = "x'); DROP TABLE committee; --"
        self.ok("committee", "add", "Q", name)
        rows = json.loads(self.ok("--format", "json", "committee", "list"))
        self.assertEqual(rows, [{"code": "Q", "name": name}])

    def test_db_option_and_env(self):
        other = os.path.join(self.dir, "other.db")
        self.ok("--db", other, "init")
        self.ok("--db", other, "committee", "add", "AN", "Äldrenämnden")
        self.assertEqual(json.loads(self.ok("--db", other, "--format", "json",
                                            "committee", "list"))[0]["code"], "AN")
        self.assertEqual(json.loads(self.ok("--format", "json", "committee", "list")), [])


class Refusals(Registry):
    def setUp(self):
        super().setUp()
        self.build_org()

    def test_unknown_and_duplicate_codes(self):
        self.refused("committee", "add", "AN", "Igen", says="committee 'AN' already exists")
        self.refused("unit", "add", "NORR", "Igen", "--parent", "LL-HT",
                     "--from", "2025-06-01", says="unit 'NORR' already exists")
        self.refused("assignment", "add", "X", "X", "--committee", "NOPE",
                     "--provider", "LL", "--kind", "contract",
                     says="committee: unknown committee 'NOPE'")
        self.refused("unit", "add", "X", "X", "--assignment", "LL-ALD", "--area",
                     "nope", says="area: unknown area 'nope'")
        self.refused("unit", "history", "NOPE", says="unknown unit 'NOPE'")

    def test_level3_under_level3(self):
        self.refused("unit", "add", "X", "X", "--parent", "NORR", "--from",
                     "2025-06-01", says="parent 'NORR': a level-3 unit")

    def test_moves_out_of_order(self):
        self.refused("unit", "move", "NORR", "--parent", "LL-HT", "--from",
                     "2024-12-31", says=["from '2024-12-31'", "not after the start"])
        self.ok("unit", "move", "NORR", "--parent", "LL-HT", "--from", "2026-07-01")
        self.refused("unit", "move", "NORR", "--parent", "ATT-2", "--from",
                     "2026-03-01", says="latest move, on 2026-07-01")

    def test_bad_values(self):
        self.refused("assignment", "add", "X", "X", "--committee", "AN",
                     "--provider", "LL", "--kind", "contract", "--from", "2026-02-30",
                     says="from '2026-02-30': not a valid date")
        self.refused("provider", "add", "X", "X", "--regime", "public",
                     says="regime 'public'")
        self.refused("committee", "add", "X", "", says="name: must not be empty")
        self.refused("committee", "add", "X", "å" * 201,
                     says="201 characters, longer than the limit of 200")
        self.refused("committee", "add", "X", "Nämnd ".encode() + b"\xff", says="name: not valid UTF-8")
        self.refused("committee", "add", "HT NORR", "X", says="code 'HT NORR'")
        self.refused("unit", "list", "--at", "2026-13-01", says="at '2026-13-01'")

    def test_personal_identity_number_never_echoed(self):
        err = self.refused("committee", "add", "X", "Nämnd 19811218-9876",
                           says="looks like a personal identity number")
        self.assertNotIn("9876", err)
        err = self.refused("unit", "list", "--at", "811218-9876", says="at")
        self.assertNotIn("9876", err)


DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data")


def read_xlsx(path):
    """What a spreadsheet holds, read from its XML: (sheet name, rows,
    each a dict of column index to (value, number format or None); the
    frozen rows; the column widths). Strings are text, numbers floats."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as z:
        strings = [si.findtext("m:t", "", ns) for si in
                   ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)]
        styles = ET.fromstring(z.read("xl/styles.xml"))
        formats = {f.get("numFmtId"): f.get("formatCode")
                   for f in styles.iter("{%s}numFmt" % ns["m"])}
        xfs = [formats.get(x.get("numFmtId")) for x in
               styles.find("m:cellXfs", ns).findall("m:xf", ns)]
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
        name = ET.fromstring(z.read("xl/workbook.xml")).find("m:sheets/m:sheet", ns).get("name")
    rows = []
    for row in sheet.iter("{%s}row" % ns["m"]):
        cells = {}
        for c in row.findall("m:c", ns):
            col = "".join(ch for ch in c.get("r") if ch.isalpha())
            v = c.findtext("m:v", None, ns)
            value = strings[int(v)] if c.get("t") == "s" else float(v)
            cells[ord(col) - ord("A")] = (value, xfs[int(c.get("s", 0))])
        rows.append(cells)
    pane = sheet.find("m:sheetViews/m:sheetView/m:pane", ns)
    widths = [float(c.get("width")) for c in sheet.iter("{%s}col" % ns["m"])]
    return name, rows, pane.get("ySplit") if pane is not None else None, widths


class WithMeasures(Registry):
    """An organisation and three measures; no tests of its own."""

    def setUp(self):
        super().setUp()
        self.measures()

    def measures(self):
        self.build_org()
        self.ok("unit", "add", "SODER", "Hemtjänst Söder", "--parent", "LL-HT",
                "--from", "2025-01-01")
        self.ok("measure", "add", "PLAN", "Planer enligt plan", "--kind", "result",
                "--type", "share", "--direction", "up")
        self.ok("measure", "add", "PLATS", "Platser", "--kind", "structure",
                "--type", "count", "--time", "stock")
        self.ok("measure", "add", "RUTIN", "Rutin", "--kind", "process", "--type",
                "yesno", "--frequency", "year", "--quality-area", "ledning")


class Values(WithMeasures):

    def test_catalogue_commands(self):
        areas = json.loads(self.ok("--format", "json", "quality-area", "list"))
        self.assertEqual(len(areas), 6)
        rows = json.loads(self.ok("--format", "json", "measure", "list", "--kind",
                                  "structure"))
        codes = [r["code"] for r in rows]
        self.assertIn("PLATS", codes)
        self.assertIn("STR-PLATSER", codes)
        out = self.ok("measure", "show", "RUTIN")
        self.assertIn("time_rule:       last", out)
        self.assertIn("quality_area:    ledning", out)
        self.refused("measure", "add", "X", "X", "--kind", "result", "--type", "share",
                     "--time", "flow", says="time 'flow'")
        self.refused("measure", "add", "X", "X", "--kind", "result", says="required",
                     code=2)

    def test_value_commands(self):
        self.ok("value", "set", "PLAN", "NORR", "2026-05", "3", "--den", "4")
        self.ok("value", "set", "PLAN", "SODER", "2026-05", "1", "--den=9",
                "--note", "en av nio")
        self.ok("value", "set", "PLATS", "NORR", "2026-05", "12")
        rows = json.loads(self.ok("--format", "json", "value", "list", "--unit", "SODER"))
        self.assertEqual(rows, [{"measure": "PLAN", "unit": "SODER", "period": "2026-05",
                                 "value": 1.0, "denominator": 9.0, "note": "en av nio",
                                 "batch": None, "line": None, "flagged": 0}])
        # A value recorded again without a note keeps its note; an empty
        # note removes it.
        self.ok("value", "set", "PLAN", "SODER", "2026-05", "2", "--den", "9")
        rows = json.loads(self.ok("--format", "json", "value", "list", "--unit", "SODER"))
        self.assertEqual((rows[0]["value"], rows[0]["note"]), (2.0, "en av nio"))
        self.ok("value", "set", "PLAN", "SODER", "2026-05", "2", "--den", "9", "--note", "")
        rows = json.loads(self.ok("--format", "json", "value", "list", "--unit", "SODER"))
        self.assertIsNone(rows[0]["note"])
        log = json.loads(self.ok("--format", "json", "log"))
        replaced = [e for e in log if e["op"] == "update" and e["key"] == "PLAN/SODER/2026-05"]
        self.assertEqual([json.loads(e["old"])["note"] for e in replaced], ["en av nio", "en av nio"])
        self.ok("value", "delete", "PLATS", "NORR", "2026-05")
        self.refused("value", "delete", "PLATS", "NORR", "2026-05", says="no value")
        self.assertEqual(len(json.loads(self.ok("--format", "json", "value", "list"))), 2)

    def test_refused_values(self):
        cases = [
            (["PLATS", "NORR", "2026-05", "-1"], "value '-1': a count must be a whole"),
            (["PLATS", "NORR", "2026-05", "1.5"], "value '1.5': a count"),
            (["PLAN", "NORR", "2026-05", "5", "--den", "4"], "a share's count must be 0 to"),
            (["PLAN", "NORR", "2026-05", "1", "--den", "0"], "denominator '0'"),
            (["PLAN", "NORR", "2026-05", "1"], "denominator: missing"),
            (["PLATS", "NORR", "2026-05", "1", "--den", "2"], "denominator '2': not allowed"),
            (["RUTIN", "NORR", "2026", "2"], "value '2': a yes/no value must be 0 or 1"),
            (["PLATS", "NORR", "2026-05", "nan"], "value 'nan': not a number"),
            (["PLATS", "NORR", "2026-05", "inf"], "value 'inf': not a number"),
            (["PLATS", "NORR", "2026-05", "tolv"], "value 'tolv': not a number"),
            (["RUTIN", "NORR", "2026-05", "1"], "period '2026-05': measure 'RUTIN' is recorded per year"),
            (["PLATS", "NORR", "2024-12", "1"], "unit 'NORR': not active during 2024-12"),
            (["PLATS", "LL-HT", "2026-05", "1"], "a level-2 unit"),
            (["PLATS", "NORR", "2026-T4", "1"], "tertial must be 1..3"),
            (["NOPE", "NORR", "2026-05", "1"], "unknown measure 'NOPE'"),
        ]
        for args, says in cases:
            with self.subTest(args=args):
                self.refused("value", "set", *args, says=says)

    def test_import_is_all_or_nothing(self):
        good = os.path.join(self.dir, "good.csv")
        bad = os.path.join(self.dir, "bad.csv")
        with open(good, "w", encoding="utf-8") as f:
            f.write("measure;unit;period;value;denominator\n"
                    "PLAN;NORR;2026-05;3;4\nPLATS;NORR;2026-05;12\n".replace(
                        "12\n", "12;\n"))
        with open(bad, "w", encoding="utf-8") as f:
            f.write("measure,unit,period,value,denominator\n"
                    "PLAN,NORR,2026-06,3,4\n"
                    "PLAN,NORR,2026-13,3,4\n"
                    "PLATS,NORR,2026-06,-2,\n")
        self.refused("import", "values", bad, lines=3,
                     says=["2 bad lines; nothing was written",
                           "\nline 3: period '2026-13'", "\nline 4: value '-2'"])
        self.assertEqual(self.ok("import", "values", good), "imported 2 values\n")
        with open(good, "rb") as f:
            p = subprocess.run([BIN, "import", "values", "-"], input=f.read(),
                               env=self.env, capture_output=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.refused("import", "values", os.path.join(self.dir, "none.csv"),
                     says="cannot be opened")

    def test_report_in_three_formats(self):
        self.ok("value", "set", "PLAN", "NORR", "2026-05", "1", "--den", "1")
        self.ok("value", "set", "PLAN", "SODER", "2026-05", "1", "--den", "9")
        self.ok("target", "set", "PLAN", "25", "--year", "2026")
        doc = json.loads(self.ok("--format", "json", "report", "values", "--period",
                                 "2026-05", "--level", "committee", "--measure", "PLAN"))
        self.assertEqual((doc["report"], doc["period"], doc["from"], doc["to"],
                          doc["level"]), ("values", "2026-05", "2026-05", "2026-05",
                                          "committee"))
        row = doc["rows"][0]
        self.assertEqual((row["node"], row["value"], row["numerator"], row["denominator"],
                          row["units_reported"], row["units_expected"], row["status"]),
                         ("AN", 20.0, 2.0, 10.0, 2, 2, "not_met"))
        rows = list(csv.DictReader(io.StringIO(self.ok(
            "--format", "csv", "report", "values", "--period", "2026-05",
            "--level", "3", "--measure", "PLAN"))))
        self.assertEqual([r["node"] for r in rows], ["NORR", "SODER"])
        table = self.ok("report", "values", "--period", "2026-05", "--measure", "PLAN")
        self.assertIn("units_expected", table.splitlines()[0])
        self.refused("report", "values", "--period", "2026-05", "--measure", "RUTIN",
                     says="finer than measure 'RUTIN'")
        self.refused("report", "values", "--measure", "PLAN", says="'--period' is required",
                     code=2)

    def test_targets_and_indicators(self):
        self.ok("target", "set", "PLAN", "85", "--year", "2026", "--assignment", "ATT-HT")
        rows = json.loads(self.ok("--format", "json", "target", "list", "--measure", "PLAN"))
        self.assertEqual(rows[0]["assignment"], "ATT-HT")
        self.refused("target", "set", "PLAN", "85", "--year", "2026", "--unit", "NOPE",
                     says="unknown unit 'NOPE'")
        self.ok("indicator", "add", "PLAN-PER-PLATS", "Planer per plats",
                "--numerator", "PLAN", "--denominator", "PLATS", "--factor", "100")
        rows = json.loads(self.ok("--format", "json", "indicator", "list"))
        self.assertIn("PLAN-PER-PLATS", [r["code"] for r in rows])
        # A year is a whole number: no fraction, exponent or comma is cut
        # down to one, in any command.
        for year in ("2026.7", "2,0271e3", "1e300", "+2026", "20260"):
            self.refused("target", "set", "PLAN", "85", "--year", year,
                         says=f"year '{year}': must be a whole year")
            self.refused("basic", "set", "NORR", "brandskydd", "--year", year,
                         "--routine", "yes", says=f"year '{year}': must be a whole year")

    def test_today_from_the_environment(self):
        self.env["UPPFOLJ_TODAY"] = "2026-05-04"
        number = self.ok("deviation", "add", "--unit", "NORR", "--type", "care",
                         "--occurred", "2026-05-01", "--summary", "Föll").strip()
        row = json.loads(self.ok("--format", "json", "deviation", "show", number))
        self.assertEqual(row["reported"], "2026-05-04")
        self.env["UPPFOLJ_TODAY"] = "2026-13-01"
        self.refused("deviation", "list", says="today '2026-13-01'")


class LivingData(WithMeasures):
    """Maintenance, applicability and data quality from the command line."""

    def test_maintenance(self):
        self.ok("committee", "rename", "AN", "Vård- och omsorgsnämnden")
        self.ok("provider", "rename", "ATT", "Attendo Sverige AB")
        self.ok("area", "rename", "hemtjanst", "Hemtjänst och service")
        self.ok("assignment", "rename", "ATT-HT", "Attendo hemtjänst 2025–2026")
        self.ok("unit", "rename", "NORR", "Hemtjänst Norra")
        self.assertIn("Hemtjänst Norra", self.ok("unit", "list", "--at", "2026-01-01"))
        log = self.ok("--format", "json", "log")
        self.assertIn('\\"name\\":\\"Hemtjänst Norr\\"', log)
        self.ok("value", "set", "PLATS", "NORR", "2026-10", "12")
        self.refused("assignment", "edit", "ATT-HT", "--to", "2026-09-30",
                     says="the change would leave 1 values")
        self.ok("assignment", "edit", "ATT-HT", "--to", "2026-10-31")
        self.ok("assignment", "edit", "ATT-HT", "--open-ended")
        self.refused("assignment", "edit", "ATT-HT", says="give --from, --to", code=2)
        self.ok("unit", "move", "SODER", "--parent", "ATT-2", "--from", "2026-06-01")
        self.ok("unit", "move", "--withdraw", "SODER", "--from", "2026-06-01")
        self.assertEqual(len(self.ok("unit", "history", "SODER").splitlines()), 2)
        self.ok("unit", "close", "SODER", "--on", "2026-06-30")
        self.refused("value", "set", "PLATS", "SODER", "2026-07", "3",
                     says="unit 'SODER': not active during 2026-07")
        self.refused("unit", "close", "SODER", "--on", "2026-07-31",
                     says="closed already")

    def test_catalogue_and_measures(self):
        self.ok("quality-area", "add", "trygghet", "Trygghet", "--description", "Att vara trygg")
        self.ok("goal", "add", "TRY-G1", "Den enskilde känner sig trygg", "--area", "trygghet")
        self.ok("method", "add", "vandring", "Trygghetsvandring")
        self.ok("measure", "edit", "PLATS", "--areas", "sarskilt_boende,korttid",
                "--goal", "TRY-G1", "--methods", "vandring", "--min", "0", "--max", "200",
                "--name", "Antal platser")
        show = self.ok("measure", "show", "PLATS")
        self.assertIn("areas:           korttid sarskilt_boende", show)
        self.assertIn("goals:           TRY-G1", show)
        self.assertIn("max:             200.0", show)
        self.assertIn("PLATS", self.ok("goal", "list", "--area", "trygghet"))
        self.assertIn("PLATS", self.ok("method", "list"))
        self.refused("value", "set", "PLATS", "NORR", "2026-05", "12",
                     says="unit 'NORR': in service area 'hemtjanst', where measure "
                          "'PLATS' does not apply")
        self.ok("measure", "edit", "PLATS", "--areas", "")
        self.refused("value", "set", "PLATS", "NORR", "2026-05", "500",
                     says="outside the plausible range 0..200")
        self.ok("value", "set", "PLATS", "NORR", "2026-05", "500", "--confirm")
        rows = json.loads(self.ok("--format", "json", "value", "list", "--measure", "PLATS"))
        self.assertEqual(rows[0]["flagged"], 1)
        self.ok("measure", "add", "BEV", "Beviljade", "--kind", "structure", "--type",
                "count", "--time", "stock")
        self.ok("rule", "add", "R1", "PLATS <= BEV", "--severity", "error")
        self.ok("value", "set", "BEV", "NORR", "2026-06", "10")
        self.refused("value", "set", "PLATS", "NORR", "2026-06", "11",
                     says="breaks rule R1 (PLATS <= BEV; BEV is 10)")
        self.assertIn("PLATS <= BEV", self.ok("rule", "list"))
        self.refused("measure", "edit", "PLATS", "--type", "amount",
                     says="measure 'PLATS': 1 value recorded")
        self.ok("measure", "retire", "RUTIN", "--from", "2027")
        self.refused("value", "set", "RUTIN", "NORR", "2027", "1",
                     says="measure 'RUTIN' is retired from 2027-01")
        self.ok("basic", "item", "add", "nutrition", "Nutrition", "--areas", "sarskilt_boende")
        self.refused("basic", "set", "NORR", "nutrition", "--year", "2026", "--routine",
                     "yes", says="where item 'nutrition' does not apply")
        self.ok("basic", "item", "edit", "nutrition", "--areas", "", "--name", "Måltider")
        self.ok("basic", "set", "NORR", "nutrition", "--year", "2026", "--routine", "yes")

    def test_quality_and_reminders(self):
        self.ok("value", "set", "PLATS", "NORR", "2026-05", "12")
        self.ok("value", "set", "PLATS", "SODER", "2026-05", "10")
        out = json.loads(self.ok("--format", "json", "report", "quality", "--period",
                                 "2026-05", "--measure", "PLATS", "--measure", "PLAN"))
        issues = sorted((r["measure"], r["unit"], r["issue"]) for r in out["rows"])
        self.assertEqual(issues, [("PLAN", "NORR", "missing"), ("PLAN", "SODER", "missing")])
        text = self.ok("--format", "csv", "report", "missing", "--period", "2026-T2",
                       "--measure", "PLATS")
        rows = list(csv.DictReader(io.StringIO(text)))
        self.assertEqual([(r["provider"], r["unit"], r["periods"]) for r in rows],
                         [("ATT", "NORR", "2026-06 2026-07 2026-08"),
                          ("LL", "SODER", "2026-06 2026-07 2026-08")])
        self.refused("report", "quality", "--period", "2026-05", "--z", "-1",
                     says="z '-1': must be a number above 0")

    def test_deviation_withdraw_and_duplicates(self):
        dev = self.ok("deviation", "add", "--unit", "NORR", "--type", "care", "--occurred",
                      "2026-05-01", "--reported", "2026-05-01", "--summary", "Föll").strip()
        self.ok("deviation", "withdraw", dev, "--reason", "Registrerad två gånger",
                "--on", "2026-05-02")
        self.assertIn("withdrawn", self.ok("deviation", "show", dev))
        self.refused("deviation", "investigate", dev, "--on", "2026-05-03",
                     says="withdrawn; it takes no further step")
        path = os.path.join(self.dir, "d.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("unit,type,occurred,summary\nNORR,care,2026-05-04,Fel dos\n"
                    "NORR,care,2026-05-04,Fel dos\n")
        self.refused("import", "deviations", path, lines=2,
                     says="line 3: the same unit, type, day and summary as line 2")
        self.assertIn("imported 2", self.ok("import", "deviations", "--allow-duplicates",
                                            path))


class FollowUpCycle(WithMeasures):
    """A year of follow-up from the command line."""

    def plan(self):
        self.ok("plan", "add", "2026", "--committee", "AN")
        self.ok("activity", "add", "GP", "Genomförandeplaner", "--plan", "2026",
                "--committee", "AN", "--kind", "individual", "--area", "personcentrerat",
                "--method", "granskning_gp", "--scope", "all", "--start", "2026-02-01",
                "--due", "2026-06-30")
        self.ok("activity", "add", "AVTAL", "Avtal Attendo", "--plan", "2026", "--committee",
                "AN", "--kind", "assignment", "--area", "ledning", "--method", "granskning",
                "--scope", "assignment:ATT-HT", "--start", "2026-03-01", "--due", "2026-05-31")
        self.ok("plan", "decide", "2026", "--committee", "AN", "--on", "2026-01-20",
                "--reference", "ÄN 2026/12")

    def test_plan(self):
        self.plan()
        self.refused("activity", "add", "MAT", "Måltider", "--plan", "2026", "--committee",
                     "AN", "--kind", "thematic", "--area", "kunskapsbaserad", "--method",
                     "fokusgrupper", "--scope", "regime:private", "--start", "2026-04-01",
                     "--due", "2026-09-30", says="give its reason")
        self.ok("activity", "add", "MAT", "Måltider", "--plan", "2026", "--committee", "AN",
                "--kind", "thematic", "--area", "kunskapsbaserad", "--method", "fokusgrupper",
                "--scope", "regime:private", "--scope", "regime:in_house", "--start",
                "2026-04-01", "--due", "2026-09-30", "--reason", "Brister i måltidsmiljön",
                "--on", "2026-03-15")
        self.ok("activity", "start", "GP", "--on", "2026-02-02")
        self.ok("activity", "move", "AVTAL", "--start", "2026-03-01", "--due", "2026-08-31",
                "--reason", "Avtalet förlängs", "--on", "2026-05-15")
        self.ok("activity", "cancel", "MAT", "--reason", "Ingår i tillsyn", "--on",
                "2026-05-01")
        out = self.ok("plan", "show", "2026", "--committee", "AN", "--as", "decided")
        self.assertIn("2026-05-31", out)
        self.assertNotIn("MAT", out)
        out = self.ok("plan", "show", "2026", "--committee", "AN")
        self.assertIn("2026-08-31", out)
        self.assertIn("revisions:  3", out)
        revisions = json.loads(self.ok("--format", "json", "plan", "revisions", "2026",
                                       "--committee", "AN"))
        self.assertEqual([r["change"] for r in revisions], ["added", "cancelled", "moved"])
        show = json.loads(self.ok("--format", "json", "activity", "show", "AVTAL"))[0]
        self.assertEqual((show["responsible"], show["scope"]), ("administration",
                                                            "assignment:ATT-HT"))
        overdue = json.loads(self.ok("--format", "json", "activity", "list", "--overdue",
                                     "--at", "2026-07-01"))
        self.assertEqual([a["code"] for a in overdue], ["GP"])
        rows = json.loads(self.ok("--format", "json", "report", "plan", "--year", "2026",
                                  "--at", "2026-07-01"))["rows"]
        kinds = {r["key"]: r for r in rows if r["dimension"] == "kind"}
        self.assertEqual((kinds["individual"]["started"], kinds["individual"]["overdue"]),
                         (1, 1))
        self.assertEqual(kinds["thematic"]["cancelled"], 1)
        self.assertIn("2026", self.ok("plan", "list"))
        self.ok("goal", "add", "AN-M1", "Aktuella planer", "--area", "personcentrerat",
                "--committee", "AN", "--year", "2026")
        self.ok("measure", "edit", "PLAN", "--goal", "AN-M1")
        self.ok("target", "set", "PLAN", "80", "--year", "2026")
        self.ok("value", "set", "PLAN", "NORR", "2026-05", "9", "--den", "10")
        goals = json.loads(self.ok("--format", "json", "report", "goals", "--year", "2026"))
        self.assertEqual((goals["rows"][0]["goal"], goals["rows"][0]["goal_status"]),
                         ("AN-M1", "met"))
        self.refused("activity", "add", "X", "X", "--plan", "2026", "--committee", "AN",
                     "--kind", "x", says="kind 'x': must be one of individual")
        self.refused("activity", "add", "X", "X", "--plan", "2026", "--kind", "goal",
                     says="'--committee' is required", code=2)

    def test_reviews(self):
        self.plan()
        self.ok("instrument", "add", "GP", "Genomförandeplaner", "--method", "granskning_gp",
                "--scale", "yes_no")
        self.ok("instrument", "criterion", "add", "GP", "AKTUELL", "Planen är aktuell",
                "--area", "personcentrerat")
        self.ok("instrument", "add", "AV", "Avtalskrav", "--method", "granskning", "--scale",
                "met_remark_deficiency")
        self.ok("instrument", "criterion", "add", "AV", "BEMANNING", "Bemanning enligt avtal")
        self.assertIn("REV-GP-AKTUELL", self.ok("instrument", "show", "GP"))
        self.assertIn("met_remark_deficiency", self.ok("instrument", "list"))
        first = self.ok("review", "add", "--activity", "GP", "--instrument", "GP", "--unit",
                        "NORR", "--case", "GP-1", "--on", "2026-03-05").strip()
        self.ok("review", "answer", first, "AKTUELL", "yes")
        self.refused("review", "add", "--activity", "GP", "--instrument", "GP", "--unit",
                     "NORR", "--case", "19811218-9876", "--on", "2026-03-05",
                     says="case: looks like a personal identity number")
        path = os.path.join(self.dir, "r.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("activity;instrument;unit;assignment;case;date;criterion;answer;note\n"
                    "GP;GP;SODER;;GP-2;2026-03-06;AKTUELL;no;Inaktuell\n")
        self.assertIn("imported 1 answer", self.ok("review", "import", path))
        self.assertEqual(len(json.loads(self.ok("--format", "json", "review", "list",
                                                "--activity", "GP"))), 2)
        review = json.loads(self.ok("--format", "json", "report", "review", "--activity",
                                    "GP"))["rows"]
        self.assertEqual((review[0]["answers"], review[0]["share"]), (2, 50.0))
        values = json.loads(self.ok("--format", "json", "report", "values", "--period",
                                    "2026-03", "--level", "total", "--measure",
                                    "REV-GP-AKTUELL"))["rows"]
        self.assertEqual(values[0]["value"], 50.0)
        contract = self.ok("review", "add", "--activity", "AVTAL", "--instrument", "AV",
                           "--assignment", "ATT-HT", "--on", "2026-03-10").strip()
        self.ok("review", "answer", contract, "BEMANNING", "deficiency", "--note",
                "Natt underbemannad", "--due", "2026-04-30")
        open_ = json.loads(self.ok("--format", "json", "correction", "list", "--open"))
        self.assertEqual((open_[0]["provider"], open_[0]["due"]), ("ATT", "2026-04-30"))
        number = str(open_[0]["id"])
        self.ok("correction", "reply", number, "--on", "2026-04-10", "--text",
                "Bemanningen utökad")
        self.ok("correction", "verify", number, "--on", "2026-04-20")
        self.assertEqual(self.ok("--format", "json", "correction", "list", "--open").strip(),
                         "[]")
        self.refused("review", "answer", contract, "BEMANNING", "maybe",
                     says="answer 'maybe': must be one of")


class FollowUpActions(WithMeasures):
    """Findings, the overall assessment, actions, stakeholders and
    supervision from the command line."""

    plan = FollowUpCycle.plan

    def test_findings_and_assessment(self):
        self.plan()
        self.ok("target", "set", "PLAN", "80", "--year", "2026")
        self.ok("value", "set", "PLAN", "NORR", "2026-05", "6", "--den", "10")
        self.ok("measure", "edit", "PLAN", "--quality-area", "personcentrerat")
        number = self.ok("finding", "add", "--activity", "GP", "--unit", "NORR",
                         "--quality-area", "personcentrerat", "--grade", "deficiency",
                         "--text", "Planerna är inaktuella", "--evidence", "PLAN:2026",
                         "--on", "2026-06-01").strip()
        self.assertEqual(number, "1")
        self.ok("value", "set", "PLAN", "NORR", "2026-05", "9", "--den", "10")
        evidence = json.loads(self.ok("--format", "json", "finding", "evidence", "1"))
        self.assertEqual(evidence[0]["value"], 60.0)
        self.refused("finding", "add", "--activity", "GP", "--unit", "NORR", "--regime",
                     "private", "--quality-area", "personcentrerat", "--grade", "strength",
                     "--text", "x", says="give one of --unit", code=2)
        self.refused("finding", "add", "--activity", "GP", "--unit", "NORR",
                     "--quality-area", "personcentrerat", "--grade", "strength", "--text",
                     "x", "--evidence", "PLAN", says="evidence 'PLAN': not MEASURE:PERIOD")
        self.assertIn("inaktuella", self.ok("finding", "list", "--grade", "deficiency"))
        self.ok("assessment", "set", "--committee", "AN", "--year", "2026", "--quality-area",
                "personcentrerat", "--grade", "acceptable", "--rationale", "Mest bra",
                "--on", "2026-11-01")
        self.ok("assessment", "set", "--committee", "AN", "--year", "2026", "--quality-area",
                "personcentrerat", "--grade", "improvement_needed", "--rationale",
                "Brister hos Attendo", "--on", "2026-11-20")
        history = json.loads(self.ok("--format", "json", "assessment", "history",
                                     "--committee", "AN", "--year", "2026"))
        self.assertEqual([h["current"] for h in history], [0, 1])
        self.refused("assessment", "set", "--committee", "AN", "--year", "2026",
                     "--quality-area", "personcentrerat", "--grade", "bad", "--rationale",
                     "x", says="grade 'bad': must be one of good")
        grid = json.loads(self.ok("--format", "json", "report", "assessment", "--year",
                                  "2026", "--committee", "AN"))["rows"]
        cell = [r for r in grid if r["quality_area"] == "personcentrerat"][0]
        self.assertEqual((cell["grade"], cell["deficiencies"], cell["measures"],
                          cell["measures_met"]), ("improvement_needed", 1, 1, 1))

    def test_actions(self):
        self.plan()
        first = self.ok("action", "add", "--from", "activity:AVTAL", "--text",
                        "Ny bemanningsplan", "--responsible", "Attendo", "--due",
                        "2026-06-30", "--on", "2026-05-02").strip()
        self.ok("action", "done", first, "--on", "2026-06-15")
        self.ok("action", "evaluate", first, "--effect", "achieved", "--on", "2026-09-01",
                "--note", "Bemanningen följer avtalet")
        self.refused("action", "evaluate", first, "--effect", "partly",
                     says="evaluated already, on 2026-09-01")
        second = self.ok("action", "add", "--from", "measure:PLAN:2026", "--unit", "NORR",
                         "--text", "Planerna ses över", "--responsible", "Enhetschef",
                         "--due", "2026-08-31", "--on", "2026-06-01").strip()
        self.refused("action", "add", "--from", "issue:4", "--text", "x", "--responsible",
                     "y", says="source 'issue:4': not deviation:ID")
        self.refused("action", "frob", says="expected 'add', 'done', 'evaluate'", code=2)
        overdue = json.loads(self.ok("--format", "json", "action", "list", "--overdue",
                                     "--at", "2026-10-01"))
        self.assertEqual([a["id"] for a in overdue], [int(second)])
        kinds = json.loads(self.ok("--format", "json", "action", "list", "--from-kind",
                                   "activity"))
        self.assertEqual((kinds[0]["assignment"], kinds[0]["effect"]), ("ATT-HT", "achieved"))
        rows = json.loads(self.ok("--format", "json", "report", "actions", "--period", "2026",
                                  "--committee", "AN", "--level", "1"))["rows"]
        self.assertEqual({r["source"]: (r["decided"], r["done"]) for r in rows},
                         {"activity": (1, 1), "measure": (1, 0)})
        number = self.ok("deviation", "add", "--unit", "NORR", "--type", "complaint",
                         "--occurred", "2026-05-01", "--summary", "Sena besök",
                         "--origin", "external").strip()
        self.ok("deviation", "action", "add", number, "--text", "Ny planering",
                "--responsible", "Chef", "--on", "2026-05-03")
        self.assertIn("deviation", self.ok("action", "list", "--open"))

    def test_stakeholders_inform_and_supervision(self):
        self.plan()
        self.ok("stakeholder", "add", "ATT", "Attendo", "--kind", "provider")
        self.refused("stakeholder", "add", "X", "X", "--kind", "press",
                     says="kind 'press': must be one of users")
        self.ok("activity", "edit", "GP", "--stakeholder", "ATT", "--title",
                "Granskning av genomförandeplaner")
        self.assertIn("ATT", self.ok("activity", "show", "GP"))
        self.ok("activity", "start", "GP", "--on", "2026-02-02")
        self.ok("activity", "done", "GP", "--on", "2026-06-20")
        self.refused("inform", "--activity", "GP", "--stakeholder", "ATT", "--how", "email",
                     says="how 'email'")
        self.ok("inform", "--activity", "GP", "--stakeholder", "ATT", "--how", "meeting",
                "--on", "2026-06-25")
        rows = json.loads(self.ok("--format", "json", "report", "information", "--year",
                                  "2026"))["rows"]
        self.assertEqual((rows[0]["stakeholder"], rows[0]["informed_on"]),
                         ("ATT", "2026-06-25"))
        number = self.ok("supervision", "add", "--authority", "IVO", "--unit", "ATT-2",
                         "--summary", "Tillsyn nattetid", "--received", "2026-03-01",
                         "--due", "2026-04-01").strip()
        self.refused("supervision", "add", "--authority", "IVO", "--summary", "x", "--due",
                     "2026-04-01", says="give one of --unit or --assignment", code=2)
        listed = json.loads(self.ok("--format", "json", "supervision", "list", "--at",
                                    "2026-03-25"))
        self.assertEqual((listed[0]["days_left"], listed[0]["reminder"]), (7, "due"))
        self.ok("supervision", "respond", number, "--on", "2026-03-30")
        self.ok("supervision", "close", number, "--on", "2026-04-15")
        self.assertEqual(self.ok("--format", "json", "supervision", "list", "--open").strip(),
                         "[]")


class CommitteeReports(WithMeasures):
    """Reporting to the committee, period locks and settings."""

    def test_build_present_and_lock(self):
        for month, n in (("2026-01", 7), ("2026-02", 8), ("2026-03", 6), ("2026-04", 9)):
            self.ok("value", "set", "PLAN", "NORR", month, str(n), "--den", "10")
        number = self.ok("committee-report", "build", "--committee", "AN", "--kind",
                         "interim", "--period", "2026-T1").strip()
        self.assertEqual(number, "1")
        text = os.path.join(self.dir, "summary.txt")
        with open(text, "w", encoding="utf-8") as f:
            f.write("Planerna följs.\n\nMer i tabellerna.")
        self.ok("committee-report", "text", "1", "--section", "summary", "--file", text)
        md = self.ok("--format", "md", "committee-report", "show", "1")
        self.assertIn("# Delårsrapport 2026-T1", md)
        self.assertIn("Planerna följs.", md)
        self.assertIn("75\u00a0%", md)  # 30 of 40, the Swedish way
        self.refused("committee-report", "text", "1", "--section", "summary",
                     says="give one of --file and --text", code=2)
        self.refused("committee-report", "build", "--committee", "AN", "--kind", "monthly",
                     "--period", "2026", says="kind 'monthly'")
        self.refused("--format", "csv", "committee-report", "show", "1",
                     says="a report is json, md, html or pdf", code=2)
        self.refused("--format", "html", "committee-report", "list",
                     says="format 'html': must be table, csv, json or xlsx", code=2)
        self.ok("committee-report", "present", "1", "--meeting", "2026-05-20",
                "--reference", "AN 2026/5")
        self.assertEqual(self.ok("committee-report", "verify", "1"),
                         "committee report 1: intact\n")
        html = os.path.join(self.dir, "r.html")
        self.ok("--format", "html", "committee-report", "show", "1", "--output", html)
        self.assertEqual(os.stat(html).st_mode & 0o777, 0o600)
        with open(html, encoding="utf-8") as f:
            self.assertIn("AN 2026/5", f.read())
        self.refused("committee-report", "text", "1", "--section", "summary", "--text",
                     "Nytt", says="presented; it never changes")
        self.refused("value", "set", "PLAN", "NORR", "2026-02", "5", "--den", "10",
                     says="locked for unit 'NORR' by committee report 1")
        received = json.loads(self.ok("--format", "json", "committee-report", "received",
                                      "--committee", "AN", "--year", "2026"))
        self.assertEqual(received["rows"][0]["reference"], "AN 2026/5")
        self.assertEqual(json.loads(self.ok("--format", "json", "committee-report", "diff",
                                            "1")), [])
        self.ok("period", "unlock", "--committee", "AN", "--period", "2026-02",
                "--reason", "Fel i februari")
        self.ok("value", "set", "PLAN", "NORR", "2026-02", "4", "--den", "10")
        diff = json.loads(self.ok("--format", "json", "committee-report", "diff", "1"))
        self.assertIn({"section": "measures_2", "measure": "PLAN", "node": "ATT-2",
                       "column": "value", "presented": 75.0, "now": 65.0,
                       "note": "changed"}, diff)
        locks = self.ok("period", "list-locks")
        self.assertIn("Fel i februari", locks)
        self.ok("period", "lock", "--committee", "AN", "--period", "2026-T2")
        self.refused("period", "lock", "--committee", "AN", "--period", "2026-05",
                     says="already locked")
        self.ok("setting", "set", "disclosure_threshold", "3")
        self.assertIn("disclosure_threshold  3", self.ok("setting", "list"))
        self.refused("setting", "set", "disclosure_threshold", "many",
                     says="value 'many': disclosure_threshold must be a whole number")

    def test_values_trend(self):
        for month, n in (("2026-01", 7), ("2026-02", 8), ("2026-03", 6)):
            self.ok("value", "set", "PLAN", "NORR", month, str(n), "--den", "10")
        out = self.ok("--columns", "period,measure,node,value", "report", "values",
                      "--period", "2026-Q1", "--measure", "PLAN", "--level", "committee",
                      "--trend")
        self.assertEqual([line.split() for line in out.splitlines()],
                         [["period", "measure", "node", "value"],
                          ["2026-01", "PLAN", "AN", "70.0"], ["2026-02", "PLAN", "AN", "80.0"],
                          ["2026-03", "PLAN", "AN", "60.0"]])

    def test_pdf_needs_chromium(self):
        self.ok("committee-report", "build", "--committee", "AN", "--kind", "adhoc",
                "--period", "2026")
        env = self.env
        self.env = dict(env, UPPFOLJ_CHROMIUM="no-such-browser")
        err = self.run_cli("--format", "pdf", "committee-report", "show", "1", "--output",
                           os.path.join(self.dir, "r.pdf"), code=1)[1]
        self.env = env
        self.assertIn("needs headless Chromium", err)
        self.assertIn("apt-get install chromium", err)

    def test_pdf_page_waits_in_tmpdir(self):
        """The HTML handed to the browser is written in $TMPDIR, private,
        and removed after."""
        self.ok("committee-report", "build", "--committee", "AN", "--kind", "adhoc",
                "--period", "2026")
        tmp = os.path.join(self.dir, "tmp")
        os.mkdir(tmp)
        seen = os.path.join(self.dir, "seen")
        browser = os.path.join(self.dir, "browser")
        with open(browser, "w") as f:
            # A stand-in for Chromium: notes the page it was given and its
            # mode, and prints it as the "PDF".
            f.write('#!/bin/sh\nfor a; do case "$a" in\n'
                    '  --print-to-pdf=*) out="${a#--print-to-pdf=}" ;;\n'
                    '  file://*) page="${a#file://}" ;;\nesac; done\n'
                    'stat -c "%%a %%n" "$page" > "%s"\ncp "$page" "$out"\n' % seen)
        os.chmod(browser, 0o700)
        env = self.env
        self.env = dict(env, UPPFOLJ_CHROMIUM=browser, TMPDIR=tmp)
        pdf = os.path.join(self.dir, "r.pdf")
        self.ok("--format", "pdf", "committee-report", "show", "1", "--output", pdf)
        self.env = env
        with open(seen) as f:
            mode, page = f.read().split()
        self.assertEqual(os.path.dirname(page), tmp)
        self.assertRegex(os.path.basename(page), r"^uppfolj-report-\w{6}\.html$")
        self.assertEqual(mode, "600")
        self.assertEqual(os.listdir(tmp), [])
        with open(pdf, encoding="utf-8") as f:
            self.assertIn("<html", f.read())
        self.assertEqual(oct(os.stat(pdf).st_mode & 0o777), "0o600")


class Exchange(WithMeasures):
    def test_kolada_and_comparison(self):
        # The catalogue's user-survey shares carry U21468 and U23471.
        rows = json.loads(self.ok("--format", "json", "import", "kolada",
                                  os.path.join(DATA, "kolada_v2.json")))
        self.assertEqual(rows[0], {"kpi": "U21468", "measures": "RES-NOJD-HT", "rows": 4,
                                   "deleted": 0, "notes": None})
        self.assertEqual({r["kpi"] for r in rows if r["measures"] is None}, {"N00945"})
        self.ok("value", "set", "RES-NOJD-HT", "NORR", "2025", "13", "--den", "20")
        doc = json.loads(self.ok("--format", "json", "report", "values", "--period", "2025",
                                 "--level", "total", "--measure", "RES-NOJD-HT",
                                 "--compare", "national"))
        self.assertEqual((doc["rows"][0]["value"], doc["rows"][0]["reference"]), (65.0, 15.5))
        doc = json.loads(self.ok("--format", "json", "report", "values", "--period", "2025",
                                 "--level", "total", "--measure", "RES-NOJD-HT",
                                 "--compare", "municipality", "0580", "--gender", "M"))
        self.assertEqual(doc["rows"][0]["reference"], 16.0)
        with open(os.path.join(DATA, "kolada_v3.json"), "rb") as f:
            p = subprocess.run([BIN, "import", "kolada", "-"], input=f.read(),
                               env=self.env, capture_output=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        bad = os.path.join(self.dir, "bad.json")
        with open(bad, "w") as f:
            f.write('{"values": [{"kpi": "U1", "municipality": "0580", "period": 2025, '
                    '"values": [{"gender": "X", "value": 1}]}]}')
        self.refused("import", "kolada", bad, lines=2,
                     says=["1 bad value", "$.values[0].values[0]: gender 'X'"])
        self.refused("report", "values", "--period", "2025", "0580", says="unexpected",
                     code=2)

    def test_kolada_pages_groups_and_other_references(self):
        page1, page2 = (os.path.join(DATA, "kolada_v3_page%d.json" % n) for n in (1, 2))
        self.refused("import", "kolada", page1,
                     says=["page 1 of its response has a next page", "--partial"])
        rows = json.loads(self.ok("--format", "json", "import", "kolada", page2, page1))
        self.assertEqual(rows, [{"kpi": "U21468", "measures": "RES-NOJD-HT", "rows": 7,
                                 "deleted": 0, "notes": None}])
        rows = json.loads(self.ok("--format", "json", "import", "kolada", "--partial", page1))
        self.assertEqual(rows[0]["notes"], "partial: a page of the response was not imported")
        self.assertIn('"partial":1', self.ok("log"))
        self.ok("value", "set", "RES-NOJD-HT", "NORR", "2025", "13", "--den", "20")

        def compare(*args):
            doc = json.loads(self.ok("--format", "json", "report", "values", "--period",
                                     "2025", "--level", "total", "--measure", "RES-NOJD-HT",
                                     "--compare", *args))
            return doc["rows"][0]["reference"], doc["rows"][0]["reference_status"]
        self.assertEqual(compare("group", "G33612"), (85.5, None))
        self.assertEqual(compare("ou", "V21E058000101"), (91.0, None))
        self.assertEqual(compare("municipality", "1480"), (None, "Missing"))
        self.assertEqual(compare("municipality", "0580", "--gender", "K"),
                         (None, "no figure for gender K"))
        self.assertEqual(compare("municipality", "2480"), (None, "not imported"))
        self.refused("report", "values", "--period", "2025", "--compare", "group", "0580",
                     says="group '0580': a municipality group's id starts with G")
        self.refused("report", "values", "--period", "2025", "--compare", "kommun",
                     says=["compare 'kommun'", "group, ou"])
        # Figures from elsewhere, in the Swedish dialect.
        csv = os.path.join(self.dir, "ref.csv")
        with open(csv, "w", encoding="utf-8-sig", newline="") as f:
            f.write("kpi;kind;area;year;gender;value;status\r\n"
                    "U21468;municipality;2480;2025;T;77,5;\r\n")
        self.assertIn("RES-NOJD-HT", self.ok("import", "reference", csv))
        self.assertEqual(compare("municipality", "2480"), (77.5, None))
        listed = json.loads(self.ok("--format", "json", "reference", "list", "--kpi", "U21468"))
        self.assertEqual([r["source"] for r in listed if r["area"] == "2480"], ["csv"])
        self.assertEqual(len(listed), 8)

    def test_spreadsheet(self):
        self.ok("value", "set", "PLAN", "NORR", "2026-05", "3", "--den", "4")
        self.ok("value", "set", "PLAN", "SODER", "2026-05", "1", "--den", "3")
        self.ok("value", "set", "PLATS", "NORR", "2026-05", "12")
        # In a table, a measure's numbers show the same decimals; the data
        # as they are elsewhere.
        table = self.ok("report", "values", "--period", "2026-05", "--level", "3",
                        "--measure", "PLAN", "--columns", "node,value")
        self.assertEqual(table.split("\n")[1:3], ["NORR   75.00", "SODER  33.33"])
        csv_text = self.ok("--format", "csv", "report", "values", "--period", "2026-05",
                           "--level", "3", "--measure", "PLAN", "--columns", "node,value")
        self.assertIn("NORR,75.0", csv_text)
        out = os.path.join(self.dir, "r.xlsx")
        argv = ["report", "values", "--period", "2026-05", "--level", "3", "--format", "xlsx",
                "--output", out, "--columns", "measure,node,value,numerator"]
        p = subprocess.run([BIN, *argv], env=self.env, capture_output=True, text=True)
        if "built without libxlsxwriter" in p.stderr:
            self.skipTest("this uppfolj was built without libxlsxwriter")
        self.ok(*argv)
        self.assertEqual(stat.S_IMODE(os.stat(out).st_mode), 0o600)
        name, rows, frozen, widths = read_xlsx(out)
        self.assertEqual((name, frozen), ("report values", "1"))
        self.assertEqual([rows[0][k][0] for k in range(4)],
                         ["measure", "node", "value", "numerator"])
        got = {(r[0][0], r[1][0]): (r.get(2), r.get(3)) for r in rows[1:]}
        # A share: a number with one decimal; a count: a whole number.
        self.assertEqual(got[("PLAN", "NORR")], ((75.0, "#,##0.0"), (3.0, "#,##0.0")))
        self.assertEqual(got[("PLATS", "NORR")][0], (12.0, "#,##0"))
        self.assertEqual(len(widths), 4)
        self.assertGreaterEqual(widths[0], len("measure") + 2)
        self.refused("report", "values", "--period", "2026-05", "--format", "xlsx",
                     says="--format xlsx needs --output FILE", code=2)
        self.refused("report", "values", "--period", "2026-05", "--format", "xlsx",
                     "--output", out, "--columns", "nope", says="no column 'nope'", code=2)
        export = os.path.join(self.dir, "e.xlsx")
        self.ok("export", "values", "--format", "xlsx", "--output", export)
        name, rows, frozen, _ = read_xlsx(export)
        self.assertEqual([rows[0][k][0] for k in range(6)],
                         ["measure", "unit", "period", "value", "denominator", "note"])
        self.assertIn(("PLATS", "NORR", "2026-05", 12.0),
                      [tuple(r[k][0] for k in range(4)) for r in rows[1:]])

    def test_swedish_csv_and_xlsx_open_in_a_spreadsheet(self):
        # LibreOffice with the Swedish locale stands in for Swedish Excel:
        # the sv dialect lands in columns, numbers as numbers; and what
        # --format xlsx writes opens.
        soffice = shutil.which("soffice")
        if not soffice:
            self.skipTest("LibreOffice is not installed (Debian: apt-get install "
                          "libreoffice-calc-nogui); ./build.sh test installs it")
        self.ok("value", "set", "PLAN", "NORR", "2026-05", "3", "--den", "4")
        self.ok("value", "set", "PLAN", "SODER", "2026-05", "1", "--den", "3")
        self.ok("value", "set", "PLATS", "NORR", "2026-05", "1234")
        path = os.path.join(self.dir, "sv.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(self.ok("--csv-dialect", "sv", "--format", "csv", "report", "values",
                            "--period", "2026-05", "--level", "3", "--columns",
                            "measure,node,node_name,value,numerator"))
        out = os.path.join(self.dir, "lo")
        profile = "file://" + os.path.join(self.dir, "lo-profile")

        def convert(source, to, infilter=None):
            argv = [soffice, "-env:UserInstallation=" + profile, "--headless"]
            if infilter:
                argv.append("--infilter=" + infilter)
            p = subprocess.run(argv + ["--convert-to", to, "--outdir", out, source],
                               capture_output=True, text=True, timeout=120)
            self.assertEqual(p.returncode, 0, p.stderr)
        # Semicolons, UTF-8, the Swedish locale (1053): as Excel opens it.
        convert(path, "xlsx", "CSV:59,34,76,1,,1053")
        _, rows, _, _ = read_xlsx(os.path.join(out, "sv.xlsx"))
        self.assertEqual([rows[0][k][0] for k in range(5)],
                         ["measure", "node", "node_name", "value", "numerator"])
        got = {(r[0][0], r[1][0]): r for r in rows[1:]}
        self.assertEqual(got[("PLAN", "NORR")][3][0], 75.0)
        self.assertEqual(got[("PLAN", "NORR")][4][0], 3.0)
        self.assertEqual(got[("PLAN", "SODER")][3][0], 33.33)
        self.assertEqual(got[("PLATS", "NORR")][3][0], 1234.0)
        self.assertEqual(got[("PLAN", "NORR")][2][0], "Hemtjänst Norr")
        # The spreadsheet uppfolj writes, read by LibreOffice.
        sheet = os.path.join(self.dir, "r.xlsx")
        p = subprocess.run([BIN, "report", "values", "--period", "2026-05", "--level", "3",
                            "--format", "xlsx", "--output", sheet, "--columns",
                            "measure,node,value"], env=self.env, capture_output=True,
                           text=True)
        if "built without libxlsxwriter" in p.stderr:
            return
        self.assertEqual(p.returncode, 0, p.stderr)
        convert(sheet, "csv")
        with open(os.path.join(out, "r.csv"), encoding="utf-8") as f:
            lines = f.read().splitlines()
        self.assertEqual(lines[0], "measure,node,value")
        self.assertIn("PLAN,SODER,33.33", [line.replace('"', "") for line in lines])

    def test_export_import_round_trip(self):
        note = 'anteckning, med "citat"; och\nradbrytning'
        for args in [("PLAN", "NORR", "2026-05", "3", "--den", "4", "--note", note),
                     ("PLAN", "SODER", "2026-05", "1", "--den", "9"),
                     ("PLAN", "SODER", "2026-06", "2", "--den", "3"),
                     ("PLATS", "NORR", "2026-05", "12"), ("PLATS", "NORR", "2026-06", "14"),
                     ("PLATS", "SODER", "2025-06", "7"), ("RUTIN", "SODER", "2026", "1"),
                     ("RUTIN", "NORR", "2026", "0")]:
            self.ok("value", "set", *args)
        exported = self.ok("export", "values")
        self.assertIn('"anteckning, med ""citat""; och\nradbrytning"', exported)
        reports = [("--period", "2026-T2", "--level", "total", "--compare", "previous"),
                   ("--period", "2026", "--level", "3"),
                   ("--period", "2026-05..2026-06", "--level", "1", "--by", "regime")]
        before = [self.ok("--format", "json", "report", "values", *r) for r in reports]
        path = os.path.join(self.dir, "export.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(exported)
        self.env["UPPFOLJ_DB"] = os.path.join(self.dir, "copy.db")
        self.ok("init")
        self.measures()
        self.assertEqual(self.ok("import", "values", path), "imported 8 values\n")
        after = [self.ok("--format", "json", "report", "values", *r) for r in reports]
        self.assertEqual(after, before)
        self.assertEqual(self.ok("export", "values"), exported)
        self.assertEqual(json.loads(self.ok("--format", "json", "export", "values",
                                            "--period", "2025"))[0]["value"], 7.0)


class Deviations(WithMeasures):
    def test_workflow(self):
        out = self.ok("deviation", "add", "--unit", "NORR", "--type", "lex_sarah",
                      "--occurred", "2026-03-02", "--reported", "2026-03-03",
                      "--category", "bemotande", "--summary", "Lämnades ensam vid måltid")
        dev = out.strip()
        self.assertEqual(dev, "1")
        self.refused("deviation", "action", "immediate", dev, "--text", "Extra tillsyn",
                     "--responsible", "Enhetschef", says="'--on' is required", code=2)
        first = self.ok("deviation", "action", "immediate", dev, "--text", "Extra tillsyn",
                        "--responsible", "Enhetschef", "--on", "2026-03-02").strip()
        self.refused("deviation", "close", dev, "--on", "2026-03-04",
                     says="cannot close; its status is 'registered', and the next "
                          "step is: investigate")
        self.ok("deviation", "investigate", dev, "--on", "2026-03-04")
        self.refused("deviation", "assess", dev, "--assessment", "injury", "--on",
                     "2026-03-10", says="assessment 'injury'")
        self.ok("deviation", "assess", dev, "--assessment", "serious", "--on", "2026-03-10")
        self.ok("deviation", "notify", dev, "--on", "2026-03-11", "--by", "provider")
        self.ok("deviation", "inform-committee", dev, "--on", "2026-03-12")
        rows = json.loads(self.ok("--format", "json", "deviation", "list", "--overdue",
                                  "--at", "2026-06-01"))
        self.assertEqual([(r["id"], r["overdue"]) for r in rows], [(1, 1)])
        self.assertEqual(set(rows[0]), {"id", "unit", "type", "category", "status",
                                        "occurred", "reported", "assessment",
                                        "ivo_notified", "ivo_sent", "overdue"})
        self.ok("deviation", "send", dev, "--on", "2026-05-20")
        action = self.ok("deviation", "action", "add", dev, "--text", "Ny rutin",
                         "--responsible", "Enhetschef", "--due", "2026-06-30").strip()
        self.ok("deviation", "action", "done", action, "--on", "2026-05-25")
        self.ok("deviation", "close", dev, "--on", "2026-06-01")
        show = self.ok("deviation", "show", dev)
        self.assertIn("status:             closed", show)
        self.assertIn("Ny rutin", show)
        shown = json.loads(self.ok("--format", "json", "deviation", "show", dev))
        self.assertEqual(shown["status"], "closed")
        self.assertEqual([(x["id"], x["done"], x["immediate"]) for x in shown["actions"]],
                         [(int(first), "2026-03-02", 1), (int(action), "2026-05-25", 0)])
        found = json.loads(self.ok("--format", "json", "deviation", "search", "ensam"))
        self.assertEqual(found[0]["id"], 1)
        # A word finds the words it begins: "mål" finds "måltid".
        found = json.loads(self.ok("--format", "json", "deviation", "search", "läm", "mål"))
        self.assertEqual([f["id"] for f in found], [1])
        self.assertEqual(json.loads(self.ok("--format", "json", "deviation", "search", "måltider")), [])
        self.refused("deviation", "show", "x1", says="id 'x1': not a number")
        # A step without --on is taken today; the id is read first.
        self.refused("deviation", "investigate", "abc", says="id 'abc': not a number")
        second = self.ok("deviation", "add", "--unit", "NORR", "--type", "care",
                         "--occurred", "2026-04-01", "--reported", "2026-04-02",
                         "--summary", "Fall i badrummet").strip()
        self.env["UPPFOLJ_TODAY"] = "2026-04-03"
        self.ok("deviation", "investigate", second)
        shown = json.loads(self.ok("--format", "json", "deviation", "show", second))
        self.assertEqual(shown["investigating_on"], "2026-04-03")
        # A choice refused names the choices; an option is given once.
        self.refused("deviation", "assess", second, "--assessment", "allvarlig",
                     says="assessment 'allvarlig': not one of the assessments of this type: "
                          "not_deviation, deviation, serious")
        self.refused("deviation", "add", "--unit", "NORR", "--type", "lex-sarah",
                     "--occurred", "2026-04-01", "--summary", "x",
                     says="unknown deviation type 'lex-sarah'; known: amv, care, complaint, "
                          "ivo, lex_maria, lex_sarah, opinion, other")
        self.refused("deviation", "close", second, "--on", "2026-04-05", "--on", "2026-04-06",
                     says="option '--on' given twice", code=2, lines=2)
        self.refused("deviation", "action", "undo", says="expected 'add', 'immediate' or 'done'",
                     code=2)
        self.refused("deviation", "add", "--unit", "NORR", "--type", "care",
                     "--occurred", "2026-03-01", "--summary", "Brukare 811218-9876",
                     says="looks like a personal identity number")

    def test_import_catalogues_reports(self):
        path = os.path.join(self.dir, "d.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("unit,type,occurred,reported,category,summary\n"
                    "NORR,care,2026-03-01,2026-03-02,fall,Föll i badrummet\n"
                    "SODER,complaint,2026-03-05,2026-03-05,,Klagomål\n")
        self.assertEqual(self.ok("import", "deviations", path), "imported 2 deviations\n")
        bad = os.path.join(self.dir, "bad.csv")
        with open(bad, "w", encoding="utf-8") as f:
            f.write("unit,type,occurred,summary\nNORR,sarah,2026-03-01,x\n")
        self.refused("import", "deviations", bad, lines=2,
                     says="line 2: type: unknown deviation type 'sarah'")
        types = json.loads(self.ok("--format", "json", "deviation", "type", "list"))
        self.assertEqual(types[0]["code"], "lex_sarah")
        self.ok("deviation", "category", "add", "nutrition", "Nutrition")
        self.ok("deviation", "type", "add", "hsl", "HSL-avvikelse", "--scale", "general")
        doc = json.loads(self.ok("--format", "json", "report", "deviations", "--period",
                                 "2026-03", "--level", "total", "--by", "type"))
        self.assertEqual({r["group"]: r["registered"] for r in doc["rows"]},
                         {"care": 1, "complaint": 1})
        doc = json.loads(self.ok("--format", "json", "report", "values", "--period",
                                 "2026-03", "--level", "total", "--measure", "AVV-ANTAL",
                                 "--measure", "AVV-FALL"))
        self.assertEqual([r["value"] for r in doc["rows"]], [2.0, 1.0])

    def test_basic(self):
        items = json.loads(self.ok("--format", "json", "basic", "items"))
        self.assertEqual(len(items), 13)
        self.ok("basic", "set", "NORR", "brandskydd", "--year", "2026", "--routine", "yes",
                "--performed", "2026-02-01", "--result", "Utrymningsövning genomförd")
        self.ok("basic", "analyse", "ATT-2", "brandskydd", "--year", "2026", "--on",
                "2026-03-01")
        self.refused("basic", "set", "NORR", "brandskydd", "--year", "2026",
                     "--routine", "ja", says="routine 'ja'")
        self.refused("basic", "set", "NORR", "brandskydd", "--year", "x", says="year 'x'")
        doc = json.loads(self.ok("--format", "json", "report", "basic", "--year", "2026",
                                 "--level", "committee"))
        row = [r for r in doc["rows"] if r["item"] == "brandskydd"][0]
        self.assertEqual((row["units"], row["routine"], row["performed"], row["analysed"],
                          row["lacking"]), (2, 1, 1, 1, "SODER (routine, performed)"))


if __name__ == "__main__":
    tap.main()
