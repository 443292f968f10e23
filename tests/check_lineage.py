#!/usr/bin/env python3
"""membership_span and unit_lineage as migration 0017 defines them (a
membership's end and a child's parents found by the membership table's
key) give the same spans as the views of 0001 and 0011 they replaced (a
window function; every child's span scanning the parents' spans whole),
over random histories: moves, closed units, assignments that begin late
or end.

The cache's spans (lib/sql/cache_spans.sql: each unit's spans as a fresh
handle loads them, read whole without the view) are the view's, in the
same order, over the same histories.

Usage: check_lineage.py SCHEMA_DIR [CASES]; TAP on stdout.
"""
import os
import random
import sqlite3
import sys

TABLES = """
CREATE TABLE unit (id INTEGER PRIMARY KEY, level INTEGER, area_id INTEGER,
                   closed_on TEXT);
CREATE TABLE assignment (id INTEGER PRIMARY KEY, committee_id INTEGER,
                         provider_id INTEGER, valid_from TEXT, valid_to TEXT);
CREATE TABLE membership (unit_id INTEGER, valid_from TEXT, assignment_id INTEGER,
                         parent_id INTEGER, PRIMARY KEY (unit_id, valid_from))
                         WITHOUT ROWID;
"""


def view_sql(path, view):
    """The CREATE VIEW statement of a view in a migration (its last)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    start = text.rindex("CREATE VIEW %s AS" % view)
    return text[start:text.index(";", start) + 1]


def latest_views(schema):
    """membership_span and unit_lineage as the newest migration defining
    each leaves them."""
    files = sorted(f for f in os.listdir(schema) if f[:4].isdigit() and f.endswith(".sql"))
    out = ""
    for view in ("membership_span", "unit_lineage"):
        last = [f for f in files
                if "CREATE VIEW %s AS" % view in open(os.path.join(schema, f),
                                                     encoding="utf-8").read()][-1]
        out += view_sql(os.path.join(schema, last), view)
    return out


def day(r):
    return "2020-%02d-%02d" % (r.randint(1, 12), r.randint(1, 28))


def history(r, views):
    """A registry's organisation: 3 assignments, 4 level-2 units and 10
    level-3 units, each with one to four memberships; with views."""
    c = sqlite3.connect(":memory:")
    c.executescript(TABLES + views)
    for a in range(1, 4):
        c.execute("INSERT INTO assignment VALUES (?, ?, ?, ?, ?)",
                  (a, a % 2, a, day(r) if r.random() < .5 else "2019-01-01",
                   day(r) if r.random() < .3 else None))
    for u in range(1, 5):
        c.execute("INSERT INTO unit VALUES (?, 2, ?, ?)",
                  (u, u % 2 + 1, day(r) if r.random() < .2 else None))
        for d in {day(r) for _ in range(r.randint(1, 3))}:
            c.execute("INSERT INTO membership VALUES (?, ?, ?, NULL)",
                      (u, d, r.randint(1, 3)))
    for u in range(5, 15):
        c.execute("INSERT INTO unit VALUES (?, 3, NULL, ?)",
                  (u, day(r) if r.random() < .2 else None))
        for d in {day(r) for _ in range(r.randint(1, 4))}:
            c.execute("INSERT INTO membership VALUES (?, ?, NULL, ?)",
                      (u, d, r.randint(1, 4)))
    return c


def main():
    schema = sys.argv[1]
    cases = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    new_file = os.path.join(schema, "0017_lookups_by_key.sql")
    old = (view_sql(os.path.join(schema, "0001_organisation.sql"), "membership_span")
           + view_sql(os.path.join(schema, "0011_living_data.sql"), "unit_lineage"))
    new = view_sql(new_file, "membership_span") + view_sql(new_file, "unit_lineage")
    query = ("SELECT 'span', *, NULL, NULL, NULL, NULL, NULL FROM membership_span "
             "UNION ALL SELECT 'lineage', * FROM unit_lineage")
    print("1..2")
    spans = 0
    for seed in range(cases):
        a = sorted(history(random.Random(seed), old).execute(query).fetchall(), key=repr)
        b = sorted(history(random.Random(seed), new).execute(query).fetchall(), key=repr)
        if a != b:
            print("not ok 1 - history %d: the spans differ: %r" % (seed, set(a) ^ set(b)))
            return 1
        spans += len(a)
    print("ok 1 - %d histories, %d rows, the same under both views" % (cases, spans))
    return check_cache(schema, cases)


def check_cache(schema, cases):
    with open(os.path.join(schema, "..", "lib", "sql", "cache_spans.sql"),
              encoding="utf-8") as f:
        cache = f.read()
    view = ("SELECT unit_id, CAST(replace(valid_from, '-', '') AS INTEGER) AS f, "
            "CAST(replace(coalesce(valid_to, '9999-12-31'), '-', '') AS INTEGER), "
            "area_id, committee_id FROM unit_lineage ORDER BY unit_id, f")
    views = latest_views(schema)
    spans = 0
    for seed in range(cases):
        c = history(random.Random(seed), views)
        a = c.execute(view).fetchall()
        b = c.execute(cache).fetchall()
        if a != b:
            print("not ok 2 - history %d: the cache's spans differ from the view's:\n"
                  "# view  %r\n# cache %r" % (seed, a, b))
            return 1
        spans += len(a)
    print("ok 2 - %d histories, %d spans, the cache's the view's, in its order"
          % (cases, spans))
    return 0


if __name__ == "__main__":
    sys.exit(main())
