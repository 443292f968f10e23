#!/usr/bin/env python3
"""Writes a cmocka test that calls every function the public header
declares with NULLs: first with no handle, then with a handle and each of
its pointer arguments NULL in turn. A NULL handle, a NULL out-parameter or
a NULL required string must give UPF_MISUSE; an optional one (listed
below, as the header documents it) anything but a crash. The list of
functions comes from the header, so a new function is tested without a
line here. Usage: gen_misuse.py HEADER OUTPUT.c"""
import re
import sys

# Pointer arguments that may be NULL, as the header documents them.
OPTIONAL = {
    "upf_committee_report_build": {"options_json"}, "upf_committee_report_list": {"committee"},
    "upf_period_lock_list": {"committee"},
    "upf_db_open_v2": {"actor"}, "upf_assignment_add": {"from", "to"},
    "upf_unit_add_level2": {"from"}, "upf_unit_add_level3": {"from"},
    "upf_unit_move": {"parent", "assignment", "from"}, "upf_unit_list": {"at"},
    "upf_org_tree": {"at"}, "upf_measure_add": {"options_json"},
    "upf_measure_list": {"kind", "quality_area"}, "upf_value_set": {"den", "note"},
    "upf_batch_add": {"den", "note"}, "upf_value_list": {"measure", "unit", "period"},
    "upf_value_import": {"rows", "progress", "ctx"}, "upf_kolada_import": {"summary"},
    "upf_kolada_import_files": {"summary"}, "upf_reference_import": {"summary"},
    "upf_reference_list": {"kpi"}, "upf_table_xlsx": {"sheet", "columns"},
    "upf_value_export": {"period", "format"}, "upf_target_set": {"assignment", "unit"},
    "upf_target_list": {"measure"}, "upf_deviation_add": {"id", "reported", "category", "origin"},
    "upf_deviation_investigate": {"on"}, "upf_deviation_assess": {"on"},
    "upf_deviation_notify": {"on"}, "upf_deviation_send": {"on"},
    "upf_deviation_inform_committee": {"on"}, "upf_deviation_close": {"on", "reason"},
    "upf_action_add": {"id", "due", "on"}, "upf_action_done": {"on"},
    "upf_action_add_immediate": {"id", "on"}, "upf_deviation_list": {"params_json"},
    "upf_deviation_type_add": {"legal_reference", "authority"},
    "upf_deviation_import": {"rows"}, "upf_basic_set": {"routine", "performed", "result"},
    "upf_basic_analyse": {"on"}, "upf_report_json": {"params_json"},
    "upf_report_table": {"params_json"}, "upf_audit_list": {"since", "actor"},
    "upf_db_set_today": {"day"}, "upf_db_set_scope": {"scope"},
    "upf_sync_apply": {"prefer"}, "upf_assignment_edit": {"from", "to"},
    "upf_deviation_withdraw": {"on"}, "upf_goal_list": {"quality_area"},
    "upf_quality_area_add": {"description"}, "upf_basic_item_add": {"options_json"},
    "upf_goal_add": {"committee"}, "upf_plan_add": {"title"}, "upf_plan_decide": {"on"},
    "upf_activity_start": {"on"}, "upf_activity_done": {"on"},
    "upf_activity_cancel": {"on"}, "upf_activity_move": {"on", "reason"},
    "upf_activity_list": {"params_json"}, "upf_criterion_add": {"quality_area"},
    "upf_review_add": {"id", "unit", "assignment", "case_key", "on"},
    "upf_review_answer": {"note", "due"}, "upf_review_import": {"rows"},
    "upf_review_list": {"params_json"}, "upf_correction_list": {"params_json"},
    "upf_correction_reply": {"on"}, "upf_correction_verify": {"on"},
    "upf_finding_add": {"id", "on", "evidence_json"}, "upf_finding_list": {"params_json"},
    "upf_assessment_set": {"scope", "on"}, "upf_assessment_history": {"quality_area"},
    "upf_action_add_from": {"id", "due", "unit", "on"},
    "upf_action_evaluate": {"on", "note"}, "upf_action_list": {"params_json"},
    "upf_activity_inform": {"on", "note"},
    "upf_supervision_add": {"id", "unit", "assignment", "reference", "received"},
    "upf_supervision_respond": {"on"}, "upf_supervision_close": {"on"},
    "upf_supervision_list": {"params_json"},
}
# What a function without a handle gives instead of UPF_MISUSE.
NO_HANDLE = {
    "upf_errcode": "UPF_NOMEM", "upf_errcode_detail": "UPF_DETAIL_NONE",
    "upf_db_file_mode": "-1", "upf_batch_rows": "0", "upf_table_rows": "0",
    "upf_table_columns": "0", "upf_table_type": "UPF_NULL", "upf_table_is_null": "1",
    "upf_table_int": "0",
}


def parse(header):
    text = open(header, encoding="utf-8").read()
    for m in re.finditer(r"UPF_EXPORT\s+([^;]*?)\b(upf_\w+)\s*\(([^)]*)\)\s*;", text, re.S):
        ret, name = " ".join(m.group(1).split()), m.group(2)
        params = [] if m.group(3).strip() == "void" else \
            [" ".join(p.split()) for p in m.group(3).split(",")]
        args = []
        for p in params:
            pm = re.match(r"(.*?)(\w+)$", p)
            args.append((pm.group(1).strip(), pm.group(2)))
        yield ret, name, args


