#!/usr/bin/env python3
"""Writes two years of demo values as CSV for uppfolj's import.

Reads the registry's units as CSV on standard input (the output of
`uppfolj --format csv unit list`) and writes values for them, from a
seeded generator so that every run gives the same file:

    uppfolj --format csv unit list --at 2024-09-01 | values.py > values.csv

Monthly structure, result and economic measures run from 2024-09 to
2026-08; the yearly process measures cover 2024 and 2025. A few slips are
planted in the latest tertial for the data-quality report to find: a cost
with a zero too many, a head count of a tenth, staff beyond the plausible
range, hours above those granted, and reports that never came.
"""
import csv
import random
import sys

SEED = 2026
MONTHS = [(2024, m) for m in range(9, 13)] + \
         [(2025, m) for m in range(1, 13)] + [(2026, m) for m in range(1, 9)]
YEARS = [2024, 2025]

# What a unit of each service area reports monthly, with a typical size.
PLACES = {"sarskilt_boende": 40, "korttid": 16, "lss_bostad": 6,
          "daglig_verksamhet": 25}
PEOPLE = {"hemtjanst": 90, "sarskilt_boende": 40, "korttid": 30,
          "lss_bostad": 6, "daglig_verksamhet": 25, "ifo_barn_unga": 35,
          "ifo_vuxna": 50}
QUEUES = {"ifo_barn_unga", "ifo_vuxna", "lss_bostad"}

SURVEY_SHARES = ["DEL-INFO", "DEL-INFLYT", "SAM-HELHET", "KOMP-BEMOT",
                 "KOMP-UPPDRAG"]
ROUTINES = ["LED-KLS", "SAM-STRUKTUR", "KUNS-NY", "KUNS-METOD", "KUNS-ERFAR"]

# A unit that closes: nothing after its last month.
CLOSED = {"IFO-KOMPASSEN": (2026, 6)}

# The planted slips: (measure, unit, period) -> what was typed instead.
SLIPS = {
    ("EKO-KOSTNAD", "HT-NORR", "2026-06"): lambda v: v * 10,
    ("STR-PERSONER", "SABO-EKEN", "2026-07"): lambda v: round(v / 10),
    ("STR-ARSARB", "HT-OST", "2026-05"): lambda v: v * 100,
    ("STR-TIMMAR", "HT-SODER", "2026-06"): lambda v: round(v * 1.2, 1),
}
# Reports that never came: (measure, unit) -> the months left out.
NOT_REPORTED = {
    ("RES-GP-PLAN", "NV-BERGA"): {"2026-07", "2026-08"},
    (None, "OH-KLOVERN"): {"2026-08"},
}


class Slips:
    """Passes rows on, with the planted slips and the reports left out."""

    def __init__(self, out):
        self.out = out

    def writerow(self, row):
        measure, unit, period = row[0], row[1], str(row[2])
        for key in ((measure, unit), (None, unit)):
            if period in NOT_REPORTED.get(key, ()):
                return
        slip = SLIPS.get((measure, unit, period))
        self.out.writerow([measure, unit, period, slip(row[3])] + row[4:]
                          if slip else row)


def monthly(rng, out, code, area):
    people = PEOPLE.get(area, 20)
    staff = max(3, round(people * rng.uniform(0.35, 0.6)))
    for year, month in MONTHS:
        period = f"{year}-{month:02d}"
        drift = 1 + 0.02 * (year - 2025) + rng.uniform(-0.05, 0.05)
        if (year, month) > CLOSED.get(code, (9999, 12)):
            continue
        if area in PLACES:
            out.writerow(["STR-PLATSER", code, period, PLACES[area], "", ""])
        if area == "hemtjanst":
            out.writerow(["STR-TIMMAR", code, period,
                          round(people * 28 * drift, 1), "", ""])
            out.writerow(["STR-TIMMAR-BEV", code, period, people * 30, "", ""])
        out.writerow(["STR-PERSONER", code, period, round(people * drift), "", ""])
        out.writerow(["STR-ARSARB", code, period, round(staff * drift, 1), "", ""])
        if area in QUEUES:
            out.writerow(["STR-KO", code, period, rng.randint(0, 8), "", ""])
        closed = rng.randint(2, 9)
        out.writerow(["RES-GP-PLAN", code, period,
                      min(closed, round(closed * rng.uniform(0.6, 1.0))), closed, ""])
        budget = round(people * 21000, -3)
        out.writerow(["EKO-BUDGET", code, period, budget, "", ""])
        out.writerow(["EKO-KOSTNAD", code, period,
                      round(budget * rng.uniform(0.93, 1.09), -2), "", ""])


def yearly(rng, out, code, area):
    people = PEOPLE.get(area, 20)
    for year in YEARS:
        for measure in SURVEY_SHARES:
            asked = max(3, round(people * rng.uniform(0.4, 0.8)))
            out.writerow([measure, code, year,
                          round(asked * rng.uniform(0.65, 0.97)), asked, ""])
        staff = max(4, round(people * 0.5))
        out.writerow(["KOMP-OMSATT", code, year,
                      round(staff * rng.uniform(0.05, 0.25)), staff, ""])
        out.writerow(["STR-UTB", code, year,
                      round(staff * rng.uniform(0.6, 0.95)), staff, ""])
        answered = max(3, round(people * 0.45))
        out.writerow(["LED-HME", code, year,
                      round(rng.uniform(68, 86), 1), answered, ""])
        for measure in ROUTINES:
            out.writerow([measure, code, year, int(rng.random() < 0.8), "", ""])
        # Care plans reviewed, and those that show person-centred work.
        reviewed = rng.randint(4, 12)
        out.writerow(["PC-METOD", code, year,
                      round(reviewed * rng.uniform(0.5, 0.95)), reviewed, ""])


def main():
    rng = random.Random(SEED)
    units = sorted(csv.DictReader(sys.stdin), key=lambda u: u["code"])
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["measure", "unit", "period", "value", "denominator", "note"])
    out = Slips(out)
    for unit in units:
        if unit["level"] == "2":
            for year in YEARS:
                out.writerow(["STR-LOKALER", unit["code"], year,
                              int(rng.random() < 0.85), "", ""])
            continue
        monthly(rng, out, unit["code"], unit["area"])
        yearly(rng, out, unit["code"], unit["area"])


if __name__ == "__main__":
    main()
