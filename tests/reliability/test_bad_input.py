#!/usr/bin/env python3
"""Bad input, as data: each case is run against a registry holding an
organisation, measures, values and a deviation, and must be refused with
the right exit code or status, a one-line message naming the field and
the value (never a personal identity number), and a registry whose dump
is the same after as before."""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "examples", "python"))
import tap  # noqa: E402
import uppfolj  # noqa: E402

BIN = os.environ.get("UPPFOLJ_BIN", os.path.join(ROOT, "build", "cli", "uppfolj"))
PNR = "19811218-9876"

# (what, command line, exit code, words the message must hold)
CLI = [
    ("date: no such day", ["assignment", "add", "X", "X", "--committee", "AN", "--provider",
                           "LL", "--kind", "contract", "--from", "2026-02-30"], 1, ["from", "2026-02-30"]),
    ("date: month 13", ["unit", "add", "X", "X", "--parent", "L2", "--from", "2026-13-01"], 1, ["from", "2026-13-01"]),
    ("date: shape", ["unit", "list", "--at", "1/3/2026"], 1, ["at", "1/3/2026"]),
    ("date: to before from", ["assignment", "add", "X", "X", "--committee", "AN", "--provider",
                              "LL", "--kind", "contract", "--from", "2026-03-01", "--to", "2026-02-01"], 1, ["to", "2026-02-01"]),
    ("period: month 13", ["value", "set", "FLOW", "U1", "2026-13", "1"], 1, ["period", "2026-13"]),
    ("period: tertial 4", ["value", "set", "FLOW", "U1", "2026-T4", "1"], 1, ["period", "2026-T4"]),
    ("period: short year", ["value", "set", "FLOW", "U1", "26-01", "1"], 1, ["period", "26-01"]),
    ("period: backwards range", ["value", "list", "--period", "2026-08..2026-01"], 1, ["period", "2026-08..2026-01"]),
    ("period: wrong frequency", ["value", "set", "YN", "U1", "2026-03", "1"], 1, ["period", "2026-03", "YN"]),
    ("period: report finer than measure", ["report", "values", "--period", "2026-03", "--measure", "YN"], 1, ["period", "2026-03", "YN"]),
    ("code: space", ["committee", "add", "A B", "X"], 1, ["code", "A B"]),
    ("code: too long", ["committee", "add", "X" * 33, "X"], 1, ["code", "32"]),
    ("code: duplicate committee", ["committee", "add", "AN", "X"], 1, ["code", "AN"]),
    ("code: duplicate unit", ["unit", "add", "U1", "X", "--parent", "L2", "--from", "2025-06-01"], 1, ["unit", "U1"]),
    ("code: unknown committee", ["assignment", "add", "X", "X", "--committee", "NOPE", "--provider",
                                 "LL", "--kind", "contract"], 1, ["committee", "NOPE"]),
    ("code: unknown provider", ["assignment", "add", "X", "X", "--committee", "AN", "--provider",
                                "NOPE", "--kind", "contract"], 1, ["provider", "NOPE"]),
    ("code: unknown area", ["unit", "add", "X", "X", "--assignment", "A1", "--area", "nope"], 1, ["area", "nope"]),
    ("code: unknown measure", ["value", "set", "NOPE", "U1", "2026-03", "1"], 1, ["measure", "NOPE"]),
    ("code: unknown unit", ["value", "set", "FLOW", "NOPE", "2026-03", "1"], 1, ["unit", "NOPE"]),
    ("code: level-3 parent", ["unit", "add", "X", "X", "--parent", "U1", "--from", "2025-06-01"], 1, ["parent", "U1"]),
    ("code: unknown deviation type", ["deviation", "add", "--unit", "U1", "--type", "sarah",
                                      "--occurred", "2026-03-01", "--summary", "x"], 1, ["type", "sarah"]),
    ("choice: regime", ["provider", "add", "X", "X", "--regime", "public"], 1, ["regime", "public"]),
    ("choice: kind", ["assignment", "add", "X", "X", "--committee", "AN", "--provider", "LL",
                      "--kind", "deal"], 1, ["kind", "deal"]),
    ("choice: measure type", ["measure", "add", "X", "X", "--kind", "result", "--type", "ratio"], 1, ["type", "ratio"]),
    ("choice: time rule of a share", ["measure", "add", "X", "X", "--kind", "result", "--type",
                                      "share", "--time", "flow"], 1, ["time", "flow"]),
    ("choice: level", ["report", "values", "--period", "2026", "--level", "4"], 1, ["level", "4"]),
    ("choice: by", ["report", "values", "--period", "2026", "--by", "sex"], 1, ["by", "sex"]),
    ("choice: assessment", ["deviation", "assess", "1", "--assessment", "bad", "--on", "2026-03-05"], 1, ["deviation 1"]),
    ("choice: notified by", ["deviation", "notify", "1", "--on", "2026-03-05", "--by", "mayor"], 1, ["by", "mayor"]),
    ("choice: routine", ["basic", "set", "U1", "brandskydd", "--year", "2026", "--routine", "ja"], 1, ["routine", "ja"]),
    ("number: text", ["value", "set", "FLOW", "U1", "2026-03", "tolv"], 1, ["value", "tolv"]),
    ("number: NaN", ["value", "set", "FLOW", "U1", "2026-03", "nan"], 1, ["value", "nan"]),
    ("number: negative count", ["value", "set", "CNT", "U1", "2026-03", "-1"], 1, ["value", "-1"]),
    ("number: fractional count", ["value", "set", "CNT", "U1", "2026-03", "2.5"], 1, ["value", "2.5"]),
    ("number: share above base", ["value", "set", "SH", "U1", "2026-03", "5", "--den", "4"], 1, ["value", "5"]),
    ("number: zero base", ["value", "set", "SH", "U1", "2026-03", "0", "--den", "0"], 1, ["denominator", "0"]),
    ("number: base missing", ["value", "set", "SH", "U1", "2026-03", "1"], 1, ["denominator", "SH"]),
    ("number: base not allowed", ["value", "set", "FLOW", "U1", "2026-03", "1", "--den", "2"], 1, ["denominator", "2"]),
    ("number: yes/no of 2", ["value", "set", "YN", "U1", "2026", "2"], 1, ["value", "2"]),
    ("number: year", ["target", "set", "SH", "80", "--year", "tjugo"], 1, ["year", "tjugo"]),
    ("number: deviation id", ["deviation", "show", "ett"], 1, ["id", "ett"]),
    ("number: no such deviation", ["deviation", "investigate", "99", "--on", "2026-03-05"], 1, ["id", "99"]),
    ("length: name over 200", ["committee", "add", "X", "å" * 201], 1, ["name", "200"]),
    ("length: empty name", ["committee", "add", "X", ""], 1, ["name", "empty"]),
    ("encoding: not UTF-8", ["committee", "add", "X", b"N\xe4mnd"], 1, ["name", "UTF-8"]),
    ("encoding: control character", ["committee", "add", "X", "a\x07b"], 1, ["name", "control"]),
    ("privacy: name", ["committee", "add", "X", "Nämnd " + PNR], 1, ["name", "personal identity number"]),
    ("privacy: summary", ["deviation", "add", "--unit", "U1", "--type", "care", "--occurred",
                          "2026-03-01", "--summary", "Gällde 8112189876"], 1, ["summary", "personal"]),
    ("privacy: note", ["value", "set", "FLOW", "U1", "2026-03", "1", "--note", PNR], 1, ["note", "personal"]),
    ("privacy: code", ["committee", "add", "198112189876", "X"], 1, ["code", "personal"]),
    ("order: move before start", ["unit", "move", "U1", "--parent", "L2", "--from", "2024-12-31"], 1, ["from", "2024-12-31"]),
    ("order: unit not active", ["value", "set", "FLOW", "U1", "2024-12", "1"], 1, ["unit", "U1", "2024-12"]),
    ("transition: close before investigating", ["deviation", "close", "1", "--on", "2026-03-05"], 1, ["deviation 1", "registered"]),
    ("transition: assess before investigating", ["deviation", "assess", "1", "--assessment", "deviation",
                                                 "--on", "2026-03-05"], 1, ["deviation 1", "registered"]),
    ("transition: send before notifying", ["deviation", "send", "1", "--on", "2026-03-05"], 1, ["deviation 1"]),
    ("transition: step dated before reporting", ["deviation", "investigate", "1", "--on", "2026-01-01"], 1, ["on", "2026-01-01"]),
    ("sql-looking code", ["value", "set", "FLOW'; DROP TABLE value; --", "U1", "2026-03", "1"], 1, ["measure"]),
    ("usage: unknown option", ["committee", "list", "--colour", "red"], 2, ["--colour"]),
    ("usage: missing argument", ["committee", "add", "X"], 2, ["missing"]),
    ("usage: bad format", ["--format", "xml", "committee", "list"], 2, ["format", "xml"]),
]

