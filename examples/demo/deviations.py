#!/usr/bin/env python3
"""Writes a year of demo deviations and basic follow-up, seeded so that
every run gives the same registry.

    units.csv | deviations.py csv    the deviations, for 'import deviations'
    units.csv | deviations.py steps  the workflow and basic follow-up, as
                                     shell lines calling the function u

units.csv is `uppfolj --format csv unit list --at 2026-08-31`. Deviations
are numbered in the order of the CSV, from 1 in a new registry.
"""
import csv
import datetime
import random
import shlex
import sys

SEED = 11
START = datetime.date(2025, 9, 1)
END = datetime.date(2026, 8, 31)
TYPES = [("care", 50), ("complaint", 15), ("opinion", 15), ("lex_sarah", 8),
         ("lex_maria", 5), ("other", 7)]
CATEGORIES = ["lakemedel", "fall", "bemotande", "utebliven_insats",
              "dokumentation", "hygien", None]
SUMMARIES = {
    "lakemedel": "Läkemedel gavs inte vid rätt tid",
    "fall": "Brukaren föll vid förflyttning",
    "bemotande": "Brukaren upplevde ett otrevligt bemötande",
    "utebliven_insats": "Planerat besök blev inte av",
    "dokumentation": "Genomförandeplanen var inte uppdaterad",
    "hygien": "Basala hygienrutiner följdes inte",
    None: "Synpunkt på verksamheten",
}
# A unit that closes: no deviation after its last day.
CLOSED = {"IFO-KOMPASSEN": datetime.date(2026, 6, 30)}
BASIC_ITEMS = ["avvikelser", "loggkontroll", "dokumentation", "brandskydd",
               "basal_hygien"]


def pick(rng, weighted):
    total = sum(w for _, w in weighted)
    x = rng.uniform(0, total)
    for value, weight in weighted:
        x -= weight
        if x <= 0:
            return value
    return weighted[-1][0]


def deviations(rng, units):
    rows = []
    for unit in units:
        if unit["level"] != "3":
            continue
        day, end = START, min(END, CLOSED.get(unit["code"], END))
        while day <= end:
            if rng.random() < 0.045:
                kind = pick(rng, TYPES)
                category = rng.choice(CATEGORIES)
                reported = min(end, day + datetime.timedelta(days=rng.randint(0, 3)))
                rows.append((unit["code"], kind, day, reported, category,
                             SUMMARIES[category]))
            day += datetime.timedelta(days=1)
    return rows


ASSESSMENTS = {"lex_sarah": ["not_missforhallande", "missforhallande", "risk"],
               "lex_maria": ["no_injury", "injury"]}


class Shell:
    """Writes each command as a shell line: u ARG..., every argument quoted."""

    def writerow(self, args):
        print("u " + " ".join(shlex.quote(str(a)) for a in args))

    def capture(self, var, args):
        """var=$(u ARG...): the number a command prints, for the next line."""
        print(var + "=$(u " + " ".join(shlex.quote(str(a)) for a in args) + ")")


def steps(rng, rows, units, out):
    later = datetime.timedelta
    serious_left = 2
    for number, (unit, kind, _, reported, _, _) in enumerate(rows, start=1):
        if reported > datetime.date(2026, 7, 15) or rng.random() < 0.15:
            continue
        if kind in ("lex_sarah", "lex_maria"):
            out.writerow(["deviation", "action", "immediate", number, "--text",
                          "Brukaren fick extra tillsyn", "--responsible",
                          "Enhetschef", "--on", reported])
        investigated = reported + later(days=rng.randint(0, 5))
        assessed = investigated + later(days=rng.randint(3, 20))
        out.writerow(["deviation", "investigate", number, "--on", investigated])
        scale = ASSESSMENTS.get(kind, ["not_deviation", "deviation"])
        serious = kind == "lex_sarah" and serious_left > 0
        assessment = "serious" if serious else rng.choice(scale)
        out.writerow(["deviation", "assess", number, "--assessment", assessment,
                      "--on", assessed])
        closed = assessed + later(days=rng.randint(1, 25))
        if serious:
            serious_left -= 1
            out.writerow(["deviation", "notify", number, "--on", assessed,
                          "--by", "committee"])
            if serious_left == 0:
                continue  # the investigation has not reached IVO: overdue
            sent = assessed + later(days=45)
            out.writerow(["deviation", "send", number, "--on", sent])
            closed = sent + later(days=3)
        if assessment not in ("not_missforhallande", "no_injury", "not_deviation"):
            # Decided when assessed, due a month later; four in five done
            # by the day the case closes, the rest still open.
            out.capture("action", ["deviation", "action", "add", number, "--text",
                                   "Rutinen gicks igenom på arbetsplatsträff",
                                   "--responsible", "Enhetschef", "--on", assessed,
                                   "--due", assessed + later(days=30)])
            if number % 5:
                print('u action done "$action" --on ' + str(closed))
        if rng.random() < 0.9:
            out.writerow(["deviation", "close", number, "--on", closed, "--reason",
                          "Åtgärder vidtagna enligt utredningen"])
    for unit in units:
        for item in BASIC_ITEMS:
            if unit["level"] == "3" and rng.random() < 0.9:
                args = ["basic", "set", unit["code"], item, "--year", 2026,
                        "--routine", "yes" if rng.random() < 0.9 else "no"]
                if rng.random() < 0.8:
                    args += ["--performed", f"2026-0{rng.randint(2, 8)}-15"]
                out.writerow(args)
            elif unit["level"] == "2" and rng.random() < 0.7:
                out.writerow(["basic", "analyse", unit["code"], item, "--year", 2026,
                              "--on", "2026-09-30"])


def main():
    rng = random.Random(SEED)
    units = sorted(csv.DictReader(sys.stdin), key=lambda u: u["code"])
    rows = deviations(rng, units)
    out = csv.writer(sys.stdout, lineterminator="\n")
    if sys.argv[1:] == ["csv"]:
        out.writerow(["unit", "type", "occurred", "reported", "category", "summary"])
        for unit, kind, occurred, reported, category, summary in rows:
            out.writerow([unit, kind, occurred, reported, category or "", summary])
    else:
        steps(rng, rows, units, Shell())


if __name__ == "__main__":
    main()