def value(ctype, name, null):
    """The argument of a call: NULL where asked, else a valid one."""
    if null:
        return "NULL"
    return {
        "upf_db *": "db", "const upf_db *": "db", "upf_batch *": "b",
        "const upf_batch *": "b", "upf_table *": "NULL", "const upf_table *": "NULL",
        "upf_table **": "&t", "char **": "&s", "upf_db **": "&h",
        "upf_batch **": "&nb", "long *": "&n", "long long *": "&id",
        "double *": "&d", "const double *": "&d", "void *": "NULL",
        "upf_progress_fn": "NULL", "const char *const *": "paths",
        "const char *": '"/nonexistent/x"' if name == "path" else
        '"{}"' if name.endswith("json") else '"X1"',
        "int": "1", "long long": "1", "double": "1.0", "unsigned": "0",
    }[ctype]


def is_pointer(ctype):
    return "*" in ctype or ctype == "upf_progress_fn"


def handle_of(args):
    for ctype, name in args:
        if ctype in ("upf_db *", "const upf_db *", "upf_batch *", "const upf_batch *"):
            return name
    return None


def main(header, out):
    funcs = list(parse(header))
    lines = ["/* Generated by tests/gen_misuse.py from uppfolj.h: every public",
             " * function called with NULLs. */",
             '#include "helpers.h"', "",
             "/* What a call left behind that must be freed. */",
             "#define CLEANUP() (upf_table_free(t), t = NULL, upf_free(s), s = NULL, \\",
             "\tupf_db_close(h), h = NULL, upf_batch_free(nb), nb = NULL)", "",
             "static void test_no_handle(void **state)", "{",
             "\t(void)state;",
             "\tupf_db *db = NULL, *h = NULL;",
             "\tupf_batch *b = NULL, *nb = NULL;",
             "\tupf_table *t = NULL;",
             "\tchar *s = NULL;",
             "\tlong n;", "\tlong long id;", "\tdouble d = 1;", "\tint calls = 0;",
             "\tconst char *const paths[] = {\"/nonexistent/x\"};",
             "\t(void)n, (void)id, (void)db, (void)b, (void)d, (void)paths;"]
    for ret, name, args in funcs:
        call = "%s(%s)" % (name, ", ".join(value(c, a, is_pointer(c)) for c, a in args))
        if ret == "void":
            lines.append("\t%s;" % call)
        elif name in NO_HANDLE:
            lines.append("\tassert_true(%s == %s);" % (call, NO_HANDLE[name]))
        elif ret == "int" and any(is_pointer(c) for c, _ in args):
            lines.append("\tif (%s != UPF_MISUSE)\n\t\tfail_msg(\"%s: not UPF_MISUSE\");"
                         % (call, name))
        else:  # a string, or a function of numbers only: it must answer
            lines.append("\t(void)%s;" % call)
        lines.append("\tCLEANUP();")
        lines.append("\tcalls++;")
    lines.append('\tassert_string_equal(upf_errmsg(NULL), "no handle: it is NULL, '
                 'or opening ran out of memory");')
    lines += ["\tassert_int_equal(calls, %d);" % len(funcs), "}", ""]
    # With a handle: each pointer argument NULL in turn.
    lines += ["static void test_each_null(void **state)", "{",
              "\tstruct fixture *f = *state;",
              "\tupf_db *db = f->db, *h = NULL;",
              "\tupf_batch *b = NULL, *nb = NULL;",
              "\tupf_table *t = NULL;",
              "\tchar *s = NULL;",
              "\tlong n;", "\tlong long id;", "\tdouble d = 1;",
              "\tconst char *const paths[] = {\"/nonexistent/x\"};",
              "\tint status, checked = 0, failures = 0;",
              "\t(void)n, (void)id, (void)paths;"]
    for ret, name, args in funcs:
        handle = handle_of(args)
        if ret != "int" or (handle is None and name not in ("upf_db_open", "upf_db_open_v2",
                                                             "upf_text_number")):
            continue
        for k, (ctype, pname) in enumerate(args):
            if not is_pointer(ctype) or pname == handle:
                continue
            call = "%s(%s)" % (name, ", ".join(value(c, a, i == k)
                                               for i, (c, a) in enumerate(args)))
            batch = handle == "b"
            if batch:
                lines.append("\tOK(db, upf_batch_begin(&b, db, 0));")
            lines.append("\tstatus = %s;" % call)
            if pname not in OPTIONAL.get(name, set()):
                lines.append("\tif (status != UPF_MISUSE)\n\t\tfailures++, print_error(\"%s: "
                             "%s NULL gave %%s, not UPF_MISUSE\\n\", "
                             "upf_status_name(status));" % (name, pname))
                if handle:
                    lines.append("\tif (!strstr(upf_errmsg(db), \"NULL\"))\n\t\tfailures++, "
                                 "print_error(\"%s: %s NULL: message '%%s'\\n\", "
                                 "upf_errmsg(db));" % (name, pname))
                lines.append("\tchecked++;")
            if batch:
                lines.append("\tupf_batch_free(b);\n\tb = NULL;")
            lines.append("\tCLEANUP();")
    lines += ["\tassert_int_equal(failures, 0);", "\tassert_true(checked > 60);", "}", "",
              "int main(void)", "{",
              "\tconst struct CMUnitTest tests[] = {",
              "\t\tcmocka_unit_test(test_no_handle),",
              "\t\tTEST(test_each_null),",
              "\t};", "\treturn RUN(tests);", "}"]
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