FILES = [
    ("csv: bad header", "values", "measure,unit,when,value\n", ["when"]),
    ("csv: wrong field count", "values", "measure,unit,period,value\nFLOW,U1,2026-04\n", ["line 2", "3 fields"]),
    ("csv: unclosed quote", "values", 'measure,unit,period,value,note\nFLOW,U1,2026-04,1,"open\n', ["line 2", "quoted"]),
    ("csv: text after quote", "values", 'measure,unit,period,value,note\nFLOW,U1,2026-04,1,"a"b\n', ["line 2", "closing quote"]),
    ("csv: one bad line of three", "values", "measure,unit,period,value\nFLOW,U1,2026-04,1\n"
     "FLOW,U1,2026-05,x\nFLOW,U1,2026-06,1\n", ["line 3", "value 'x'"]),
    ("csv: empty file", "values", "", ["empty"]),
    ("csv: deviation bad type", "deviations", "unit,type,occurred,summary\nU1,sarah,2026-03-01,x\n",
     ["line 2", "sarah"]),
    ("json: not JSON", "kolada", "{\"values\": [", ["not valid JSON"]),
    ("json: no values array", "kolada", "{\"rows\": []}", ["values"]),
    ("json: bad gender", "kolada", '{"values":[{"kpi":"U1","municipality":"0580","period":2025,'
     '"values":[{"gender":"X","value":1}]}]}', ["$.values[0].values[0]", "gender 'X'"]),
    ("json: bad year", "kolada", '{"values":[{"kpi":"U1","municipality":"0580","period":"tjugo",'
     '"values":[]}]}', ["$.values[0]", "period 'tjugo'"]),
]

