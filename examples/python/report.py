"""Opens a registry, records a month of values and prints a report.

    python3 examples/python/report.py registry.db
"""
import sys

import uppfolj


def main(path):
    with uppfolj.Registry(path, actor="report.py") as reg:
        if not reg.committee_list():
            reg.committee_add("AN", "Äldrenämnden")
            reg.provider_add("EGEN", "Egen regi", "in_house")
            reg.assignment_add("EGEN-ALD", "Äldreomsorg", "AN", "EGEN",
                               "assignment", "2026-01-01")
            reg.unit_add_level2("EGEN-HT", "Hemtjänst", "EGEN-ALD",
                                "hemtjanst", "2026-01-01")
            reg.unit_add_level3("HT-NORR", "Hemtjänst Norr", "EGEN-HT", "2026-01-01")
            reg.unit_add_level3("HT-SODER", "Hemtjänst Söder", "EGEN-HT", "2026-01-01")
        # Care plans closed according to plan: a share, pooled over units.
        with reg.batch() as batch:
            batch.add("RES-GP-PLAN", "HT-NORR", "2026-05", 7, den=9)
            batch.add("RES-GP-PLAN", "HT-SODER", "2026-05", 1, den=1)
        try:
            reg.value_set("RES-GP-PLAN", "HT-NORR", "2026-05", 10, den=9)
        except uppfolj.Error as e:
            print(f"refused ({e.name}): {e.message}")
        report = reg.report("values", period="2026-05", level=2,
                            measures=["RES-GP-PLAN"])
        for row in report["rows"]:
            print(f"{row['measure']} {row['node']} {row['value']} % "
                  f"({row['numerator']:g} of {row['denominator']:g}, "
                  f"{row['units_reported']}/{row['units_expected']} units)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "uppfolj.db")
