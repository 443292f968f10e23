#!/usr/bin/env python3
"""Writes the manual page libuppfolj(3) from the public header, so that
the page and the header have one source: the header's opening comment
(the conventions: lifecycle, errors, ownership, threads), its status and
detail codes, and each group of functions (the header's "---- Group ----"
sections) with every declaration and the comment above it.
Usage: gen_man3.py HEADER VERSION OUTPUT"""
import re
import sys

HEADER, VERSION, OUT = sys.argv[1:4]


def esc(line):
    """A line as troff reads it literally, every character beyond ASCII as
    its Unicode escape (so that no preprocessor is needed)."""
    line = line.replace("\\", "\\e")
    line = "".join(c if ord(c) < 128 else "\\[u%04X]" % ord(c) for c in line)
    if line.startswith((".", "'")):
        line = "\\&" + line
    return line


def comment_lines(block):
    """A /* ... */ comment's text, line by line, without the stars."""
    body = block.strip()[2:-2]
    lines = []
    for line in body.splitlines():
        line = re.sub(r"^\s*\* ?", "", line, count=1) if line.strip().startswith("*") \
            else line.strip()
        lines.append(line.rstrip())
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def prose(lines):
    """Comment lines as roff: paragraphs filled, indented lines and lists
    kept as they are."""
    out, literal = [], False
    for line in lines:
        indented = line.startswith(("  ", "- ", " -"))
        if not line:
            if literal:
                out.append(".fi")
                literal = False
            out.append(".PP")
            continue
        if indented and not literal:
            out.append(".nf")
            literal = True
        elif not indented and literal and not line.startswith(" "):
            out.append(".fi")
            literal = False
        out.append(esc(line))
    if literal:
        out.append(".fi")
    return out


def codes(text, enum_first):
    """(name, number, comment) of the enum that starts with enum_first."""
    start = text.index(enum_first)
    body = text[start:text.index("};", start)]
    found = []
    for m in re.finditer(r"(UPF_\w+)\s*=\s*(-?\d+),?\s*(?:/\*(.*?)\*/)?", body, re.S):
        found.append((m.group(1), m.group(2), " ".join((m.group(3) or "").split())))
    return found


def functions(text):
    """(group, [(declaration, comment lines)]) in the header's order."""
    groups = []
    pieces = re.split(r"/\* ---- (.+?) -+ \*/", text)
    for i in range(1, len(pieces), 2):
        title, body = pieces[i].strip(), pieces[i + 1]
        decls = []
        for m in re.finditer(r"UPF_EXPORT\s+([^;]*?\([^;]*?\));", body, re.S):
            before = body[:m.start()]
            c_end = before.rfind("*/")
            c_start = before.rfind("/*", 0, c_end)
            between = before[c_end + 2:] if c_end >= 0 else before
            comment = comment_lines(before[c_start:c_end + 2]) \
                if c_end >= 0 and "UPF_EXPORT" not in between else []
            decls.append((" ".join(m.group(1).split()), comment))
        if decls:
            groups.append((title, decls))
    return groups


def main():
    with open(HEADER, encoding="utf-8") as f:
        text = f.read()
    intro = comment_lines(text[:text.index("*/") + 2])
    out = [
        "'\\\" -*- coding: utf-8 -*-",
        '.TH LIBUPPFOLJ 3 "" "uppfolj %s" "Library Functions Manual"' % VERSION,
        ".SH NAME",
        "libuppfolj \\- the follow\\-up registry of uppfolj, as a C library",
        ".SH SYNOPSIS",
        ".nf",
        ".B #include <uppfolj.h>",
        ".PP",
        "cc prog.c $(pkg\\-config \\-\\-cflags \\-\\-libs uppfolj)",
        ".fi",
        ".SH DESCRIPTION",
        *prose(intro[intro.index("") + 1:]),
        ".SH LIFECYCLE",
        "Open a registry with \\fBupf_db_open_v2\\fR (or \\fBupf_db_open\\fR), set the",
        "actor that writes with \\fBupf_db_set_actor\\fR, call the functions below,",
        "and close it with \\fBupf_db_close\\fR. A table that a function hands out",
        "is read with \\fBupf_table_rows\\fR, \\fBupf_table_value\\fR and the like, and",
        "freed with \\fBupf_table_free\\fR; text with \\fBupf_free\\fR.",
        ".SH RETURN VALUE",
        "Each function that can fail returns \\fBUPF_OK\\fR (0) or one of these:",
    ]
    for name, number, note in codes(text, "UPF_OK = 0"):
        out += [".TP", "\\fB%s\\fR (%s)" % (name, number), esc(note)]
    out += [".PP", "After a refusal, \\fBupf_errcode_detail\\fR gives its cause:"]
    for name, number, note in codes(text, "UPF_DETAIL_NONE = 0"):
        out += [".TP", "\\fB%s\\fR (%s)" % (name, number), esc(note)]
    out += [".SH CONSTANTS", "Cell types of a table (\\fBupf_table_type\\fR):"]
    for name, number, note in codes(text, "UPF_NULL = 0"):
        out += [".TP", "\\fB%s\\fR (%s)" % (name, number), esc(note)]
    out += [".PP", "Flags of \\fBupf_db_open_v2\\fR:"]
    for name, number, note in codes(text, "UPF_OPEN_CREATE = 1"):
        out += [".TP", "\\fB%s\\fR (%s)" % (name, number), esc(note)]
    out += [".PP", "Flags of a write that may be confirmed:"]
    for name, number, note in codes(text, "UPF_WRITE_CONFIRM = 1"):
        out += [".TP", "\\fB%s\\fR (%s)" % (name, number), esc(note)]
    out += [".PP", "Flags of \\fBupf_kolada_import_files\\fR:"]
    for name, number, note in codes(text, "UPF_KOLADA_PARTIAL = 1"):
        out += [".TP", "\\fB%s\\fR (%s)" % (name, number), esc(note)]
    out += [".PP", "Options of \\fBupf_config\\fR:"]
    for name, number, note in codes(text, "UPF_CONFIG_MEMORY_COUNT = 1"):
        out += [".TP", "\\fB%s\\fR (%s)" % (name, number), esc(note)]
    out.append(".SH FUNCTIONS")
    for title, decls in functions(text):
        out += [".SS %s" % esc(title)]
        for decl, comment in decls:
            out += [".PP", ".nf", ".B %s" % esc(decl), ".fi"]
            if comment:
                out += [".RS"] + prose(comment) + [".RE"]
    out += [
        ".SH EXAMPLE",
        ".nf",
        "#include <stdio.h>",
        "#include <uppfolj.h>",
        "",
        "int main(void)",
        "{",
        "    upf_db *db = NULL;",
        "    upf_table *t = NULL;",
        "    if (upf_db_open_v2(&db, \"uppfolj.db\", UPF_OPEN_CREATE, \"alice\") ||",
        "        upf_committee_add(db, \"AN\", \"\\(:Aldren\\(:amnden\") ||",
        "        upf_committee_list(&t, db)) {",
        "        fprintf(stderr, \"%s\\en\", upf_errmsg(db));",
        "        upf_db_close(db);",
        "        return 1;",
        "    }",
        "    printf(\"%d committee(s)\\en\", upf_table_rows(t));",
        "    upf_table_free(t);",
        "    upf_db_close(db);",
        "    return 0;",
        "}",
        ".fi",
        ".SH SEE ALSO",
        "\\fBuppfolj\\fR(1), \\fBsqlite3\\fR(1)",
    ]
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
