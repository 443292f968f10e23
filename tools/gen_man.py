#!/usr/bin/env python3
"""Writes the manual page uppfolj(1) from the CLI's own help, so that the
page and `--help` have one source: the list of commands from
`uppfolj --help`, and each command's text from `uppfolj COMMAND --help`.
The sections around them (exit status, environment, files, examples) are
written here. Usage: gen_man.py UPPFOLJ_BINARY VERSION OUTPUT"""
import re
import subprocess
import sys

BIN, VERSION, OUT = sys.argv[1:4]


def run_help(*words):
    p = subprocess.run([BIN, *words, "--help"], capture_output=True, text=True,
                       env={"LC_ALL": "C.UTF-8"})
    return p.stdout


def roff(text):
    """Text as troff reads it literally: backslashes escaped, no line
    taken for a request, hyphens of options kept as minus signs."""
    lines = []
    for line in text.splitlines():
        line = line.replace("\\", "\\e").replace("-", "\\-")
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def commands(main_help):
    """(command words, summary) from the "Commands:" list of --help."""
    part = main_help.split("Commands:\n", 1)[1]
    found = []
    for line in part.splitlines():
        m = re.match(r"  (\S+(?: \S+)?)\s{2,}(.*)$", line)
        if m:
            found.append((m.group(1), m.group(2)))
    return found


def main():
    main_help = run_help()
    options = main_help.split("Options, accepted anywhere on the line:\n", 1)[1]
    options = options.split("\n\n", 1)[0]
    out = [
        "'\\\" -*- coding: utf-8 -*-",
        '.TH UPPFOLJ 1 "" "uppfolj %s" "uppfolj"' % VERSION,
        ".SH NAME",
        "uppfolj \\- the follow\\-up registry for the quality follow\\-up of social services",
        ".SH SYNOPSIS",
        ".B uppfolj",
        "[\\fB\\-\\-db\\fR \\fIPATH\\fR] [\\fB\\-\\-actor\\fR \\fINAME\\fR] "
        "[\\fB\\-\\-format\\fR \\fBtable\\fR|\\fBcsv\\fR|\\fBjson\\fR] "
        "\\fICOMMAND\\fR ...",
        ".SH DESCRIPTION",
        "uppfolj is the command line of libuppfolj, an embedded, SQLite\\-backed "
        "registry for the quality follow\\-up (kvalitetsuppf\\(:oljning) of "
        "Swedish municipal social services: committees, providers, assignments "
        "and units, measures and their values, deviations, basic follow\\-up, "
        "follow\\-up plans, reviews, findings, the overall assessment, actions "
        "and who was informed. Every write is recorded in the registry's audit "
        "trail with its actor. Text that looks like a personal identity number "
        "is refused everywhere and never echoed.",
        ".PP",
        "Dates are ISO 8601 (2026\\-03\\-01); a date left out means today. "
        "Codes are 1 to 32 of A\\-Z a\\-z 0\\-9 \\- _ . and names 1 to 200 "
        "characters of UTF\\-8. An option is given once unless its command "
        "says it is repeatable.",
        ".SH OPTIONS",
        "Accepted anywhere on the line:",
        ".PP",
        ".nf",
        roff(options),
        ".fi",
        ".SH COMMANDS",
    ]
    seen = set()
    for words, summary in commands(main_help):
        # Commands sharing one help text ("correction", "action") are
        # described once.
        text = run_help(*words.split())
        out += [".SS %s" % roff(words), roff(summary) + ".", ".PP"]
        if text in seen:
            continue
        seen.add(text)
        out += [".nf", roff(text.rstrip("\n")), ".fi"]
    out += [
        ".SH EXIT STATUS",
        ".TP", "0", "done",
        ".TP", "1", "the registry refused, or the operation failed; one line on "
        "standard error names the field and the value, and nothing was changed",
        ".TP", "2", "a usage error: an unknown option, a required one missing, "
        "one given twice",
        ".SH ENVIRONMENT",
        ".TP", ".B UPPFOLJ_DB", "the registry when \\fB\\-\\-db\\fR is not given",
        ".TP", ".B UPPFOLJ_ACTOR", "the writer when \\fB\\-\\-actor\\fR is not given "
        "(else the login name)",
        ".TP", ".B UPPFOLJ_TODAY", "the day taken as today (YYYY\\-MM\\-DD), for "
        "dates left out and deadlines",
        ".TP", ".B UPPFOLJ_SCOPE", "the scope (provider:CODE) when \\fB\\-\\-scope\\fR "
        "is not given",
        ".TP", ".B UPPFOLJ_CSV_DIALECT", "the CSV dialect (comma or sv) when "
        "\\fB\\-\\-csv\\-dialect\\fR is not given",
        ".TP", ".B UPPFOLJ_CHROMIUM", "the headless browser that prints a committee "
        "report to PDF (else chromium)",
        ".TP", ".B TMPDIR", "where the page printed to PDF waits, private, while the "
        "browser reads it (else /tmp)",
        ".SH FILES",
        ".TP", ".I ./uppfolj.db", "the registry by default, with its \\-wal and "
        "\\-shm files; all three are private to their owner (mode 0600)",
        ".SH EXAMPLES",
        ".nf",
        "uppfolj init",
        "uppfolj committee add AN \\(dq\\(:Aldren\\(:amnden\\(dq",
        "uppfolj import values values.csv",
        "uppfolj report values \\-\\-period 2026\\-T2 \\-\\-level 2",
        "uppfolj deviation list \\-\\-overdue",
        "uppfolj report assessment \\-\\-year 2026 \\-\\-committee AN",
        "uppfolj backup \\-\\-to /srv/backup/uppfolj.db",
        ".fi",
        ".SH SEE ALSO",
        ".BR sqlite3 (1)",
    ]
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


main()
