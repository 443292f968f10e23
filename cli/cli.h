/* The CLI's shared parts: option parsing, opening, printing. The CLI
 * holds no SQL and no domain rules: it parses, calls the API, prints. */
#ifndef UPF_CLI_H
#define UPF_CLI_H

#include <stddef.h>

#include "uppfolj.h"

enum { EXIT_OK = 0, EXIT_REFUSED = 1, EXIT_USAGE = 2, EXIT_HELP = -1 };

struct cli {
	const char *db_path;
	const char *actor;
	const char *format; /* "table", "csv", "json" or "xlsx" */
	const char *csv_dialect; /* "comma", or "sv": what Swedish Excel reads */
	const char *columns; /* the columns to print, "a,b,c"; NULL: all */
	const char *output; /* a file to write instead of standard output */
	const char *scope;  /* "provider:CODE": the handle narrowed to it */
	const char *name;   /* "uppfolj committee add", for messages */
	const char *usage;  /* the command's help text */
	int init;           /* the command may create or migrate the registry */
	upf_db *db;
};

/* An option: a value option stores into *value, a flag sets *flag, and a
 * repeatable option appends to items (up to max, counted in *count). */
struct opt {
	const char *name; /* without the leading "--" */
	const char **value;
	int *flag;
	const char **items;
	int *count, max;
};

#define OPT(name, value) {name, value, NULL, NULL, NULL, 0}
#define MULTI(name, items, count) \
	{name, NULL, NULL, items, count, (int)(sizeof items / sizeof *items)}
#define FLAG(name, flag) {name, NULL, flag, NULL, NULL, 0}
#define OPT_END {NULL, NULL, NULL, NULL, NULL, 0}

/* A JSON object being written, for the API's JSON parameters. */
struct json {
	char *text;
	size_t len, cap;
	int n;
};
void json_str(struct json *j, const char *key, const char *value); /* skips NULL */
void json_num(struct json *j, const char *key, double value);
void json_array(struct json *j, const char *key, const char **items, int n);
/* A list the user wrote with commas ("a,b") as an array; "" is []. */
void json_list(struct json *j, const char *key, const char *list);
const char *json_end(struct json *j); /* "{...}"; NULL if memory ran out */
/* A bare array of strings, "[...]", in a json of its own; NULL if memory
 * ran out. */
const char *json_items(struct json *j, const char **items, int n);
void json_free(struct json *j);

/* Values as the user wrote them, each refused with a one-line message
 * naming the field (EXIT_REFUSED): a number ("12.5" or "12,5"), a year
 * (four digits), an id (a positive whole number). */
int cli_number(struct cli *c, const char *field, const char *text, double *out);
int cli_year(struct cli *c, const char *field, const char *text, int *out);
int cli_id(struct cli *c, const char *field, const char *text, long long *out);
/* ID [--on DATE]: runs step, a dated step of the record numbered ID. */
int cli_id_step(struct cli *c, int argc, char **argv,
		int (*step)(upf_db *db, long long id, const char *on));
/* A required option: a usage error when it is missing. */
int cli_require(struct cli *c, const char *value, const char *option);

/* Parses argv (after the command words) into opts and between min and max
 * positionals. Returns EXIT_OK, EXIT_USAGE (message printed) or EXIT_HELP
 * (help printed). */
int cli_parse(struct cli *c, int argc, char **argv, const struct opt *opts,
	      const char **pos, int min, int max);
