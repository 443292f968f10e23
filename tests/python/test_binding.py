#!/usr/bin/env python3
"""The ctypes binding: every public function, its success and error
paths, called from Python through python/uppfolj.py."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import json
import ctypes
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "python"))
sys.path.insert(0, os.path.dirname(HERE))
import tap  # noqa: E402
import uppfolj  # noqa: E402


def header_functions():
    with open(os.path.join(ROOT, "include", "uppfolj.h"), encoding="utf-8") as f:
        return set(re.findall(r"UPF_EXPORT\b[^;]*?\b(upf_\w+)\s*\(", f.read()))


class Case(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="upf-py-")
        self.path = os.path.join(self.dir, "r.db")
        self.reg = uppfolj.Registry(self.path, actor="python")

    def tearDown(self):
        self.reg.close()
        shutil.rmtree(self.dir)

    def refused(self, status, part, fn, *args, **kwargs):
        with self.assertRaises(uppfolj.Error) as cm:
            fn(*args, **kwargs)
        self.assertEqual(cm.exception.status, status, cm.exception.message)
        self.assertIn(part, cm.exception.message)
        return cm.exception

    def org(self):
        r = self.reg
        r.committee_add("AN", "Äldrenämnden")
        r.provider_add("LL", "Leanlink", "in_house")
        r.provider_add("PV", "Privat Vård", "private")
        r.area_add("fam", "Familjehem")
        r.assignment_add("LL", "Egen regi", "AN", "LL", "assignment", "2025-01-01")
        r.assignment_add("PV", "Avtal", "AN", "PV", "contract", "2025-01-01", "2027-12-31")
        r.unit_add_level2("L2A", "Hemtjänst", "LL", "hemtjanst", "2025-01-01")
        r.unit_add_level2("L2B", "Boende", "PV", "sarskilt_boende", "2025-01-01")
        r.unit_add_level3("A1", "Enhet A1", "L2A", "2025-01-01")
        r.unit_add_level3("B1", "Enhet B1", "L2B", "2025-01-01")


class Library(Case):
    def test_signatures_cover_the_header(self):
        self.assertEqual(set(uppfolj.SIGNATURES), header_functions())

    def test_config_before_start_only(self):
        # This process has opened registries: SQLite has started.
        with self.assertRaises(uppfolj.Misuse) as cm:
            uppfolj.config(memory_count=False)
        self.assertIn("before opening a registry", cm.exception.message)
        # A fresh process sets it first, then works as ever, uncounted.
        script = textwrap.dedent("""
            import ctypes, os, sys
            sys.path.insert(0, sys.argv[1])
            import uppfolj
            uppfolj.config(memory_count=False)
            reg = uppfolj.Registry(os.path.join(sys.argv[2], "c.db"), actor="py")
            reg.committee_add("AN", "Äldrenämnden")
            sqlite = ctypes.CDLL("libsqlite3.so.0")
            sqlite.sqlite3_memory_used.restype = ctypes.c_longlong
            print(len(reg.committee_list()), sqlite.sqlite3_memory_used())
            reg.close()
        """)
        out = subprocess.run([sys.executable, "-c", script, os.path.join(ROOT, "python"),
                              self.dir], check=True, capture_output=True, text=True)
        self.assertEqual(out.stdout.split(), ["1", "0"])

    def test_version_and_statuses(self):
        self.assertRegex(uppfolj.version(), r"^\d+\.\d+\.\d+$")
        self.assertGreaterEqual(uppfolj.schema_version(), 3)
        self.assertEqual(uppfolj.status_name(uppfolj.NOTFOUND), "UPF_NOTFOUND")
        self.assertIsNone(uppfolj.status_name(-999))
        self.assertEqual(uppfolj.strerror(uppfolj.EXISTS), "already exists")
        self.assertEqual(uppfolj.text_shown("NV-HT"), "NV-HT")
        self.assertEqual(uppfolj.text_shown("19811218-9876"), "(not shown)")
        self.assertEqual(uppfolj.text_shown(None), "")
        self.assertEqual(uppfolj.text_number("2 345,5"), 2345.5)
        self.assertEqual(uppfolj.text_number("-1.5e3"), -1500.0)
        self.assertIsNone(uppfolj.text_number("tolv"))

    def test_open_errors(self):
        with open(os.path.join(self.dir, "x.txt"), "w") as f:
            f.write("not a registry, and long enough to be read as one\n" * 4)
        e = self.refused(uppfolj.NOTREGISTRY, "not an uppfolj registry",
                         uppfolj.Registry, os.path.join(self.dir, "x.txt"))
        self.assertEqual(e.name, "UPF_NOTREGISTRY")
        self.refused(uppfolj.IO, "cannot create", uppfolj.Registry,
                     "/nonexistent/dir/r.db")

    def test_exceptions_named_for_the_status(self):
        self.org()
        with self.assertRaises(uppfolj.NotFound) as cm:
            self.reg.unit_add_level3("X1", "X", "NOPE")
        self.assertIsInstance(cm.exception, LookupError)
        self.assertEqual(cm.exception.status, uppfolj.NOTFOUND)
        with self.assertRaises(uppfolj.Exists):
            self.reg.committee_add("AN", "Igen")
        with self.assertRaises(uppfolj.Refused) as cm:
            self.reg.value_set("STR-PLATSER", "L2A", "2026-05", 3)
        self.assertEqual(cm.exception.detail_name, "UPF_DETAIL_WRONG_LEVEL")
        with self.assertRaises(ValueError):  # uppfolj.Personal
            self.reg.committee_add("PN", "19811218-9876")
        with uppfolj.Registry(self.path) as other, self.assertRaises(uppfolj.Misuse) as cm:
            other.committee_add("X", "Y")
        self.assertIn("open the Registry with actor=... or call set_actor()",
                      cm.exception.message)
        self.assertNotIn("upf_db_set_actor", cm.exception.message)

    def test_handle(self):
        self.reg.set_busy_timeout(100)
        self.refused(uppfolj.INVALID, "busy timeout", self.reg.set_busy_timeout, -5)
        self.assertEqual(self.reg.errcode, uppfolj.INVALID)
        self.assertIn("busy timeout", self.reg.errmsg)
        self.refused(uppfolj.PERSONAL, "personal identity number",
                     self.reg.set_actor, "19811218-9876")
        with uppfolj.Registry(self.path) as other:
            self.refused(uppfolj.MISUSE, "actor", other.committee_add, "X", "Y")

    def test_refusal_detail(self):
        self.org()
        e = self.refused(uppfolj.REFUSED, "a level-2 unit", self.reg.value_set,
                         "STR-PLATSER", "L2A", "2026-05", 3)
        self.assertEqual(e.detail, uppfolj.DETAIL_WRONG_LEVEL)
        self.assertEqual(e.detail_name, "UPF_DETAIL_WRONG_LEVEL")
        # The binding's numbers are the header's.
        with open(os.path.join(ROOT, "include", "uppfolj.h"), encoding="utf-8") as f:
            header = dict(re.findall(r"UPF_(DETAIL_\w+) = (\d+)", f.read()))
        self.assertEqual({k: getattr(uppfolj, k) for k in header},
                         {k: int(v) for k, v in header.items()})

    def test_open_existing_only(self):
        missing = os.path.join(self.dir, "missing.db")
        self.refused(uppfolj.NOTFOUND, "does not exist", uppfolj.Registry, missing,
                     create=False)
        self.assertFalse(os.path.exists(missing))
        self.assertEqual(self.reg.file_mode, 0o600)
        os.chmod(self.path, 0o644)
        self.assertEqual(self.reg.file_mode, 0o644)
        self.reg.make_private()
        self.assertEqual(self.reg.file_mode, 0o600)
        with uppfolj.Registry(self.path, actor="andra", create=False) as other:
            other.committee_add("X", "Nämnd")
        self.refused(uppfolj.INVALID, "path: empty", uppfolj.Registry, "")

    def test_backup_and_doctor(self):
        self.org()
        copy = os.path.join(self.dir, "copy.db")
        self.reg.backup(copy)
        self.assertEqual(os.stat(copy).st_mode & 0o777, 0o600)
        with uppfolj.Registry(copy, actor="kopia", create=False) as other:
            self.assertEqual([u["code"] for u in other.unit_list()],
                             [u["code"] for u in self.reg.unit_list()])
        self.refused(uppfolj.EXISTS, "exists", self.reg.backup, copy)
        checks = {c["check"]: c for c in self.reg.doctor()}
        self.assertEqual(sorted(checks), ["file_mode", "foreign_keys", "integrity", "locks",
                                          "reports", "schema", "statistics", "wal"])
        self.assertEqual({c["status"] for c in checks.values()}, {"ok"})
        os.chmod(self.path, 0o640)
        self.assertEqual(self.reg.doctor()[2]["status"], "warning")

    def test_writes_from_outside_fail(self):
        """Through another program (Python's sqlite3 here, like the sqlite3
        shell) every write to a table with rows fails and changes nothing,
        and so does an insert into values, reference values or the trail."""
        import sqlite3
        self.org()
        r = self.reg
        r.value_set("STR-PLATSER", "B1", "2026-05", 12)
        r.target_set("STR-PLATSER", 10, 2026)
        d = r.deviation_add("B1", "care", "2026-05-01", "Föll i hallen")
        r.action_add(d, "Larm", "Chef")
        r.basic_set("B1", "brandskydd", 2026, routine="yes")
        r.basic_analyse("L2B", "brandskydd", 2026, "2026-03-01")
        r.kolada_import(os.path.join(HERE, "..", "data", "kolada_v2.json"))
        r.close()
        con = sqlite3.connect(self.path, isolation_level=None)
        try:
            before = "\n".join(con.iterdump())
            tables = [t for (t,) in con.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT "
                "LIKE 'sqlite_%' AND name NOT LIKE 'deviation_fts%'")]
            tried = 0
            for t in tables:
                if not con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]:
                    continue
                col = con.execute(f'SELECT name FROM pragma_table_info(\'{t}\')').fetchone()[0]
                for sql in (f'UPDATE "{t}" SET "{col}" = "{col}"', f'DELETE FROM "{t}"'):
                    with self.subTest(sql=sql):
                        with self.assertRaises(sqlite3.Error):
                            con.execute(sql)
                        tried += 1
            for sql in ("INSERT INTO committee (code, name) VALUES ('X', 'Y')",
                        "INSERT INTO reference (kpi, kind, area, year, gender) "
                        "VALUES ('K', 'municipality', '0000', 2020, 'T')",
                        "INSERT INTO audit (actor, tbl, op) VALUES ('x', 'y', 'insert')"):
                    with self.subTest(sql=sql):
                        with self.assertRaises(sqlite3.Error):
                            con.execute(sql)
            self.assertGreaterEqual(tried, 40)
            self.assertEqual("\n".join(con.iterdump()), before)
            # What any program may do: check the file.
            self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
        finally:
            con.close()
        self.reg = uppfolj.Registry(self.path, actor="python")

    def test_report_json_is_always_json(self):
        """Every report's JSON parses, at every level, even where an
        indicator would divide by a number too small to give a finite
        result: that cell is null."""
        import json as json_module
        self.org()
        r = self.reg
        r.measure_add("TINY", "Liten", "structure", "amount")
        r.indicator_add("HUGE", "Stor kvot", "STR-PLATSER", "TINY", 1e15)
        r.value_set("STR-PLATSER", "B1", "2026-05", 1e15 - 1)
        r.value_set("TINY", "B1", "2026-05", 1e-300)
        for level in (3, 2, 1, "committee", "total"):
            for name, params in (("values", {"period": "2026-05"}),
                                 ("deviations", {"period": "2026"}),
                                 ("basic", {"year": 2026})):
                if name == "basic" and level == 3:
                    continue
                out = ctypes.c_void_p()
                r._do_out("upf_report_json", ctypes.byref(out), uppfolj._b(name),
                          uppfolj._b(json_module.dumps(dict(params, level=level))))
                doc = json_module.loads(uppfolj._take_string(out))
                self.assertEqual(doc["report"], name)
        rows = r.report("values", period="2026-05", level="total", measures=["HUGE"])["rows"]
        self.assertIsNone(rows[0]["value"])

    def test_today(self):
        self.org()
        self.refused(uppfolj.INVALID, "today '2026-13-01'", self.reg.set_today,
                     "2026-13-01")
        self.reg.set_today("2026-05-04")
        number = self.reg.deviation_add("B1", "care", "2026-05-01",
                                        summary="Föll i hallen")
        self.assertEqual(self.reg.deviation_show(number)["reported"], "2026-05-04")
        self.reg.set_today(None)


class Organisation(Case):
    def test_lists(self):
        self.org()
        self.assertEqual([c["code"] for c in self.reg.committee_list()], ["AN"])
        self.assertEqual(self.reg.provider_list()[1]["regime"], "private")
        self.assertIn({"code": "fam", "name": "Familjehem"}, self.reg.area_list())
        self.assertEqual(self.reg.assignment_list()[1]["valid_to"], "2027-12-31")
        self.reg.unit_move("B1", "2026-07-01", parent="L2A")
        units = {u["code"]: u for u in self.reg.unit_list("2026-08-01")}
        self.assertEqual(units["B1"]["parent"], "L2A")
        self.assertEqual(units["B1"]["level"], 3)
        self.assertEqual(len(self.reg.unit_history("B1")), 2)
        tree = self.reg.org_tree("2026-08-01")
        self.assertEqual([(t["depth"], t["code"]) for t in tree],
                         [(0, "AN"), (1, "LL"), (2, "L2A"), (3, "A1"), (3, "B1"),
                          (1, "PV"), (2, "L2B")])

    def test_refusals(self):
        self.org()
        self.refused(uppfolj.EXISTS, "committee 'AN' already exists",
                     self.reg.committee_add, "AN", "X")
        self.refused(uppfolj.INVALID, "regime 'public'", self.reg.provider_add,
                     "X", "X", "public")
        self.refused(uppfolj.NOTFOUND, "unknown committee 'NOPE'",
                     self.reg.assignment_add, "X", "X", "NOPE", "LL", "assignment")
        self.refused(uppfolj.REFUSED, "a level-3 unit", self.reg.unit_add_level3,
                     "X", "X", "A1", "2025-06-01")
        self.refused(uppfolj.REFUSED, "not after", self.reg.unit_move, "A1",
                     "2024-01-01", parent="L2B")
        self.refused(uppfolj.INVALID, "not valid UTF-8", self.reg.committee_add,
                     "X", b"\xff")
        self.refused(uppfolj.INVALID, "from '2026-02-30'", self.reg.unit_add_level2,
                     "X", "X", "LL", "hemtjanst", "2026-02-30")
        self.refused(uppfolj.NOTFOUND, "unknown unit", self.reg.unit_history, "NOPE")
        self.refused(uppfolj.INVALID, "at '2026-13-01'", self.reg.unit_list, "2026-13-01")
        self.refused(uppfolj.INVALID, "at 'x'", self.reg.org_tree, "x")
        self.refused(uppfolj.INVALID, "name: must not be empty", self.reg.area_add, "Y", "")


class Scopes(Case):
    """A handle narrowed to one provider, from Python: its own units only,
    totals of its own, the administration's changes refused."""

    def test_scoped_handle(self):
        self.org()
        r = self.reg
        r.measure_add("TIM", "Timmar", "structure", "amount")
        r.value_set("TIM", "A1", "2026-03", 10)
        r.value_set("TIM", "B1", "2026-03", 100)
        total = {"period": "2026-03", "level": "total", "measures": ["TIM"]}
        self.assertEqual(r.report(**total)["rows"][0]["value"], 110)
        with uppfolj.Registry(self.path, actor="ll", scope="provider:LL") as ll:
            self.assertEqual(ll.scope, "provider:LL")
            self.assertEqual([u["code"] for u in ll.unit_list("2026-03-01")], ["A1", "L2A"])
            self.assertEqual([p["code"] for p in ll.provider_list()], ["LL"])
            self.assertEqual(ll.report(**total)["rows"][0]["value"], 10)
            self.assertEqual([v["unit"] for v in ll.value_list()], ["A1"])
            e = self.refused(uppfolj.REFUSED, "outside the scope provider:LL",
                             ll.value_set, "TIM", "B1", "2026-04", 1)
            self.assertEqual(e.detail, uppfolj.DETAIL_SCOPE)
            self.refused(uppfolj.REFUSED, "refused under the scope provider:LL",
                         ll.committee_add, "SN", "Socialnämnden")
            ll.value_set("TIM", "A1", "2026-04", 12)
            # Its own write with its scope, after the administration's about A1.
            trail = [(a["key"], a["scope"]) for a in ll.audit_list()]
            self.assertEqual(trail[-1], ("TIM/A1/2026-04", "provider:LL"))
            self.assertIn(("A1", None), trail)
            self.assertFalse([k for k, _ in trail if "B1" in k or "L2B" in k], trail)
            ll.set_scope(None)
            self.assertIsNone(ll.scope)
            self.assertEqual(len(ll.provider_list()), 2)
        self.refused(uppfolj.NOTFOUND, "unknown provider 'NOPE'", uppfolj.Registry,
                     self.path, scope="provider:NOPE")
        self.refused(uppfolj.INVALID, "must be provider:CODE", r.set_scope, "unit:A1")

    def test_provider_registry(self):
        self.org()
        r = self.reg
        r.measure_add("TIM", "Timmar", "structure", "amount")
        org = os.path.join(self.dir, "org.json")
        with open(org, "w", encoding="utf-8") as f:
            f.write(r.org_export("PV"))
        municipality = r.registry_show()
        self.assertEqual(municipality["role"], "municipality")
        with uppfolj.Registry(os.path.join(self.dir, "pv.db"), actor="pv") as pv:
            pv.org_import(org)
            me = pv.registry_show()
            self.assertEqual((me["role"], me["provider"], me["reports_to"]),
                             ("provider", "PV", municipality["registry"]))
            self.assertEqual(pv.scope, "provider:PV")
            self.assertEqual([u["code"] for u in pv.unit_list("2026-03-01")], ["B1", "L2B"])
            pv.value_set("TIM", "B1", "2026-03", 5)
            self.refused(uppfolj.REFUSED, "its scope is always provider:PV",
                         pv.set_scope, None)
            sent = os.path.join(self.dir, "pv.sync")
            self.assertEqual(pv.sync_export(sent),
                             [{"table": "value", "inserts": 1, "updates": 0, "deletes": 0,
                               "state": "exported"}])
            self.assertEqual(pv.sync_status()[0]["pending"], 0)
        self.assertEqual(r.sync_apply(sent)[0]["state"], "applied")
        self.assertEqual(r.sync_apply(sent, prefer="provider")[0]["state"],
                         "applied already; nothing was changed")
        self.assertEqual(r.value_list("TIM", "B1")[0]["value"], 5.0)
        self.assertEqual(r.sync_status()[0]["changesets"], 1)
        # The municipality renames a unit; the provider's registry follows.
        r.unit_rename("B1", "Enhet B1, Solgården")
        with open(org, "w", encoding="utf-8") as f:
            f.write(r.org_export_for(r.sync_status()[0]["registry"]))
        with uppfolj.Registry(os.path.join(self.dir, "pv.db"), actor="pv") as pv:
            pv.org_import(org)
            names = {u["code"]: u["name"] for u in pv.unit_list("2026-03-01")}
            self.assertEqual(names["B1"], "Enhet B1, Solgården")
        self.refused(uppfolj.NOTFOUND, "no provider registry", r.org_export_for, "0" * 32)


