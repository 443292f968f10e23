#!/usr/bin/env python3
"""A month of one provider's data sent as a changeset: its size, and how
long the export and the apply take. Usage, from the source tree, with an
optimised build:

    UPPFOLJ_LIB=build-bench/lib/libuppfolj.so python3 tests/bench/sync_size.py UNITS MEASURES

(50 units and 300 monthly measures: a provider's share of the municipal
scale of tests/bench/bench.c)."""
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "python"))
import uppfolj  # noqa: E402

UNITS, MEASURES = int(sys.argv[1]), int(sys.argv[2])
d = tempfile.mkdtemp(prefix="upf-sync-measure-")
m = uppfolj.Registry(os.path.join(d, "m.db"), actor="m")
m.committee_add("AN", "Äldrenämnden")
m.provider_add("PV", "Privat", "private")
m.assignment_add("PV", "Avtal", "AN", "PV", "contract", "2025-01-01")
m.unit_add_level2("L2", "Del", "PV", "hemtjanst", "2025-01-01")
for u in range(UNITS):
    m.unit_add_level3(f"U{u}", f"Enhet {u}", "L2", "2025-01-01")
for k in range(MEASURES):
    m.measure_add(f"M{k}", f"Mått {k}", "structure", "count")
org = os.path.join(d, "org.json")
with open(org, "w") as f:
    f.write(m.org_export("PV"))
pv = uppfolj.Registry(os.path.join(d, "pv.db"), actor="pv")
pv.org_import(org)
csv = os.path.join(d, "month.csv")
with open(csv, "w") as f:
    f.write("measure,unit,period,value\n")
    for k in range(MEASURES):
        for u in range(UNITS):
            f.write(f"M{k},U{u},2026-03,{(k * 7 + u) % 50}\n")
t = time.perf_counter()
pv.value_import(csv)
t_import = time.perf_counter() - t
sent = os.path.join(d, "month.sync")
t = time.perf_counter()
pv.sync_export(sent)
t_export = time.perf_counter() - t
t = time.perf_counter()
m.sync_apply(sent)
t_apply = time.perf_counter() - t
n = UNITS * MEASURES
print(f"{n} values ({UNITS} units x {MEASURES} measures, one month): "
      f"changeset {os.path.getsize(sent)} bytes ({os.path.getsize(sent) / n:.1f} per value); "
      f"import in the provider's registry {t_import:.2f} s, export {t_export:.2f} s, "
      f"apply {t_apply:.2f} s")
m.close()
pv.close()
shutil.rmtree(d)