int cli_usage_error(struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Opens the registry and sets the actor; EXIT_OK or EXIT_REFUSED. */
int cli_open(struct cli *c);
/* Reports a failed call: one line on stderr; returns EXIT_REFUSED. */
int cli_fail(struct cli *c);
/* Finishes a write: EXIT_OK, or the failure reported. */
int cli_done(struct cli *c, int status);
/* Prints a table in the chosen format and frees it. */
int cli_print(struct cli *c, int status, upf_table *t);
/* Ends a list's JSON parameters, runs the list and prints it; frees j. */
int cli_list(struct cli *c, int (*list)(upf_table **out, upf_db *db, const char *params),
	     struct json *j);
/* Prints a new row's number after a write that gave one; a pointer, read
 * once the call has run (C does not order the evaluation of arguments). */
int cli_done_id(struct cli *c, int status, const long long *id);
/* Prints a one-row table as "field: value" lines (tables), or as any. */
int cli_print_record(struct cli *c, int status, upf_table *t);
/* Prints a one-row table and, under key, a list that belongs to it: in
 * JSON one object with the list as a member; else the record, then the
 * list (after "key:" in tables). Frees both. */
int cli_print_record_with(struct cli *c, upf_table *record, const char *key,
			  upf_table *list);
/* Writes a document to path, created private to its owner, or to
 * standard output when path is NULL. */
int cli_write_text(struct cli *c, const char *path, const char *text);
/* Prints the organisation tree indented (tables), or as any table. */
int cli_print_tree(struct cli *c, int status, upf_table *t);

/* Runs a report with its JSON parameters and prints it in the chosen
 * format (JSON as the library builds it); cmd_report.c. */
int cli_report(struct cli *c, const char *report, const char *params);

/* The command groups. */
int cmd_init(struct cli *c, int argc, char **argv);
int cmd_registry(struct cli *c, int argc, char **argv);
int cmd_org_export(struct cli *c, int argc, char **argv);
int cmd_org_update(struct cli *c, int argc, char **argv);
int cmd_sync_export(struct cli *c, int argc, char **argv);
int cmd_sync_apply(struct cli *c, int argc, char **argv);
int cmd_sync_status(struct cli *c, int argc, char **argv);
int cmd_committee_report_build(struct cli *c, int argc, char **argv);
int cmd_committee_report_text(struct cli *c, int argc, char **argv);
int cmd_committee_report_show(struct cli *c, int argc, char **argv);
int cmd_committee_report_present(struct cli *c, int argc, char **argv);
int cmd_committee_report_verify(struct cli *c, int argc, char **argv);
int cmd_committee_report_diff(struct cli *c, int argc, char **argv);
int cmd_committee_report_list(struct cli *c, int argc, char **argv);
int cmd_committee_report_received(struct cli *c, int argc, char **argv);
int cmd_period_lock(struct cli *c, int argc, char **argv);
int cmd_period_unlock(struct cli *c, int argc, char **argv);
int cmd_period_list_locks(struct cli *c, int argc, char **argv);
int cmd_setting_set(struct cli *c, int argc, char **argv);
int cmd_setting_list(struct cli *c, int argc, char **argv);
int cmd_log(struct cli *c, int argc, char **argv);
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_doctor(struct cli *c, int argc, char **argv);
int cmd_org(struct cli *c, int argc, char **argv);
int cmd_committee_add(struct cli *c, int argc, char **argv);
int cmd_committee_list(struct cli *c, int argc, char **argv);
int cmd_provider_add(struct cli *c, int argc, char **argv);
int cmd_provider_list(struct cli *c, int argc, char **argv);
int cmd_area_add(struct cli *c, int argc, char **argv);
int cmd_area_list(struct cli *c, int argc, char **argv);
int cmd_assignment_add(struct cli *c, int argc, char **argv);
int cmd_assignment_list(struct cli *c, int argc, char **argv);
int cmd_unit_add(struct cli *c, int argc, char **argv);
int cmd_unit_move(struct cli *c, int argc, char **argv);
int cmd_unit_list(struct cli *c, int argc, char **argv);
int cmd_unit_history(struct cli *c, int argc, char **argv);
int cmd_quality_area_list(struct cli *c, int argc, char **argv);
int cmd_measure_add(struct cli *c, int argc, char **argv);
int cmd_measure_list(struct cli *c, int argc, char **argv);
int cmd_measure_show(struct cli *c, int argc, char **argv);
int cmd_measure_edit(struct cli *c, int argc, char **argv);
int cmd_measure_retire(struct cli *c, int argc, char **argv);
int cmd_quality_area_add(struct cli *c, int argc, char **argv);
int cmd_goal_add(struct cli *c, int argc, char **argv);
int cmd_goal_list(struct cli *c, int argc, char **argv);
int cmd_method_add(struct cli *c, int argc, char **argv);
int cmd_method_list(struct cli *c, int argc, char **argv);
int cmd_rule_add(struct cli *c, int argc, char **argv);
int cmd_rule_list(struct cli *c, int argc, char **argv);
int cmd_committee_rename(struct cli *c, int argc, char **argv);
int cmd_provider_rename(struct cli *c, int argc, char **argv);
int cmd_area_rename(struct cli *c, int argc, char **argv);
int cmd_assignment_rename(struct cli *c, int argc, char **argv);
int cmd_assignment_edit(struct cli *c, int argc, char **argv);
int cmd_unit_rename(struct cli *c, int argc, char **argv);
int cmd_unit_close(struct cli *c, int argc, char **argv);
int cmd_deviation_withdraw(struct cli *c, int argc, char **argv);
int cmd_basic_item(struct cli *c, int argc, char **argv);
int cmd_report_quality(struct cli *c, int argc, char **argv);
int cmd_report_missing(struct cli *c, int argc, char **argv);
int cmd_plan_add(struct cli *c, int argc, char **argv);
int cmd_plan_decide(struct cli *c, int argc, char **argv);
int cmd_plan_show(struct cli *c, int argc, char **argv);
int cmd_plan_list(struct cli *c, int argc, char **argv);
int cmd_plan_revisions(struct cli *c, int argc, char **argv);
int cmd_activity_add(struct cli *c, int argc, char **argv);
int cmd_activity_start(struct cli *c, int argc, char **argv);
int cmd_activity_done(struct cli *c, int argc, char **argv);
int cmd_activity_cancel(struct cli *c, int argc, char **argv);
int cmd_activity_move(struct cli *c, int argc, char **argv);
int cmd_activity_show(struct cli *c, int argc, char **argv);
int cmd_activity_list(struct cli *c, int argc, char **argv);
int cmd_report_plan(struct cli *c, int argc, char **argv);
int cmd_report_goals(struct cli *c, int argc, char **argv);
int cmd_report_review(struct cli *c, int argc, char **argv);
int cmd_instrument_add(struct cli *c, int argc, char **argv);
int cmd_instrument_criterion(struct cli *c, int argc, char **argv);
int cmd_instrument_list(struct cli *c, int argc, char **argv);
int cmd_instrument_show(struct cli *c, int argc, char **argv);
int cmd_review_add(struct cli *c, int argc, char **argv);
int cmd_review_answer(struct cli *c, int argc, char **argv);
int cmd_review_import(struct cli *c, int argc, char **argv);
int cmd_review_list(struct cli *c, int argc, char **argv);
int cmd_correction(struct cli *c, int argc, char **argv);
int cmd_value_set(struct cli *c, int argc, char **argv);
int cmd_value_delete(struct cli *c, int argc, char **argv);
int cmd_value_list(struct cli *c, int argc, char **argv);
int cmd_import_values(struct cli *c, int argc, char **argv);
int cmd_export_values(struct cli *c, int argc, char **argv);
int cmd_import_kolada(struct cli *c, int argc, char **argv);
int cmd_import_reference(struct cli *c, int argc, char **argv);
int cmd_reference_list(struct cli *c, int argc, char **argv);
int cmd_target_set(struct cli *c, int argc, char **argv);
int cmd_target_list(struct cli *c, int argc, char **argv);
int cmd_indicator_add(struct cli *c, int argc, char **argv);
int cmd_indicator_list(struct cli *c, int argc, char **argv);
int cmd_report_values(struct cli *c, int argc, char **argv);
int cmd_deviation_add(struct cli *c, int argc, char **argv);
int cmd_deviation_show(struct cli *c, int argc, char **argv);
int cmd_deviation_list(struct cli *c, int argc, char **argv);
int cmd_deviation_investigate(struct cli *c, int argc, char **argv);
int cmd_deviation_assess(struct cli *c, int argc, char **argv);
int cmd_deviation_notify(struct cli *c, int argc, char **argv);
int cmd_deviation_send(struct cli *c, int argc, char **argv);
int cmd_deviation_inform_committee(struct cli *c, int argc, char **argv);
int cmd_deviation_close(struct cli *c, int argc, char **argv);
int cmd_deviation_action(struct cli *c, int argc, char **argv);
int cmd_deviation_search(struct cli *c, int argc, char **argv);
int cmd_deviation_type(struct cli *c, int argc, char **argv);
int cmd_deviation_category(struct cli *c, int argc, char **argv);
int cmd_import_deviations(struct cli *c, int argc, char **argv);
int cmd_basic_set(struct cli *c, int argc, char **argv);
int cmd_basic_analyse(struct cli *c, int argc, char **argv);
int cmd_basic_items(struct cli *c, int argc, char **argv);
int cmd_report_deviations(struct cli *c, int argc, char **argv);
int cmd_finding_add(struct cli *c, int argc, char **argv);
int cmd_finding_list(struct cli *c, int argc, char **argv);
int cmd_finding_evidence(struct cli *c, int argc, char **argv);
int cmd_assessment_set(struct cli *c, int argc, char **argv);
int cmd_assessment_history(struct cli *c, int argc, char **argv);
int cmd_report_assessment(struct cli *c, int argc, char **argv);
int cmd_action(struct cli *c, int argc, char **argv);
int cmd_report_actions(struct cli *c, int argc, char **argv);
int cmd_stakeholder_add(struct cli *c, int argc, char **argv);
int cmd_stakeholder_list(struct cli *c, int argc, char **argv);
int cmd_activity_edit(struct cli *c, int argc, char **argv);
int cmd_inform(struct cli *c, int argc, char **argv);
int cmd_report_information(struct cli *c, int argc, char **argv);
int cmd_supervision(struct cli *c, int argc, char **argv);
int cmd_report_basic(struct cli *c, int argc, char **argv);

#endif