class Measures(Case):
    def setUp(self):
        super().setUp()
        self.org()
        self.reg.measure_add("PLAN", "Enligt plan", "result", "share", direction="up")
        self.reg.measure_add("TIM", "Timmar", "structure", "amount")

    def test_catalogue(self):
        self.assertEqual(len(self.reg.quality_area_list()), 6)
        codes = [m["code"] for m in self.reg.measure_list(kind="result")]
        self.assertIn("PLAN", codes)
        self.assertIn("RES-GP-PLAN", codes)
        self.assertEqual(self.reg.measure_list(quality_area="ledning")[0]["kind"], "process")
        self.assertEqual(self.reg.measure_show("PLAN")["time_rule"], "pool")
        self.refused(uppfolj.INVALID, "options: unknown key 'colour'",
                     self.reg.measure_add, "X", "X", "result", "count", colour="red")
        self.refused(uppfolj.NOTFOUND, "unknown measure", self.reg.measure_show, "NOPE")
        self.refused(uppfolj.INVALID, "kind 'x'", self.reg.measure_list, "x")

    def test_values_batch_import_export(self):
        r = self.reg
        r.value_set("PLAN", "A1", "2026-05", 3, den=4, note="anteckning")
        r.value_set("TIM", "A1", "2026-05", 12.5)
        self.refused(uppfolj.INVALID, "denominator: missing", r.value_set,
                     "PLAN", "A1", "2026-06", 3)
        self.refused(uppfolj.INVALID, "not a finite number", r.value_set,
                     "TIM", "A1", "2026-06", float("nan"))
        r.value_delete("TIM", "A1", "2026-05")
        self.refused(uppfolj.NOTFOUND, "no value", r.value_delete, "TIM", "A1", "2026-05")
        self.assertEqual(r.value_list(unit="A1"), [
            {"measure": "PLAN", "unit": "A1", "period": "2026-05", "value": 3.0,
             "denominator": 4.0, "note": "anteckning", "batch": None, "line": None,
             "flagged": 0}])
        self.refused(uppfolj.INVALID, "period 'x'", r.value_list, None, None, "x")
        with r.batch() as b:
            b.add("TIM", "A1", "2026-06", 1)
            b.add("TIM", "B1", "2026-06", 2)
            self.refused(uppfolj.REFUSED, "level-2 unit", b.add, "TIM", "L2A", "2026-06", 2)
            e = self.refused(uppfolj.REFUSED, "added twice in this batch", b.add,
                             "TIM", "B1", "2026-06", 3)
            self.assertEqual(e.detail, uppfolj.DETAIL_DUPLICATE)
            self.assertEqual(b.rows, 2)
        with self.assertRaises(RuntimeError):
            with r.batch() as b:
                b.add("TIM", "A1", "2026-07", 1)
                raise RuntimeError("rolled back")
        self.assertEqual(len(r.value_list(measure="TIM")), 2)
        csv_text = r.value_export(period="2026")
        self.assertTrue(csv_text.startswith("measure,unit,period,value,denominator,note\n"))
        self.assertIn("PLAN,A1,2026-05,3.0,4.0,anteckning\n", csv_text)
        sv = r.value_export(period="2026", format="csv_sv")
        self.assertTrue(sv.startswith("\ufeffmeasure;unit;period;value;denominator;note\r\n"))
        self.assertIn("PLAN;A1;2026-05;3,0;4,0;anteckning\r\n", sv)
        rows = __import__("json").loads(r.value_export(format="json"))
        self.assertEqual(len(rows), 3)
        self.refused(uppfolj.INVALID, "format 'xml'", r.value_export, None, "xml")
        path = os.path.join(self.dir, "v.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("measure;unit;period;value\nTIM;A1;2026-08;1,5\n")
        seen = []
        self.assertEqual(r.value_import(path, progress=lambda d, t: seen.append((d, t))), 1)
        self.assertEqual(seen[-1][0], seen[-1][1])
        with open(path, "w", encoding="utf-8") as f:
            f.write("measure,unit,period,value\nTIM,A1,2026-09,x\n")
        self.refused(uppfolj.INVALID, "line 2: value 'x'", r.value_import, path)

    def test_kolada(self):
        r = self.reg
        # The catalogue's user-survey share of home care carries U21468.
        summary = r.kolada_import(os.path.join(HERE, "..", "data", "kolada_v2.json"))
        self.assertEqual(summary[0], {"kpi": "U21468", "measures": "RES-NOJD-HT",
                                      "rows": 4, "deleted": 0, "notes": None})
        r.value_set("RES-NOJD-HT", "A1", "2025", 13, den=20)
        doc = r.report("values", period="2025", level="total", measures=["RES-NOJD-HT"],
                       compare="national")
        self.assertEqual(doc["rows"][0]["reference"], 15.5)
        self.refused(uppfolj.IO, "cannot be opened", r.kolada_import, "/nonexistent.json")

    def test_targets_indicators_reports_log(self):
        r = self.reg
        r.value_set("PLAN", "A1", "2026-05", 1, den=1)
        r.value_set("PLAN", "B1", "2026-05", 1, den=9)
        r.value_set("TIM", "A1", "2026-05", 10)
        r.target_set("PLAN", 25, 2026)
        r.target_set("PLAN", 50, 2026, assignment="PV")
        self.assertEqual(len(r.target_list("PLAN")), 2)
        self.refused(uppfolj.NOTFOUND, "unknown unit", r.target_set, "PLAN", 1, 2026,
                     unit="NOPE")
        r.indicator_add("PLAN-PER-TIM", "Planer per timme", "PLAN", "TIM", 1)
        self.assertIn("PLAN-PER-TIM", [i["code"] for i in r.indicator_list()])
        self.refused(uppfolj.INVALID, "factor", r.indicator_add, "X", "X", "PLAN", "TIM", 0)
        doc = r.report("values", period="2026-05", level="total", measures=["PLAN"])
        self.assertEqual(doc["rows"][0]["value"], 20.0)
        self.assertEqual(doc["rows"][0]["status"], "not_met")
        rows = r.report_table("values", period="2026-05", level=1, measures=["PLAN"])
        self.assertEqual({x["node"]: x["target"] for x in rows}, {"LL": 25.0, "PV": 50.0})
        self.refused(uppfolj.INVALID, "period", r.report, "values", level=2)
        self.refused(uppfolj.INVALID, "report 'x'", r.report_table, "x", period="2026")
        log = r.audit_list(actor="python")
        self.assertTrue(any(e["table"] == "target" for e in log))
        self.refused(uppfolj.INVALID, "since 'igår'", r.audit_list, "igår")


class Deviations(Case):
    def test_workflow_and_reports(self):
        self.org()
        r = self.reg
        d = r.deviation_add("B1", "lex_sarah", "2026-03-02", "Brukaren lämnades ensam",
                            reported="2026-03-03", category="bemotande")
        e = self.refused(uppfolj.REFUSED, "its status is 'registered'",
                         r.deviation_close, d, "2026-03-04")
        self.assertEqual(e.name, "UPF_REFUSED")
        self.refused(uppfolj.REFUSED, "before the deviation occurred, 2026-03-02",
                     r.action_add_immediate, d, "Extra tillsyn", "Enhetschef",
                     "2026-03-01")
        first = r.action_add_immediate(d, "Extra tillsyn", "Enhetschef", "2026-03-02")
        r.deviation_investigate(d, "2026-03-04")
        r.deviation_assess(d, "serious", "2026-03-10")
        r.deviation_notify(d, "provider", "2026-03-11")
        r.deviation_inform_committee(d, "2026-03-12")
        self.assertEqual([x["id"] for x in r.deviation_list(overdue=True, at="2026-06-01")],
                         [d])
        r.deviation_send(d, "2026-05-20")
        a = r.action_add(d, "Ny rutin", "Enhetschef", "2026-06-30")
        r.action_done(a, "2026-05-25")
        r.deviation_close(d, "2026-06-01")
        self.assertEqual(r.deviation_show(d)["status"], "closed")
        actions = r.deviation_action_list(d)
        self.assertEqual([(x["id"], x["done"], x["immediate"]) for x in actions],
                         [(first, "2026-03-02", 1), (a, "2026-05-25", 0)])
        self.assertEqual(r.deviation_search("ensam")[0]["id"], d)
        self.refused(uppfolj.NOTFOUND, "no deviation 99", r.deviation_show, 99)
        self.refused(uppfolj.PERSONAL, "personal identity number", r.deviation_add,
                     "A1", "care", "2026-03-01", "Gällde 19811218-9876")
        r.deviation_type_add("tillsyn_ivo2", "Särskild tillsyn", "general", None, "IVO")
        self.assertIn("tillsyn_ivo2", [t["code"] for t in r.deviation_type_list()])
        r.deviation_category_add("nutrition", "Nutrition")
        self.assertIn("nutrition", [c["code"] for c in r.deviation_category_list()])
        path = os.path.join(self.dir, "d.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("unit,type,occurred,summary\nA1,care,2026-04-01,Fel dos\n")
        self.assertEqual(r.deviation_import(path), 1)
        rows = r.report_table("deviations", period="2026", level=1)
        self.assertEqual({x["node"]: x["registered"] for x in rows}, {"LL": 1, "PV": 1})
        doc = r.report("values", period="2026-03", level="total",
                       measures=["AVV-SARAH-ALLV"])
        self.assertEqual(doc["rows"][0]["value"], 1.0)

    def test_basic_follow_up(self):
        self.org()
        r = self.reg
        self.assertIn("senior_alert", [i["code"] for i in r.basic_item_list()])
        r.basic_set("A1", "senior_alert", 2026, routine=True, performed="2026-04-01")
        r.basic_set("B1", "senior_alert", 2026, routine=False)
        r.basic_analyse("L2A", "senior_alert", 2026, "2026-05-01")
        self.refused(uppfolj.REFUSED, "a level-3 unit", r.basic_analyse, "A1",
                     "senior_alert", 2026, "2026-05-01")
        rows = r.report("basic", year=2026, level="total")["rows"]
        row = [x for x in rows if x["item"] == "senior_alert"][0]
        self.assertEqual((row["units"], row["routine"], row["performed"], row["analysed"]),
                         (2, 1, 1, 1))
        self.assertEqual(row["lacking"], "B1 (routine, performed)")


def documented_columns():
    """For every function that hands back a table: the columns the
    header's comment above it names ("Columns: a, b (...), c."), and for
    upf_report_table those of each report ('Columns of "values": ...')."""
    with open(os.path.join(ROOT, "include", "uppfolj.h"), encoding="utf-8") as f:
        text = f.read()

    def names(listing):
        listing = re.sub(r"\([^()]*\)", "", re.sub(r"\s*\n\s*\*?\s*", " ", listing))
        return [item.strip().split()[0] for item in listing.split(",")]

    doc = {}
    for m in re.finditer(r"UPF_EXPORT\b[^;]*?\b(upf_\w+)\s*\(\s*upf_table\s*\*\*", text):
        comment = text[text.rfind("/*", 0, m.start()):text.rfind("*/", 0, m.start())]
        found = re.search(r"Columns(?: of the list| \([^)]*\))?: (.*?)\.(?:\s|$)",
                          comment, re.S)
        doc[m.group(1)] = names(found.group(1)) if found else None
    for report, listing in re.findall(r'Columns of "(\w+)": (.*?)\.(?:\s|$)', text, re.S):
        doc["report " + report] = names(listing)
    return doc


class LivingData(Case):
    """Maintenance, applicability and data quality, from Python."""

    def setUp(self):
        super().setUp()
        self.org()
        self.reg.set_today("2026-12-01")

    def test_maintenance(self):
        r = self.reg
        r.committee_rename("AN", "Vård- och omsorgsnämnden")
        r.provider_rename("PV", "Privat Vård AB")
        r.area_rename("fam", "Familjehemsvård")
        r.assignment_rename("PV", "Avtal 2025–2027")
        r.unit_rename("B1", "Enhet B1 Norr")
        self.assertEqual({c["code"]: c["name"] for c in r.committee_list()},
                         {"AN": "Vård- och omsorgsnämnden"})
        r.assignment_edit("PV", valid_to="2026-12-31")
        r.assignment_edit("PV", valid_to="")
        r.unit_move("B1", "2026-06-01", parent="L2A")
        r.unit_move_withdraw("B1", "2026-06-01")
        self.assertEqual(len(r.unit_history("B1")), 1)
        r.unit_close("A1", "2026-09-30")
        self.assertNotIn("A1", [u["code"] for u in r.unit_list("2026-10-01")])
        e = self.refused(uppfolj.REFUSED, "closed already", r.unit_close, "A1", "2026-10-31")
        self.assertEqual(e.detail, uppfolj.DETAIL_CLOSED)
        d = r.deviation_add("B1", "care", "2026-05-01", "Föll i hallen", "2026-05-01")
        r.deviation_withdraw(d, "Registrerad två gånger", on="2026-05-02")
        self.assertEqual(r.deviation_show(d)["status"], "withdrawn")
        csv = os.path.join(self.dir, "d.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("unit,type,occurred,summary\nB1,care,2026-05-03,Fel dos\n"
                    "B1,care,2026-05-03,Fel dos\n")
        e = self.refused(uppfolj.INVALID, "the same unit, type, day and summary as line 2",
                         r.deviation_import, csv)
        self.assertEqual(r.deviation_import(csv, allow_duplicates=True), 2)

    def test_catalogue_and_quality(self):
        r = self.reg
        r.quality_area_add("trygghet", "Trygghet")
        r.goal_add("TRY-G1", "Den enskilde känner sig trygg", "trygghet")
        r.method_add("vandring", "Trygghetsvandring")
        r.measure_add("TRY", "Upplevd trygghet", "result", "share",
                      quality_area="trygghet", goals=["TRY-G1"], methods=["vandring"],
                      areas=["sarskilt_boende"], min=50)
        self.assertEqual(r.goal_list("trygghet")[0]["measures"], "TRY")
        self.assertIn("TRY", [m["measures"] for m in r.method_list()])
        e = self.refused(uppfolj.REFUSED, "where measure 'TRY' does not apply",
                         r.value_set, "TRY", "A1", "2026-05", 1, den=2)
        self.assertEqual(e.detail, uppfolj.DETAIL_NOT_APPLICABLE)
        e = self.refused(uppfolj.REFUSED, "outside the plausible range 50..",
                         r.value_set, "TRY", "B1", "2026-05", 1, den=4)
        self.assertEqual(e.detail, uppfolj.DETAIL_OUT_OF_RANGE)
        r.value_set("TRY", "B1", "2026-05", 1, den=4, confirm=True)
        with r.batch(confirm=True) as b:
            b.add("TRY", "B1", "2026-06", 1, den=5)
        csv = os.path.join(self.dir, "v.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("measure,unit,period,value,denominator\nTRY,B1,2026-07,1,10\n")
        self.refused(uppfolj.INVALID, "outside the plausible range", r.value_import, csv)
        self.assertEqual(r.value_import(csv, confirm=True), 1)
        self.assertEqual([v["flagged"] for v in r.value_list("TRY")], [1, 1, 1])
        r.measure_edit("TRY", name="Trygghet i boendet", min="")
        r.measure_retire("TRY", "2027-01")
        r.rule_add("R1", "STR-TIMMAR <= STR-TIMMAR-BEV", "error")
        self.assertEqual(r.rule_list()[0]["code"], "R1")
        r.basic_item_add("nutrition", "Nutrition", group="Vård", areas=["sarskilt_boende"])
        r.basic_item_edit("nutrition", areas=[])
        q = r.report("quality", period="2026-T2", measures=["TRY"])
        self.assertEqual([(x["unit"], x["period"], x["issue"]) for x in q["rows"]],
                         [("B1", "2026-05", "out_of_range"), ("B1", "2026-06", "out_of_range"),
                          ("B1", "2026-07", "out_of_range"), ("B1", "2026-08", "missing")])
        m = r.report_table("missing", period="2026-T2", measures=["TRY"])
        self.assertEqual(m[0]["periods"], "2026-08")


class FollowUp(Case):
    """The follow-up cycle, part 1, from Python."""

    def setUp(self):
        super().setUp()
        self.org()
        r = self.reg
        r.plan_add(2026, "AN")
        r.activity_add("GP", "Genomförandeplaner", 2026, "AN", "individual",
                       areas=["personcentrerat"], methods=["granskning_gp"], scope=["all"],
                       start="2026-02-01", due="2026-06-30")
        r.activity_add("AVTAL", "Avtal PV", 2026, "AN", "assignment", areas=["ledning"],
                       methods=["granskning"], scope=["assignment:PV"],
                       start="2026-03-01", due="2026-05-31")
        r.instrument_add("GP", "Genomförandeplaner", "granskning_gp", "yes_no")
        r.criterion_add("GP", "AKTUELL", "Aktuell", "personcentrerat")
        r.instrument_add("AV", "Avtalskrav", "granskning", "met_remark_deficiency")
        r.criterion_add("AV", "BEMANNING", "Bemanning enligt avtal")

    def test_plan_and_activities(self):
        r = self.reg
        r.plan_decide(2026, "AN", "ÄN 2026/12", on="2026-01-20")
        e = self.refused(uppfolj.REFUSED, "give its reason", r.activity_move, "GP",
                         "2026-02-01", "2026-08-31")
        self.assertEqual(e.detail, uppfolj.DETAIL_DECIDED)
        r.activity_move("GP", "2026-02-01", "2026-08-31", reason="Fler ärenden",
                        on="2026-05-01")
        r.activity_start("GP", "2026-02-02")
        r.activity_done("GP", "2026-08-20")
        r.activity_cancel("AVTAL", "Avtalet sägs upp", on="2026-04-01")
        self.assertEqual(r.plan_show(2026, "AN")["revisions"], 2)
        self.assertEqual([x["change"] for x in r.plan_revision_list(2026, "AN")],
                         ["cancelled", "moved"])
        self.assertEqual(r.activity_show("GP")["status"], "done")
        decided = {a["code"]: a["due"] for a in r.activity_list(as_decided=True)}
        self.assertEqual(decided, {"GP": "2026-06-30", "AVTAL": "2026-05-31"})
        self.assertEqual(r.plan_list()[0]["done"], 1)
        rows = r.report_table("plan", year=2026, at="2026-12-31")
        self.assertEqual([x["done"] for x in rows if x["key"] == "individual"], [1])
        r.goal_add("AN-M1", "Aktuella planer", "personcentrerat", committee="AN", year=2026)
        r.measure_edit("RES-GP-PLAN", goals=["AN-M1"])
        self.assertEqual(r.report("goals", year=2026)["rows"][0]["goal"], "AN-M1")

    def test_reviews_and_corrections(self):
        r = self.reg
        a = r.review_add("GP", "GP", "2026-03-05", unit="A1", case="GP-1")
        r.review_answer(a, "AKTUELL", "yes")
        b = r.review_add("GP", "GP", "2026-03-05", unit="B1", case="GP-2")
        r.review_answer(b, "AKTUELL", "no", note="Inaktuell sedan 2025")
        e = self.refused(uppfolj.REFUSED, "outside the scope", r.review_add, "AVTAL", "AV",
                         "2026-03-05", assignment="LL")
        self.assertEqual(e.detail, uppfolj.DETAIL_OUT_OF_SCOPE)
        self.refused(uppfolj.PERSONAL, "case", r.review_add, "GP", "GP", "2026-03-05",
                     unit="A1", case="811218-9876")
        c = r.review_add("AVTAL", "AV", "2026-03-10", assignment="PV")
        r.review_answer(c, "BEMANNING", "deficiency", due="2026-04-30")
        corr = r.correction_list(open=True)
        self.assertEqual((corr[0]["provider"], corr[0]["due"]), ("PV", "2026-04-30"))
        r.correction_reply(corr[0]["id"], "Bemanningen utökad", on="2026-04-15")
        r.correction_verify(corr[0]["id"], on="2026-04-20")
        self.assertEqual(r.correction_list(open=True), [])
        self.assertEqual(len(r.review_list(activity="GP")), 2)
        self.assertEqual(r.instrument_list()[1]["criteria"], 1)
        self.assertEqual(r.instrument_show("GP")[0]["measure"], "REV-GP-AKTUELL")
        doc = r.report("review", activity="GP")
        self.assertEqual(doc["rows"][0]["share"], 50.0)
        values = r.report("values", period="2026-03", level="total",
                          measures=["REV-GP-AKTUELL"])
        self.assertEqual(values["rows"][0]["value"], 50.0)
        path = os.path.join(self.dir, "r.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("activity;instrument;unit;assignment;case;date;criterion;answer;note\n"
                    "GP;GP;A1;;GP-3;2026-03-06;AKTUELL;yes;\n")
        self.assertEqual(r.review_import(path), 1)


class FollowUpActions(Case):
    """The follow-up cycle, part 2, from Python: findings, the overall
    assessment, actions and their effect, stakeholders, supervision."""

    def setUp(self):
        super().setUp()
        self.org()
        r = self.reg
        r.plan_add(2026, "AN")
        r.activity_add("GP", "Genomförandeplaner", 2026, "AN", "individual",
                       areas=["personcentrerat"], methods=["granskning_gp"], scope=["all"],
                       start="2026-02-01", due="2026-06-30")

    def test_findings_assessment_and_actions(self):
        r = self.reg
        f = r.finding_add("GP", "regime:private", "personcentrerat", "deficiency",
                          "Planer saknas", on="2026-05-02")
        self.assertEqual(r.finding_list(grade="deficiency")[0]["subject"], "regime:private")
        self.assertEqual(r.finding_evidence(f), [])
        r.assessment_set("AN", 2026, "personcentrerat", "acceptable", "Mest bra",
                         on="2026-11-01")
        r.assessment_set("AN", 2026, "personcentrerat", "improvement_needed",
                         "Brister i privat regi", on="2026-11-20")
        self.assertEqual([a["current"] for a in r.assessment_history("AN", 2026)], [0, 1])
        grid = r.report("assessment", year=2026)["rows"]
        cell = [x for x in grid if x["quality_area"] == "personcentrerat"][0]
        self.assertEqual((cell["grade"], cell["deficiencies"]), ("improvement_needed", 1))
        a = r.action_add_from("finding:%d" % f, "Utbilda i planer", "Verksamhetschef",
                              due="2026-09-30", unit="B1", on="2026-05-10")
        self.refused(uppfolj.INVALID, "not deviation:ID", r.action_add_from, "issue:1",
                     "x", "y")
        e = self.refused(uppfolj.REFUSED, "not done", r.action_evaluate, a, "achieved")
        self.assertEqual(e.detail, uppfolj.DETAIL_OUT_OF_ORDER)
        r.action_done(a, on="2026-09-01")
        r.action_evaluate(a, "partly", on="2026-11-01", note="Hälften utbildade")
        self.assertEqual(r.action_list(source="finding")[0]["effect"], "partly")
        d = r.deviation_add("A1", "care", "2026-05-01", "Missat besök", origin="external")
        r.action_add(d, "Ny rutin", "Chef", on="2026-05-03")
        rows = r.report_table("actions", period="2026", committee="AN")
        self.assertEqual({x["source"]: x["decided"] for x in rows},
                         {"deviation": 1, "finding": 1})

    def test_stakeholders_and_supervision(self):
        r = self.reg
        r.stakeholder_add("PV", "Privat Vård AB", "provider")
        r.activity_edit("GP", stakeholders=["PV"], description="Alla enheter")
        self.assertEqual(r.stakeholder_list()[0]["activities"], 1)
        r.activity_start("GP", "2026-02-01")
        r.activity_done("GP", "2026-06-15")
        self.assertIsNone(r.report_table("information", year=2026)[0]["informed_on"])
        r.activity_inform("GP", "PV", "meeting", on="2026-06-20")
        self.assertEqual(r.report_table("information", year=2026)[0]["how"], "meeting")
        s = r.supervision_add("IVO", "Tillsyn av nattbemanning", "2026-04-15", unit="L2B",
                              reference="3.5.1-1/2026", received="2026-03-01")
        self.assertEqual(r.supervision_list(at="2026-04-10")[0]["reminder"], "due")
        r.supervision_respond(s, on="2026-04-10")
        r.supervision_close(s, on="2026-05-01")
        self.assertEqual(r.supervision_list(open=True), [])


class CommitteeReports(Case):
    def setUp(self):
        super().setUp()
        self.org()
        r = self.reg
        r.measure_add("FALL", "Fall", "result", "count")
        for month, (a, b) in enumerate([(6, 2), (7, 3), (9, 1), (8, 2)], 1):
            r.value_set("FALL", "A1", "2026-%02d" % month, a)
            r.value_set("FALL", "B1", "2026-%02d" % month, b)

    def test_build_show_present_verify_diff(self):
        r = self.reg
        id = r.committee_report_build("AN", "interim", "2026-T1", title="Delår 1")
        doc = r.committee_report_show(id)
        self.assertEqual(doc["title"], "Delår 1")
        units = next(s for s in doc["sections"] if s["id"] == "measures_2")
        fall = {row["node"]: row for row in units["rows"] if row["measure"] == "FALL"}
        self.assertEqual(fall["L2A"]["value"], 30.0)
        # B1 gave 8 falls: a public report shows at least 5 only.
        self.assertEqual(fall["L2B"]["value"], 8.0)
        r.setting_set("disclosure_threshold", 10)
        hidden = r.committee_report_build("AN", "interim", "2026-T1")
        rows = next(s for s in r.committee_report_show(hidden)["sections"]
                    if s["id"] == "measures_2")["rows"]
        self.assertEqual({x["node"]: x["value"] for x in rows if x["measure"] == "FALL"},
                         {"L2A": None, "L2B": None})  # 8 < 10, and then 30 by subtraction
        self.assertEqual([x.get("suppressed") for x in rows if x["measure"] == "FALL"],
                         ["secondary", "primary"])
        inside = r.committee_report_build("AN", "interim", "2026-T1", internal=True)
        rows = next(s for s in r.committee_report_show(inside)["sections"]
                    if s["id"] == "measures_2")["rows"]
        self.assertEqual(sorted(x["value"] for x in rows if x["measure"] == "FALL"), [8.0, 30.0])
        r.committee_report_text(id, "summary", "Färre fall än i fjol.")
        self.assertIn("Färre fall", r.committee_report_show(id, "md"))
        r.committee_report_present(id, "2026-06-10", "AN 2026/17")
        html = r.committee_report_show(id, "html")
        self.assertIn("<svg", html)
        self.assertIn("AN 2026/17", html)
        r.committee_report_verify(id)
        pdf = os.path.join(self.dir, "r.pdf")
        if shutil.which("chromium"):
            r.committee_report_pdf(id, pdf)
            with open(pdf, "rb") as f:
                self.assertEqual(f.read(5), b"%PDF-")
        with self.assertRaises(FileNotFoundError) as cm:
            r.committee_report_pdf(id, pdf, browser="no-such-browser")
        self.assertIn("apt-get install chromium", str(cm.exception))
        e = self.refused(uppfolj.REFUSED, "presented", r.committee_report_text, id,
                         "summary", "Ändrat")
        self.assertEqual(e.detail, uppfolj.DETAIL_PRESENTED)
        e = self.refused(uppfolj.REFUSED, "locked", r.value_set, "FALL", "A1", "2026-02", 1)
        self.assertEqual(e.detail, uppfolj.DETAIL_LOCKED)
        self.assertEqual(r.committee_report_diff(id), [])
        r.period_unlock("AN", "2026-02", "Rättelse av februari")
        r.value_set("FALL", "A1", "2026-02", 1)
        diff = r.committee_report_diff(id)
        self.assertIn({"section": "measures_2", "measure": "FALL", "node": "L2A",
                       "column": "value", "presented": 30.0, "now": 24.0, "note": "changed"},
                      diff)
        self.assertEqual(diff[-1]["section"], "lock")
        self.assertEqual([(x["period"], x["unlocked"]) for x in r.period_lock_list("AN")],
                         [("2026-T1", "2026-02"), ("2026-01..2026-01", None),
                          ("2026-03..2026-04", None)])
        r.period_lock("AN", "2026-T2")
        self.refused(uppfolj.EXISTS, "already locked", r.period_lock, "AN", "2026-T2")
        self.assertEqual(r.report("received", committee="AN")["rows"][0]["reference"],
                         "AN 2026/17")
        self.assertEqual(len(r.committee_report_list("AN")), 3)
        self.assertEqual(r.setting_list()[0]["value"], "10")


class References(Case):
    """Kolada's pages, groups and units, and figures from elsewhere."""

    def test_pages_groups_and_csv(self):
        r = self.reg
        pages = [os.path.join(HERE, "..", "data", "kolada_v3_page%d.json" % n) for n in (1, 2)]
        with self.assertRaises(uppfolj.Invalid) as e:
            r.kolada_import(pages[0])
        self.assertIn("has a next page", str(e.exception))
        self.assertEqual(r.kolada_import(*pages)[0]["rows"], 7)
        self.assertEqual(r.kolada_import(pages[0], partial=True)[0]["notes"],
                         "partial: a page of the response was not imported")
        kinds = {(x["kind"], x["area"]) for x in r.reference_list("U21468")}
        self.assertIn(("group", "G33612"), kinds)
        self.assertIn(("ou", "V21E058000101"), kinds)
        path = os.path.join(self.dir, "ref.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("kpi,kind,area,year,gender,value,status\n"
                    "U1,municipality,0000,2025,T,,Missing\n")
        self.assertEqual(r.reference_import(path)[0]["rows"], 1)
        self.assertEqual(r.reference_list("U1")[0]["status"], "Missing")
        self.assertIsNone(r.reference_list("U1")[0]["value"])


class Package(unittest.TestCase):
    """pip install ./python: a package of its own, at the library's version."""

    def test_pyproject_is_at_the_library_version(self):
        with open(os.path.join(ROOT, "meson.build"), encoding="utf-8") as f:
            version = re.search(r"version : '([^']+)'", f.read()).group(1)
        with open(os.path.join(ROOT, "python", "pyproject.toml"), encoding="utf-8") as f:
            self.assertIn('version = "%s"' % version, f.read())
        self.assertEqual(uppfolj.__version__, version)

    def test_pip_install_then_import(self):
        # Debian's pip, wheel and setuptools, offline: no index is reachable.
        pip = "/usr/bin/python3"
        probe = subprocess.run([pip, "-c", "import setuptools, wheel, pip"],
                               capture_output=True)
        if probe.returncode:
            self.skipTest("Debian's python3-pip, python3-setuptools and python3-wheel "
                          "are not installed; ./build.sh test installs them")
        with tempfile.TemporaryDirectory() as target:
            build = shutil.copytree(os.path.join(ROOT, "python"),
                                    os.path.join(target, "src"))
            p = subprocess.run([pip, "-m", "pip", "install", "--quiet", "--no-index",
                                "--no-build-isolation", "--target",
                                os.path.join(target, "site"), build],
                               capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, p.stderr)
            env = dict(os.environ, PYTHONPATH=os.path.join(target, "site"),
                       UPPFOLJ_LIBRARY=uppfolj._library_path())
            p = subprocess.run([pip, "-c", "import uppfolj; print(uppfolj.__file__, "
                                "uppfolj.version())"], cwd=target, env=env,
                               capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertTrue(p.stdout.startswith(os.path.join(target, "site")), p.stdout)


class Documented(unittest.TestCase):
    def test_every_public_callable_has_a_docstring_and_type_hints(self):
        import inspect
        missing = []
        for owner in (uppfolj, uppfolj.Registry, uppfolj.Batch):
            for name, obj in vars(owner).items():
                if name.startswith("_") or not callable(obj) and not isinstance(obj, property):
                    continue
                if inspect.isclass(obj) or (owner is uppfolj and
                                            getattr(obj, "__module__", None) != "uppfolj"):
                    continue
                func = obj.fget if isinstance(obj, property) else obj
                where = "%s.%s" % (getattr(owner, "__name__", "uppfolj"), name)
                if not inspect.getdoc(func):
                    missing.append(where + ": no docstring")
                sig = inspect.signature(func)
                if sig.return_annotation is inspect.Signature.empty:
                    missing.append(where + ": no return type")
                for p in sig.parameters.values():
                    if p.name != "self" and p.annotation is inspect.Parameter.empty:
                        missing.append("%s: %s has no type" % (where, p.name))
        self.assertEqual(missing, [])


class Spreadsheets(Case):
    def test_report_as_xlsx(self):
        import zipfile
        self.org()
        r = self.reg
        r.value_set("STR-PLATSER", "B1", "2026-05", 12)
        path = os.path.join(self.dir, "r.xlsx")
        try:
            r.report_xlsx(path, "values", columns=["measure", "node", "value"],
                          period="2026-05", level=3, measures=["STR-PLATSER"])
        except uppfolj.InternalError as e:
            self.assertIn("built without libxlsxwriter", str(e))
            self.skipTest("this library was built without libxlsxwriter")
        with zipfile.ZipFile(path) as z:
            sheet = z.read("xl/worksheets/sheet1.xml").decode()
            self.assertIn('name="report values"', z.read("xl/workbook.xml").decode())
        self.assertIn('state="frozen"', sheet)
        self.assertIn("<v>12</v>", sheet)
        with self.assertRaises(uppfolj.Invalid):
            r.report_xlsx(path, "values", columns=["nope"], period="2026-05")


class DataFrames(Case):
    def test_report_as_dataframe(self):
        try:
            import pandas  # noqa: F401
        except ImportError:
            with self.assertRaises(ImportError) as cm:
                self.reg.report("values", as_dataframe=True, period="2026")
            self.assertIn("python3-pandas", str(cm.exception))
            self.skipTest("pandas is not importable here (Debian: python3-pandas)")
        self.org()
        r = self.reg
        r.measure_add("FALL", "Fall", "result", "count")
        r.value_set("FALL", "A1", "2026-03", 4)
        r.value_set("FALL", "B1", "2026-03", 2)
        frame = r.report("values", as_dataframe=True, period="2026-03", measures=["FALL"])
        self.assertEqual(list(frame["node"]), ["L2A", "L2B"])
        self.assertEqual(frame["value"].sum(), 6.0)
        self.assertEqual(str(frame["value"].dtype), "float64")
        self.assertEqual(frame.attrs["period"], "2026-03")

    def test_trend(self):
        self.org()
        r = self.reg
        r.measure_add("FALL", "Fall", "result", "count")
        for month, n in ((1, 4), (2, 3), (3, 5)):
            r.value_set("FALL", "A1", "2026-%02d" % month, n)
        rows = r.report("values", period="2026-Q1", level="committee", measures=["FALL"],
                        trend=True)["rows"]
        self.assertEqual([(x["period"], x["value"]) for x in rows],
                         [("2026-01", 4.0), ("2026-02", 3.0), ("2026-03", 5.0)])


class Columns(Case):
    """Each column list the header documents is what the function gives."""

    def columns(self, name, *args):
        """The columns of the table the function hands back; the first
        argument may name the registry to call it on (else self.reg)."""
        reg = self.reg
        if args and isinstance(args[0], uppfolj.Registry):
            reg, args = args[0], args[1:]
        table = ctypes.c_void_p()
        reg._check(uppfolj._call(name, ctypes.byref(table), reg._db, *args))
        try:
            return [uppfolj._text(uppfolj._call("upf_table_column", table, c))
                    for c in range(uppfolj._call("upf_table_columns", table))]
        finally:
            uppfolj._call("upf_table_free", table)

    def test_documented_columns_are_given(self):
        self.org()
        r = self.reg
        d = r.deviation_add("B1", "care", "2026-05-01", "Föll i hallen")
        r.plan_add(2026, "AN")
        r.activity_add("GP", "GP", 2026, "AN", "individual", areas=["personcentrerat"],
                       methods=["granskning_gp"], scope=["all"], start="2026-02-01",
                       due="2026-06-30")
        r.instrument_add("GP", "GP", "granskning_gp", "yes_no")
        f = r.finding_add("GP", "unit:A1", "personcentrerat", "strength", "Aktuella planer",
                          on="2026-03-01")
        cr = r.committee_report_build("AN", "interim", "2026-T1")
        r.committee_report_present(cr, "2026-06-10", "AN 2026/1")
        b = uppfolj._b
        kolada = os.path.join(HERE, "..", "data", "kolada_v2.json")
        reference = os.path.join(self.dir, "reference.csv")
        with open(reference, "w", encoding="utf-8") as out:
            out.write("kpi,kind,area,year,gender,value\nU21468,municipality,0000,2025,T,81\n")
        # A provider's own registry, for the changeset's functions.
        org, sent = os.path.join(self.dir, "org.json"), os.path.join(self.dir, "pv.sync")
        with open(org, "w", encoding="utf-8") as out:
            out.write(r.org_export("PV"))
        pv = uppfolj.Registry(os.path.join(self.dir, "pv.db"), actor="pv")
        self.addCleanup(pv.close)
        pv.org_import(org)
        pv.value_set("STR-PLATSER", "B1", "2026-05", 4)
        calls = {
            "upf_committee_list": (), "upf_provider_list": (), "upf_area_list": (),
            "upf_assignment_list": (), "upf_unit_list": (b("2026-05-01"),),
            "upf_unit_history": (b("B1"),), "upf_org_tree": (None,),
            "upf_measure_list": (None, None), "upf_measure_show": (b("STR-PLATSER"),),
            "upf_quality_area_list": (), "upf_value_list": (None, None, None),
            "upf_kolada_import": (b(kolada),), "upf_target_list": (None,),
            "upf_kolada_import_files": ((ctypes.c_char_p * 1)(b(kolada)), 1, 0),
            "upf_reference_import": (b(reference),), "upf_reference_list": (None,),
            "upf_indicator_list": (), "upf_deviation_show": (d,),
            "upf_deviation_action_list": (d,), "upf_deviation_list": (None,),
            "upf_deviation_search": (b("hallen"),), "upf_deviation_type_list": (),
            "upf_deviation_category_list": (), "upf_basic_item_list": (),
            "upf_audit_list": (None, None), "upf_goal_list": (None,),
            "upf_method_list": (), "upf_rule_list": (),
            "upf_plan_show": (2026, b("AN")), "upf_plan_list": (),
            "upf_plan_revision_list": (2026, b("AN")), "upf_activity_show": (b("GP"),),
            "upf_activity_list": (None,), "upf_instrument_list": (),
            "upf_instrument_show": (b("GP"),), "upf_review_list": (None,),
            "upf_correction_list": (None,), "upf_finding_list": (None,),
            "upf_finding_evidence": (f,), "upf_assessment_history": (b("AN"), 2026, None),
            "upf_action_list": (None,), "upf_stakeholder_list": (),
            "upf_supervision_list": (None,), "upf_db_doctor": (),
            "upf_committee_report_diff": (cr,), "upf_committee_report_list": (None,),
            "upf_period_lock_list": (None,), "upf_setting_list": (),
            "upf_registry_show": (), "upf_sync_status": (),
            "upf_sync_export": (pv, b(sent), -1), "upf_sync_apply": (b(sent), None),
        }
        reports = {"values": {"period": "2026"}, "deviations": {"period": "2026"},
                   "basic": {"year": 2026}, "quality": {"period": "2026-05"},
                   "missing": {"period": "2026-05"}, "plan": {"year": 2026},
                   "review": {"activity": "GP"}, "goals": {"year": 2026},
                   "assessment": {"year": 2026}, "actions": {"period": "2026"},
                   "information": {"year": 2026}, "received": {"committee": "AN"}}
        doc = documented_columns()
        for name, listed in doc.items():
            with self.subTest(name=name):
                if name.startswith("report "):
                    report = name.split()[1]
                    given = self.columns("upf_report_table", b(report),
                                         b(json.dumps(reports.pop(report))))
                elif name == "upf_report_table":
                    continue
                else:
                    self.assertIsNotNone(listed, "no 'Columns:' above " + name)
                    given = self.columns(name, *calls.pop(name))
                self.assertEqual(given, listed)
        self.assertEqual((calls, reports), ({}, {}), "documented nowhere")


class Examples(Case):
    def test_report_example_runs(self):
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"))
        p = subprocess.run([sys.executable, os.path.join(ROOT, "examples", "python",
                                                         "report.py"),
                            os.path.join(self.dir, "example.db")],
                           env=env, capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("refused (UPF_INVALID): value '10': a share's count", p.stdout)
        self.assertIn("RES-GP-PLAN EGEN-HT 80.0 % (8 of 10, 2/2 units)", p.stdout)


class ZCoverage(unittest.TestCase):
    """Runs last: every public function was called from Python."""

    def test_every_function_called(self):
        missing = header_functions() - uppfolj.called
        print(f"# {len(header_functions())} public functions, "
              f"{len(uppfolj.called & header_functions())} called from Python")
        self.assertEqual(missing, set())


if __name__ == "__main__":
    tap.main()
