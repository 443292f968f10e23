#!/usr/bin/env python3
"""Writes the demo's reviews as CSV for `uppfolj review import`, seeded so
that every run gives the same file:

    uppfolj --format csv unit list --at 2026-08-31 | reviews.py > reviews.csv

Two reviews of 2026: the care plans (genomförandeplaner) of five
pseudonymous cases in each home-care unit, in-house and private (activity
GP-HT, instrument GP), and the meals of each residential unit across
regimes (activity MAT, instrument MAT). A case is the municipality's own
reference (GP-0001 ...), never a person.
"""
import csv
import random
import sys

SEED = 7


def care_plans(rng, units, out):
    number = 0
    for unit in units:
        if unit["level"] != "3" or unit["area"] != "hemtjanst":
            continue
        # The private provider's plans are kept up to date a little less
        # often, so that the comparison by regime has something to show.
        current = 0.9 if unit["provider"] == "EGEN" else 0.75
        for _ in range(5):
            number += 1
            case = f"GP-{number:04d}"
            day = f"2026-{rng.randint(3, 5):02d}-{rng.randint(1, 28):02d}"
            answers = {
                "AKTUELL": "yes" if rng.random() < current else "no",
                "DELAKTIG": "yes" if rng.random() < 0.8 else "no",
                # Not every plan has ended yet: those that have not, do not
                # apply.
                "ENLIGT-PLAN": ("yes" if rng.random() < 0.8 else "no")
                if rng.random() < 0.6 else "na",
            }
            for criterion, answer in answers.items():
                note = "Planen ej uppdaterad efter ändrat beslut" \
                    if criterion == "AKTUELL" and answer == "no" else ""
                out.writerow(["GP-HT", "GP", unit["code"], "", case, day, criterion,
                              answer, note])


def meals(rng, units, out):
    for unit in units:
        if unit["level"] != "3" or unit["area"] != "sarskilt_boende":
            continue
        day = f"2026-{rng.randint(4, 6):02d}-{rng.randint(1, 28):02d}"
        # The meal itself is mostly calm; the choice of food less often real.
        weights = {"MILJO": [8, 1, 1], "VAL": [4, 4, 2], "NATTFASTA": [6, 3, 1]}
        for criterion, weight in weights.items():
            answer = rng.choices(["yes", "partly", "no"], weight)[0]
            out.writerow(["MAT", "MAT", unit["code"], "", "", day, criterion, answer, ""])


def main():
    rng = random.Random(SEED)
    units = sorted(csv.DictReader(sys.stdin), key=lambda u: u["code"])
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["activity", "instrument", "unit", "assignment", "case", "date",
                  "criterion", "answer", "note"])
    care_plans(rng, units, out)
    meals(rng, units, out)


if __name__ == "__main__":
    main()