# (what, function name, arguments, status, words)
API = [
    ("params: not JSON", "report", ("values",), {"period": None}, uppfolj.INVALID, ["period"]),
    ("params: unknown key", "report", ("values",), {"period": "2026", "colour": 1}, uppfolj.INVALID, ["colour"]),
    ("params: measures not a list", "report", ("values",), {"period": "2026", "measures": "FLOW"},
     uppfolj.INVALID, ["measures", "FLOW"]),
    ("params: unknown report", "report", ("costs",), {"period": "2026"}, uppfolj.INVALID, ["report", "costs"]),
    ("options: unknown key", "measure_add", ("X", "X", "result", "count"), {"colour": "red"},
     uppfolj.INVALID, ["colour"]),
    ("api: NaN", "value_set", ("FLOW", "U1", "2026-03", float("nan")), {}, uppfolj.INVALID, ["value"]),
    ("api: infinite base", "value_set", ("SH", "U1", "2026-03", 1), {"den": float("inf")},
     uppfolj.INVALID, ["denominator"]),
    ("api: busy timeout", "set_busy_timeout", (-1,), {}, uppfolj.INVALID, ["busy timeout", "-1"]),
]


class BadInput(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="upf-bad-")
        cls.db = os.path.join(cls.dir, "r.db")
        cls.env = dict(os.environ, UPPFOLJ_DB=cls.db, UPPFOLJ_ACTOR="bad-input")
        for args in [
            ("init",),
            ("committee", "add", "AN", "Äldrenämnden"),
            ("provider", "add", "LL", "Leanlink", "--regime", "in_house"),
            ("assignment", "add", "A1", "Uppdrag", "--committee", "AN", "--provider", "LL",
             "--kind", "assignment", "--from", "2025-01-01"),
            ("unit", "add", "L2", "Del", "--assignment", "A1", "--area", "hemtjanst",
             "--from", "2025-01-01"),
            ("unit", "add", "U1", "Enhet", "--parent", "L2", "--from", "2025-01-01"),
            ("measure", "add", "FLOW", "Timmar", "--kind", "structure", "--type", "amount"),
            ("measure", "add", "CNT", "Antal", "--kind", "structure", "--type", "count"),
            ("measure", "add", "SH", "Andel", "--kind", "result", "--type", "share"),
            ("measure", "add", "YN", "Rutin", "--kind", "process", "--type", "yesno",
             "--frequency", "year"),
            ("value", "set", "FLOW", "U1", "2026-03", "10"),
            ("deviation", "add", "--unit", "U1", "--type", "lex_sarah", "--occurred",
             "2026-03-01", "--reported", "2026-03-02", "--summary", "Händelse"),
        ]:
            subprocess.run([BIN, *args], env=cls.env, check=True, capture_output=True)
        cls.handled = 0

    @classmethod
    def tearDownClass(cls):
        print(f"# {cls.handled} bad inputs handled: refused, named, nothing changed")
        shutil.rmtree(cls.dir)

    def dump(self):
        con = sqlite3.connect(self.db)
        try:
            return "\n".join(con.iterdump())
        finally:
            con.close()

    def check_message(self, message, words):
        for w in words:
            self.assertIn(w, message)
        self.assertNotIn("9876", message, "a personal identity number was shown")

    def test_cli(self):
        for what, args, code, words in CLI:
            with self.subTest(what):
                before = self.dump()
                argv = [BIN] + [a if isinstance(a, bytes) else a for a in args]
                p = subprocess.run(argv, env=self.env, capture_output=True)
                self.assertEqual(p.returncode, code, p.stderr)
                err = p.stderr.decode("utf-8", "replace")
                if code == 1:
                    self.assertEqual(err.count("\n"), 1, err)
                self.check_message(err, words)
                self.assertEqual(self.dump(), before, "the registry changed")
                type(self).handled += 1

    def test_files(self):
        for what, kind, content, words in FILES:
            with self.subTest(what):
                path = os.path.join(self.dir, "input")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(content)
                before = self.dump()
                p = subprocess.run([BIN, "import", kind, path], env=self.env,
                                   capture_output=True)
                self.assertEqual(p.returncode, 1, p.stderr)
                self.check_message(p.stderr.decode(), words)
                self.assertEqual(self.dump(), before, "the registry changed")
                type(self).handled += 1

    def test_api(self):
        with uppfolj.Registry(self.db, actor="bad-input") as reg:
            for what, name, args, kwargs, status, words in API:
                with self.subTest(what):
                    before = self.dump()
                    with self.assertRaises(uppfolj.Error) as cm:
                        getattr(reg, name)(*args, **kwargs)
                    self.assertEqual(cm.exception.status, status, cm.exception.message)
                    self.check_message(cm.exception.message, words)
                    self.assertEqual(self.dump(), before, "the registry changed")
                    type(self).handled += 1


if __name__ == "__main__":
    print(f"# {len(CLI) + len(FILES) + len(API)} bad inputs", flush=True)
    tap.main()
