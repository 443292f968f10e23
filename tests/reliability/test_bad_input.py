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
sys.path.insert(0, os.path.join(ROOT, "python"))
import tap  # noqa: E402
import uppfolj  # noqa: E402

BIN = os.environ.get("UPPFOLJ_BIN", os.path.join(ROOT, "build", "cli", "uppfolj"))
PNR = "19811218-9876"
# The same number as people type and paste it; no message may show any.
EN_DASH = "811218\u20139876"
NBSP = "811218\u00a09876"
FULLWIDTH = "\uff18\uff11\uff11\uff12\uff11\uff18\uff0d\uff19\uff18\uff17\uff16"
ZERO_WIDTH = "8112\u200b18-9876"
SPACED = "19 81 12 18-9876"
SPLIT = "811218-98 76"
SLASHED = "811218/9876"
ARABIC = "\u0668\u0661\u0661\u0662\u0661\u0668-\u0669\u0668\u0667\u0666"
THIN = "811218\u20099876"
MINUS = "811218\u22129876"
BARE = "8112189876"
SECRETS = [PNR, EN_DASH, NBSP, FULLWIDTH, ZERO_WIDTH, SPACED, SPLIT, SLASHED, ARABIC,
           THIN, MINUS, BARE, "811218-9876"]

# (what, command line, exit code, words the message must hold)
CLI = [
    ("a spreadsheet without a file", ["report", "values", "--period", "2026-05", "--format",
                                      "xlsx"], 2, ["--format xlsx needs --output"]),
    ("a spreadsheet of a record", ["deviation", "show", "1", "--format", "xlsx", "--output",
                                   "x.xlsx"], 2, ["format 'xlsx'"]),
    ("a comparison with a group that is not one", ["report", "values", "--period", "2025",
                                                   "--compare", "group", "0580"], 1,
     ["group '0580'", "starts with G"]),
    ("a comparison with an unknown kind", ["report", "values", "--period", "2025",
                                           "--compare", "region", "01"], 2,
     ["unexpected argument"]),
    ("committee report: unknown kind", ["committee-report", "build", "--committee", "AN", "--kind",
                                        "monthly", "--period", "2026"], 1, ["kind", "monthly"]),
    ("committee report: bad period", ["committee-report", "build", "--committee", "AN", "--kind",
                                      "adhoc", "--period", "2026-T4"], 1, ["period", "2026-T4"]),
    ("committee report: unknown committee", ["committee-report", "build", "--committee", "NOPE",
                                             "--kind", "adhoc", "--period", "2026"], 1, ["committee", "NOPE"]),
    ("committee report: no such report", ["committee-report", "show", "99"], 1, ["id", "99"]),
    ("committee report: id not a number", ["committee-report", "verify", "abc"], 1, ["id", "abc"]),
    ("committee report: presented, text changed", ["committee-report", "text", "1", "--section",
                                                   "summary", "--text", "Ny"], 1, ["presented"]),
    ("committee report: presented twice", ["committee-report", "present", "1", "--meeting",
                                           "2026-03-20", "--reference", "AN 2"], 1, ["presented"]),
    ("committee report: narrative holding a personal number", ["committee-report", "text", "2",
     "--section", "summary", "--text", "Brukare " + SPLIT], 1, ["text"]),
    ("committee report: unknown section", ["committee-report", "text", "2", "--section", "nosuch",
                                           "--text", "x"], 1, ["section", "nosuch"]),
    ("committee report: meeting not a day", ["committee-report", "present", "2", "--meeting",
                                             "2026-02-30", "--reference", "AN 1"], 1, ["meeting", "2026-02-30"]),
    ("committee report: reference a personal number", ["committee-report", "present", "2",
     "--meeting", "2026-03-01", "--reference", PNR], 1, ["reference"]),
    ("committee report: draft verified", ["committee-report", "verify", "2"], 1, ["draft"]),
    ("committee report: draft compared", ["committee-report", "diff", "2"], 1, ["draft"]),
    ("committee report: pdf without a file", ["--format", "pdf", "committee-report", "show", "1"],
     2, ["--output"]),
    ("committee report: narrative file missing", ["committee-report", "text", "2", "--section",
     "summary", "--file", "/nonexistent/x.txt"], 1, ["file", "/nonexistent/x.txt"]),
    ("value: in a locked period", ["value", "set", "CNT", "U1", "2025-01", "1"], 1,
     ["period", "2025-01", "locked", "committee report 1"]),
    ("value: deleted from a locked period", ["value", "delete", "CNT", "U1", "2025-01"], 1,
     ["period", "2025-01", "locked"]),
    ("period lock: unknown committee", ["period", "lock", "--committee", "NOPE", "--period", "2026"],
     1, ["committee", "NOPE"]),
    ("period lock: twice", ["period", "lock", "--committee", "AN", "--period", "2025-01"], 1,
     ["period", "2025-01", "already locked"]),
    ("period unlock: nothing locked", ["period", "unlock", "--committee", "AN", "--period", "2023",
                                       "--reason", "x"], 1, ["period", "2023"]),
    ("period unlock: no reason", ["period", "unlock", "--committee", "AN", "--period", "2025-01"],
     2, ["reason"]),
    ("period unlock: reason a personal number", ["period", "unlock", "--committee", "AN", "--period",
                                                 "2025-01", "--reason", NBSP], 1, ["reason"]),
    ("setting: unknown", ["setting", "set", "colour", "1"], 1, ["name", "colour"]),
    ("setting: threshold 0", ["setting", "set", "disclosure_threshold", "0"], 1, ["value", "0"]),
    ("setting: threshold a personal number", ["setting", "set", "disclosure_threshold", BARE], 1,
     ["value"]),
    ("measure: individuals maybe", ["measure", "edit", "FLOW", "--individuals", "maybe"], 2,
     ["individuals", "maybe"]),
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
    ("privacy: en dash", ["committee", "add", "X", "Nämnd " + EN_DASH], 1, ["name", "personal"]),
    ("privacy: no-break space", ["committee", "add", "X", NBSP], 1, ["name", "personal"]),
    ("privacy: full-width digits", ["committee", "add", "X", FULLWIDTH], 1, ["name", "personal"]),
    ("privacy: zero-width space inside", ["committee", "add", "X", ZERO_WIDTH], 1, ["name", "personal"]),
    ("privacy: groups spaced", ["committee", "add", "X", SPACED], 1, ["name", "personal"]),
    ("privacy: last four split", ["committee", "add", "X", SPLIT], 1, ["name", "personal"]),
    ("privacy: slash", ["committee", "add", "X", SLASHED], 1, ["name", "personal"]),
    ("privacy: Arabic-Indic digits", ["committee", "add", "X", ARABIC], 1, ["name", "personal"]),
    ("privacy: thin space in a note", ["value", "set", "FLOW", "U1", "2026-03", "1", "--note",
                                       "rör " + THIN], 1, ["note", "personal"]),
    ("privacy: minus sign in a summary", ["deviation", "add", "--unit", "U1", "--type", "care",
                                          "--occurred", "2026-03-01", "--summary", MINUS],
     1, ["summary", "personal"]),
    ("privacy: actor", ["--actor", SPACED, "committee", "add", "X", "Y"], 1, ["actor", "personal"]),
    ("privacy: search words", ["deviation", "search", "pnr", EN_DASH], 1, ["words", "personal"]),
    ("privacy: a value that is one", ["value", "set", "FLOW", "U1", "2026-03", BARE], 1,
     ["value", "personal"]),
    ("privacy: a denominator that is one", ["value", "set", "SH", "U1", "2026-03", "1",
                                            "--den", BARE], 1, ["denominator", "personal"]),
    ("privacy: a target that is one", ["target", "set", "SH", BARE, "--year", "2026"], 1,
     ["value", "personal"]),
    ("privacy: a unit filter", ["deviation", "list", "--unit", BARE], 1, ["unit", "personal"]),
    ("privacy: a report node", ["report", "values", "--period", "2026", "--committee", BARE],
     1, ["personal"]),
    ("privacy: an unknown option", ["committee", "list", "--" + PNR], 2, ["unknown option"]),
    ("privacy: an unexpected argument", ["committee", "list", PNR], 2, ["unexpected argument"]),
    ("privacy: an unknown command", [PNR], 2, ["unknown command"]),
    ("csv dialect: of no kind", ["--csv-dialect", "excel", "committee", "list"], 2,
     ["csv dialect 'excel'", "comma or sv"]),
    ("option: given twice", ["report", "values", "--period", "2026", "--period", "2025"], 2,
     ["option '--period' given twice"]),
    ("privacy: a deviation id", ["deviation", "show", BARE], 1, ["no deviation", "not shown"]),
    ("privacy: an import path", ["import", "values", "/tmp/" + PNR + ".csv"], 1, ["file", "personal"]),
    ("privacy: a registry path", ["--db", "/tmp/" + PNR + ".db", "committee", "list"], 1,
     ["does not exist", "not shown"]),
    ("privacy: a period", ["value", "list", "--period", PNR], 1, ["period", "not shown"]),
    ("privacy: a date", ["unit", "list", "--at", SPACED], 1, ["at", "not shown"]),
    ("privacy: a format", ["--format", PNR, "committee", "list"], 2, ["format", "not shown"]),
    ("privacy: a year", ["basic", "set", "U1", "brandskydd", "--year", BARE, "--routine", "yes"],
     1, ["year", "not shown"]),
    ("integer: year with a fraction", ["target", "set", "SH", "80", "--year", "2026.9"], 1,
     ["year", "2026.9"]),
    ("integer: year with an exponent", ["target", "set", "SH", "80", "--year", "2,0271e3"], 1,
     ["year", "2,0271e3"]),
    ("integer: year past every range", ["target", "set", "SH", "80", "--year", "1e300"], 1,
     ["year", "1e300"]),
    ("integer: year with a sign", ["basic", "set", "U1", "brandskydd", "--year", "+2026",
                                   "--routine", "yes"], 1, ["year", "+2026"]),
    ("integer: id with a fraction", ["deviation", "show", "1.5"], 1, ["id", "1.5"]),
    ("range: value past 1e15", ["value", "set", "FLOW", "U1", "2026-03", "1e16"], 1,
     ["value", "out of range"]),
    ("range: infinite value", ["value", "set", "FLOW", "U1", "2026-03", "inf"], 1, ["value", "inf"]),
    ("range: factor 0", ["indicator", "add", "X", "X", "--numerator", "FLOW", "--denominator",
                         "CNT", "--factor", "0"], 1, ["factor"]),
    ("range: factor past 1e15", ["indicator", "add", "X", "X", "--numerator", "FLOW",
                                 "--denominator", "CNT", "--factor", "1e20"], 1,
     ["factor", "out of range"]),
    ("range: target past 1e15", ["target", "set", "SH", "2e15", "--year", "2026"], 1,
     ["value", "out of range"]),
    ("number: thousands in groups of two", ["value", "set", "FLOW", "U1", "2026-03", "2 34"], 1,
     ["value", "2 34"]),
    ("number: two separators", ["value", "set", "FLOW", "U1", "2026-03", "1.234,5"], 1,
     ["value", "1.234,5"]),
    ("text: direction override in a name", ["committee", "add", "X", "Nämnd\u202e"], 1,
     ["name", "direction"]),
    ("text: zero-width space in a name", ["committee", "add", "X", "Näm\u200bnd"], 1,
     ["name", "invisible"]),
    ("text: a C1 control character", ["committee", "add", "X", "a\u0085b"], 1, ["name", "control"]),
    ("text: isolate in a summary", ["deviation", "add", "--unit", "U1", "--type", "care",
                                    "--occurred", "2026-03-01", "--summary", "a\u2066b"], 1,
     ["summary", "direction"]),
    ("code: begins with a dash", ["committee", "add", "--", "-X", "Nämnd"], 1, ["code", "begin"]),
    ("code: begins with a dot", ["committee", "add", ".X", "Nämnd"], 1, ["code", "begin"]),
    ("registry: does not exist", ["--db", "/tmp/upf-no-such-registry.db", "committee", "list"], 1,
     ["does not exist", "uppfolj init"]),
    ("registry: in memory", ["--db", ":memory:", "committee", "list"], 1, [":memory:"]),
    ("registry: empty path", ["--db", "", "committee", "list"], 1, ["path", "empty"]),
    ("orphans: a move beyond a contract's end", ["unit", "move", "U1", "--parent", "L2K",
                                                 "--from", "2025-06-01"], 1,
     ["unit 'U1'", "outside any valid membership"]),
    ("applicability: places in home care", ["value", "set", "STR-PLATSER", "U1", "2026-03", "5"],
     1, ["unit 'U1'", "hemtjanst", "STR-PLATSER"]),
    ("range: above the plausible range", ["value", "set", "CNT", "U1", "2026-03", "101"], 1,
     ["value '101'", "plausible range ..100"]),
    ("rule: an error rule broken", ["value", "set", "FLOW", "U1", "2026-03", "21"], 1,
     ["value '21'", "rule R1", "BEV is 20"]),
    ("retired: a value from the retirement on", ["value", "set", "OLD", "U1", "2026-03", "1"], 1,
     ["period '2026-03'", "retired"]),
    ("measure: type changed with values", ["measure", "edit", "FLOW", "--type", "count"], 1,
     ["measure 'FLOW'", "1 value recorded"]),
    ("measure: a minimum that is no number", ["measure", "edit", "FLOW", "--min", "lite"], 1,
     ["min", "lite"]),
    ("measure: an unknown area", ["measure", "edit", "FLOW", "--areas", "hemtjanst,nope"], 1,
     ["areas", "nope"]),
    ("rule: an unknown operator", ["rule", "add", "X", "FLOW => BEV", "--severity", "error"], 1,
     ["operator", "=>"]),
    ("rule: measures of another frequency", ["rule", "add", "X", "FLOW <= YN", "--severity",
                                             "warning"], 1, ["FLOW", "YN", "frequency"]),
    ("orphans: a unit closed before its values", ["unit", "close", "U1", "--on", "2026-02-28"], 1,
     ["unit 'U1'", "outside any valid membership"]),
    ("orphans: a contract ended before its values", ["assignment", "edit", "A1", "--to",
                                                     "2026-01-31"], 1,
     ["assignment 'A1'", "outside any valid membership"]),
    ("withdraw: a move that was never made", ["unit", "move", "--withdraw", "U1", "--from",
                                              "2026-01-01"], 1, ["from '2026-01-01'"]),
    ("withdraw: a reason that is a personal number", ["deviation", "withdraw", "1", "--reason",
                                                      "Gäller " + EN_DASH], 1,
     ["reason", "personal"]),
    ("rename: a name that is a personal number", ["unit", "rename", "U1", PNR], 1,
     ["name", "personal"]),
    ("report: an outlier threshold of 0", ["report", "quality", "--period", "2026-T1", "--z", "0"],
     1, ["z '0'"]),
    ("basic: an item where it does not apply", ["basic", "set", "U1", "palliativregistret",
                                                "--year", "2026", "--routine", "yes"], 1,
     ["unit 'U1'", "palliativregistret"]),
    ("plan: a year of two digits", ["plan", "add", "26", "--committee", "AN"], 1, ["year", "26"]),
    ("plan: decided twice", ["plan", "decide", "2026", "--committee", "AN", "--on", "2026-02-01",
                             "--reference", "ÄN 2026/13"], 1, ["decided already"]),
    ("activity: an unknown scope", ["activity", "add", "X", "X", "--plan", "2026", "--committee",
                                    "AN", "--kind", "thematic", "--area", "ledning", "--method",
                                    "budget", "--scope", "everyone", "--start", "2026-02-01",
                                    "--due", "2026-03-01", "--reason", "Ny"], 1,
     ["scope 'everyone'"]),
    ("activity: due before start", ["activity", "add", "X", "X", "--plan", "2026", "--committee",
                                    "AN", "--kind", "thematic", "--area", "ledning", "--method",
                                    "budget", "--scope", "all", "--start", "2026-04-01",
                                    "--due", "2026-03-01", "--reason", "Ny"], 1,
     ["due '2026-03-01'", "before start"]),
    ("activity: added to a decided plan without a reason",
     ["activity", "add", "X", "X", "--plan", "2026", "--committee", "AN", "--kind", "thematic",
      "--area", "ledning", "--method", "budget", "--scope", "all", "--start", "2026-02-01",
      "--due", "2026-03-01"], 1, ["decided on 2026-01-20", "reason"]),
    ("review: a case that is a personal number", ["review", "add", "--activity", "GP",
                                                  "--instrument", "GP", "--unit", "U1",
                                                  "--case", EN_DASH, "--on", "2026-03-01"], 1,
     ["case", "personal"]),
    ("review: an answer not on the scale", ["review", "answer", "1", "AKTUELL", "partly"], 1,
     ["answer 'partly'"]),
    ("correction: one that does not exist", ["correction", "verify", "9", "--on", "2026-03-01"],
     1, ["no correction request 9"]),
    ("finding: a text holding a personal number",
     ["finding", "add", "--activity", "GP", "--unit", "U1", "--quality-area", "ledning",
      "--grade", "deficiency", "--text", "Gäller " + SPACED], 1, ["text", "personal"]),
    ("finding: a subject of no kind", ["finding", "add", "--activity", "GP", "--regime",
                                       "public", "--quality-area", "ledning", "--grade",
                                       "strength", "--text", "x"], 1, ["regime", "public"]),
    ("finding: evidence without a period",
     ["finding", "add", "--activity", "GP", "--unit", "U1", "--quality-area", "ledning",
      "--grade", "strength", "--text", "x", "--evidence", "FLOW"], 1, ["evidence 'FLOW'"]),
    ("finding: evidence of a unit with no figure",
     ["finding", "add", "--activity", "GP", "--unit", "U1", "--quality-area", "ledning",
      "--grade", "strength", "--text", "x", "--evidence", "FLOW:2024-03"], 1,
     ["evidence 'FLOW:2024-03'", "no figure"]),
    ("finding: a grade of no kind", ["finding", "add", "--activity", "GP", "--unit", "U1",
                                     "--quality-area", "ledning", "--grade", "fine",
                                     "--text", "x"], 1, ["grade 'fine'"]),
    ("assessment: a rationale holding a personal number",
     ["assessment", "set", "--committee", "AN", "--year", "2026", "--quality-area", "ledning",
      "--grade", "good", "--rationale", "Se " + FULLWIDTH], 1, ["rationale", "personal"]),
    ("assessment: a scope of one unit",
     ["assessment", "set", "--committee", "AN", "--year", "2026", "--quality-area", "ledning",
      "--scope", "unit:U1", "--grade", "good", "--rationale", "x"], 1, ["scope 'unit:U1'"]),
    ("assessment: a year of two digits",
     ["assessment", "set", "--committee", "AN", "--year", "26", "--quality-area", "ledning",
      "--grade", "good", "--rationale", "x"], 1, ["year", "26"]),
    ("action: a source of no kind", ["action", "add", "--from", "ticket:3", "--text", "x",
                                     "--responsible", "y"], 1, ["source 'ticket:3'"]),
    ("action: a text holding a personal number",
     ["action", "add", "--from", "activity:GP", "--text", "Ring " + NBSP, "--responsible",
      "Chef"], 1, ["text", "personal"]),
    ("action: a responsible who is a personal number",
     ["action", "add", "--from", "activity:GP", "--text", "x", "--responsible", BARE], 1,
     ["responsible", "personal"]),
    ("action: decided before the deviation occurred",
     ["action", "add", "--from", "deviation:1", "--text", "x", "--responsible", "y",
      "--on", "2026-02-01"], 1, ["before the deviation occurred"]),
    ("action: a unit closed then", ["action", "add", "--from", "activity:GP", "--unit", "L2K",
                                    "--text", "x", "--responsible", "y", "--on",
                                    "2026-03-01"], 1, ["unit 'L2K'", "not active"]),
    ("action: an effect of no kind", ["action", "evaluate", "1", "--effect", "great"], 1,
     ["effect 'great'"]),
    ("action: one that does not exist", ["action", "done", "99"], 1, ["no action 99"]),
    ("backup: over a file that exists", ["backup", "--to", os.path.abspath(__file__)], 1,
     ["to '%s'" % os.path.abspath(__file__), "exists"]),
    ("backup: a name that is a personal number", ["backup", "--to", "/tmp/" + SPACED + ".db"],
     1, ["file", "personal"]),
    ("backup: into a directory that does not exist",
     ["backup", "--to", "/tmp/upf-no-such-dir/kopia.db"], 1,
     ["to '/tmp/upf-no-such-dir/kopia.db'", "No such file"]),
    ("stakeholder: a name that is a personal number",
     ["stakeholder", "add", "X", PNR, "--kind", "users"], 1, ["name", "personal"]),
    ("inform: an activity not done", ["inform", "--activity", "GP", "--stakeholder", "PV",
                                      "--how", "meeting"], 1, ["activity 'GP'", "done"]),
    ("inform: a note holding a personal number",
     ["inform", "--activity", "GP", "--stakeholder", "PV", "--how", "letter", "--note",
      ZERO_WIDTH], 1, ["note", "personal"]),
    ("activity edit: an unknown stakeholder",
     ["activity", "edit", "GP", "--stakeholder", "NOPE"], 1, ["stakeholder 'NOPE'"]),
    ("activity edit: a description holding a personal number",
     ["activity", "edit", "GP", "--description", "Brukare " + SLASHED], 1,
     ["description", "personal"]),
    ("supervision: a summary holding a personal number",
     ["supervision", "add", "--authority", "IVO", "--unit", "U1", "--summary", ARABIC,
      "--due", "2030-01-01"], 1, ["summary", "personal"]),
    ("supervision: a reference that is a personal number",
     ["supervision", "add", "--authority", "IVO", "--unit", "U1", "--reference", THIN,
      "--summary", "x", "--due", "2030-01-01"], 1, ["reference", "personal"]),
    ("supervision: due before received",
     ["supervision", "add", "--authority", "AMV", "--assignment", "A1", "--summary", "x",
      "--received", "2026-05-01", "--due", "2026-04-01"], 1, ["due '2026-04-01'"]),
    ("supervision: an authority of no kind",
     ["supervision", "add", "--authority", "Polisen", "--unit", "U1", "--summary", "x",
      "--due", "2030-01-01"], 1, ["authority 'Polisen'"]),
    ("deviation: an origin of no kind",
     ["deviation", "add", "--unit", "U1", "--type", "care", "--occurred", "2026-03-01",
      "--summary", "x", "--origin", "abroad"], 1, ["origin 'abroad'"]),
    ("usage: withdraw without a reason", ["deviation", "withdraw", "1"], 2, ["--reason"]),
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
    ("csv: a deviation registered already", "deviations", "unit,type,occurred,summary\n"
     "U1,lex_sarah,2026-03-01,Händelse\n", ["line 2", "the same unit, type, day and summary"]),
    ("csv: a deviation of an origin of no kind", "deviations",
     "unit,type,occurred,reported,category,summary,origin\n"
     "U1,care,2026-03-01,,,Föll,abroad\n", ["line 2", "origin 'abroad'"]),
    ("csv: a review answer given twice", "reviews",
     "activity,instrument,unit,assignment,case,date,criterion,answer,note\n"
     "GP,GP,U1,,GP-9,2026-03-02,AKTUELL,yes,\nGP,GP,U1,,GP-9,2026-03-02,AKTUELL,no,\n",
     ["line 3", "also answered on line 2"]),
    ("csv: a review of a case that is a personal number", "reviews",
     "activity,instrument,unit,assignment,case,date,criterion,answer,note\n"
     "GP,GP,U1,,811218-9876,2026-03-02,AKTUELL,yes,\n", ["line 2", "case", "personal"]),
    ("csv: a value beyond its plausible range", "values", "measure,unit,period,value\n"
     "CNT,U1,2026-04,500\n", ["line 2", "plausible range"]),
    ("csv: deviation bad type", "deviations", "unit,type,occurred,summary\nU1,sarah,2026-03-01,x\n",
     ["line 2", "sarah"]),
    ("csv: a NUL byte", "values", b"measure,unit,period,value,note\nFLOW,U1,2026-04,1,a\0b\n",
     ["line 2, column 5", "NUL"]),
    ("csv: a key twice", "values", "measure,unit,period,value\nFLOW,U1,2026-04,1\n"
     "FLOW,U1,2026-04,2\n", ["line 3", "also on line 2"]),
    ("csv: a personal number with an en dash", "values", "measure,unit,period,value,note\n"
     "FLOW,U1,2026-04,1,rör " + EN_DASH + "\n", ["line 2", "note", "personal"]),
    ("csv: a value that is a personal number", "values", "measure,unit,period,value\n"
     "FLOW,U1,2026-04," + BARE + "\n", ["line 2", "personal"]),
    ("csv: a value out of range", "values", "measure,unit,period,value\nFLOW,U1,2026-04,1e300\n",
     ["line 2", "out of range"]),
    ("csv: thousands in groups of two", "values", "measure;unit;period;value\n"
     "FLOW;U1;2026-04;2 34\n", ["line 2", "value '2 34'"]),
    ("csv: an empty measure", "values", "measure,unit,period,value\n,U1,2026-04,1\n",
     ["line 2", "measure: missing"]),
    ("csv: a deviation summary spaced", "deviations", "unit,type,occurred,summary\n"
     "U1,care,2026-03-01,Gällde " + SPACED + "\n", ["line 2", "personal"]),
    ("csv: a NUL byte in a deviation", "deviations", b"unit,type,occurred,summary\n"
     b"U1,care,2026-03-01,a\0b\n", ["line 2", "NUL"]),
    ("json: a personal number in status", "kolada", '{"values":[{"kpi":"U1","municipality":'
     '"0580","period":2025,"values":[{"gender":"T","value":1,"status":"' + SPLIT + '"}]}]}',
     ["$.values[0]", "personal"]),
    ("json: a personal number as the kpi", "kolada", '{"values":[{"kpi":"' + PNR + '",'
     '"municipality":"0580","period":2025,"values":[]}]}', ["$.values[0]", "personal"]),
    ("json: a personal number outside the values", "kolada", '{"next_url":"' + SLASHED + '",'
     '"values":[]}', ["outside", "personal"]),
    ("json: a key twice", "kolada", '{"values":[{"kpi":"U1","municipality":"0580","period":2025,'
     '"values":[{"gender":"T","value":1},{"gender":"T","value":2}]}]}',
     ["$.values[0].values[1]", "the same kpi"]),
    ("json: a value out of range", "kolada", '{"values":[{"kpi":"U1","municipality":"0580",'
     '"period":2025,"values":[{"gender":"T","value":1e300}]}]}', ["out of range"]),
    ("json: a value that is a personal number", "kolada", '{"values":[{"kpi":"U1",'
     '"municipality":"0580","period":2025,"values":[{"gender":"T","value":' + BARE + '}]}]}',
     ["personal"]),
    ("json: a NUL byte", "kolada", b'{"values":[]}\0', ["byte 14", "NUL"]),
    ("json: not JSON", "kolada", "{\"values\": [", ["not valid JSON"]),
    ("json: no values array", "kolada", "{\"rows\": []}", ["values"]),
    ("json: an empty values array", "kolada", '{"values": [], "count": 0, "next_url": null}',
     ["values", "empty", "wrong parameter name"]),
    ("json: bad gender", "kolada", '{"values":[{"kpi":"U1","municipality":"0580","period":2025,'
     '"values":[{"gender":"X","value":1}]}]}', ["$.values[0].values[0]", "gender 'X'"]),
    ("json: bad year", "kolada", '{"values":[{"kpi":"U1","municipality":"0580","period":"tjugo",'
     '"values":[]}]}', ["$.values[0]", "period 'tjugo'"]),
    ("json: a page without the next", "kolada", '{"values":[{"kpi":"U1","municipality":"0580",'
     '"period":2025,"values":[{"gender":"T","value":1}]}],"count":1,"next_url":'
     '"https://api.kolada.se/v3/data/kpi/U1/year/2025?page=2&per_page=1","previous_url":null}',
     ["page 1 of its response has a next page", "--partial"]),
    ("json: an empty array of pages", "kolada", "[]", ["an empty array"]),
    ("json: a next_url that is a number", "kolada", '{"values":[{"kpi":"U1","municipality":'
     '"0580","period":2025,"values":[{"gender":"T","value":1}]}],"next_url":2}',
     ["next_url", "not an address"]),
    ("json: a personal number in the second page", "kolada", '[{"values":[{"kpi":"U1",'
     '"municipality":"0580","period":2025,"values":[{"gender":"T","value":1}]}]},'
     '{"values":[{"kpi":"U1","municipality":"0580","period":2025,"values":[{"gender":"K",'
     '"value":1,"status":"' + SPLIT + '"}]}]}]', ["$[1].values[0]", "personal"]),
    ("csv: a reference of an unknown kind", "reference", "kpi,kind,area,year,gender,value\n"
     "U1,kommun,0580,2025,T,1\n", ["line 2", "kind 'kommun'", "municipality, group, ou"]),
    ("csv: a group id as a municipality", "reference", "kpi,kind,area,year,gender,value\n"
     "U1,municipality,G33612,2025,T,1\n", ["line 2", "area 'G33612'", "four digits"]),
    ("csv: a reference without value or status", "reference",
     "kpi,kind,area,year,gender,value\nU1,municipality,0580,2025,T,\n",
     ["line 2", "value: missing", "status"]),
    ("csv: a reference status that is a personal number", "reference",
     "kpi,kind,area,year,gender,value,status\nU1,municipality,0580,2025,T,,"
     + PNR + "\n", ["line 2", "status", "personal"]),
    ("csv: a reference key twice", "reference", "kpi;kind;area;year;gender;value\n"
     "U1;ou;V21E1;2025;K;1,5\nU1;ou;V21E1;2025;K;2\n", ["line 3", "as line 2"]),
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
    ("api: value out of range", "value_set", ("FLOW", "U1", "2026-03", 1e16), {},
     uppfolj.INVALID, ["value", "out of range"]),
    ("api: a value that is a personal number", "value_set", ("FLOW", "U1", "2026-03", 8112189876),
     {}, uppfolj.PERSONAL, ["value"]),
    ("api: target NaN", "target_set", ("SH", float("nan"), 2026), {}, uppfolj.INVALID, ["value"]),
    ("api: factor infinite", "indicator_add", ("X", "X", "FLOW", "CNT", float("inf")), {},
     uppfolj.INVALID, ["factor"]),
    ("api: parameters holding a personal number", "report", ("values",),
     {"period": "2026", "unit": SPLIT}, uppfolj.PERSONAL, ["unit", "personal"]),
    ("api: today not a day", "set_today", ("2026-02-30",), {}, uppfolj.INVALID, ["today"]),
    ("api: actor with an override", "set_actor", ("a\u202eb",), {}, uppfolj.INVALID, ["actor"]),
    ("api: a required code NULL", "committee_add", (None, "Nämnd"), {}, uppfolj.MISUSE,
     ["code", "NULL"]),
    ("api: a required name NULL", "provider_add", ("X", None, "private"), {}, uppfolj.MISUSE,
     ["name", "NULL"]),
    ("api: goals not a list", "measure_edit", ("FLOW",), {"goals": "PC-G1"}, uppfolj.INVALID,
     ["goals"]),
    ("api: a range of text", "measure_edit", ("FLOW",), {"max": "many"}, uppfolj.INVALID,
     ["max", "many"]),
    ("api: evidence not a list", "finding_add", ("GP", "unit:U1", "ledning", "strength", "x"),
     {"evidence": "FLOW:2026-03"}, uppfolj.INVALID, ["evidence", "JSON array"]),
    ("api: stakeholders not a list", "activity_edit", ("GP",), {"stakeholders": "PV"},
     uppfolj.INVALID, ["stakeholders", "PV"]),
    ("api: an action list of an unknown key", "action_list", (), {"colour": "red"},
     uppfolj.INVALID, ["colour"]),
    ("api: an assessment of a year out of range", "assessment_set",
     ("AN", 99999, "ledning", "good", "x"), {}, uppfolj.INVALID, ["year"]),
    ("api: a committee report in an unknown format", "committee_report_show", (2, "xlsx"), {},
     uppfolj.INVALID, ["format", "xlsx"]),
    ("api: a committee report of a title too long", "committee_report_build",
     ("AN", "adhoc", "2026"), {"title": "x" * 201}, uppfolj.INVALID, ["title"]),
    ("api: a measure whose individuals is text", "measure_edit", ("FLOW",),
     {"individuals": "maybe"}, uppfolj.INVALID, ["individuals", "maybe"]),
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
            ("measure", "edit", "CNT", "--max", "100"),
            ("measure", "add", "BEV", "Beviljade", "--kind", "structure", "--type", "amount"),
            ("rule", "add", "R1", "FLOW <= BEV", "--severity", "error"),
            ("value", "set", "BEV", "U1", "2026-03", "20"),
            ("measure", "add", "OLD", "Gammal", "--kind", "structure", "--type", "count"),
            ("measure", "retire", "OLD", "--from", "2026-01"),
            ("plan", "add", "2026", "--committee", "AN"),
            ("activity", "add", "GP", "Genomförandeplaner", "--plan", "2026", "--committee",
             "AN", "--kind", "individual", "--area", "personcentrerat", "--method",
             "granskning_gp", "--scope", "all", "--start", "2026-02-01", "--due", "2026-12-31"),
            ("plan", "decide", "2026", "--committee", "AN", "--on", "2026-01-20",
             "--reference", "ÄN 2026/12"),
            ("instrument", "add", "GP", "Genomförandeplaner", "--method", "granskning_gp",
             "--scale", "yes_no"),
            ("instrument", "criterion", "add", "GP", "AKTUELL", "Planen är aktuell"),
            ("review", "add", "--activity", "GP", "--instrument", "GP", "--unit", "U1",
             "--case", "GP-1", "--on", "2026-03-01"),
            ("assignment", "add", "KORT", "Kort uppdrag", "--committee", "AN", "--provider",
             "LL", "--kind", "assignment", "--from", "2025-01-01", "--to", "2025-12-31"),
            ("unit", "add", "L2K", "Kort del", "--assignment", "KORT", "--area", "hemtjanst",
             "--from", "2025-01-01"),
            ("deviation", "add", "--unit", "U1", "--type", "lex_sarah", "--occurred",
             "2026-03-01", "--reported", "2026-03-02", "--summary", "Händelse"),
            ("stakeholder", "add", "PV", "Privat Vård", "--kind", "provider"),
            ("activity", "edit", "GP", "--stakeholder", "PV"),
            ("action", "add", "--from", "activity:GP", "--text", "Åtgärd", "--responsible",
             "Chef", "--on", "2026-03-01"),
            ("value", "set", "CNT", "U1", "2025-01", "7"),
            ("committee-report", "build", "--committee", "AN", "--kind", "adhoc", "--period",
             "2025-01"),
            ("committee-report", "present", "1", "--meeting", "2025-02-20", "--reference",
             "AN 2025/1"),
            ("committee-report", "build", "--committee", "AN", "--kind", "interim", "--period",
             "2026-T1"),
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
        for secret in SECRETS:
            self.assertNotIn(secret, message, "a personal identity number was shown")

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
                with open(path, "wb") as f:
                    f.write(content if isinstance(content, bytes) else content.encode())
                before = self.dump()
                command = ["review", "import"] if kind == "reviews" else ["import", kind]
                p = subprocess.run([BIN, *command, path], env=self.env,
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
