/* Reports. Every aggregation is one SQL statement (lib/sql/, where its
 * steps are described); this file checks the parameters, binds them, runs
 * the statement into a table, and writes the table's JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const values_keys[] = {
	"period", "level", "measures", "by", "unit", "assignment", "committee",
	"compare", "municipality", "group", "ou", "gender", "trend", NULL};
static const char *const deviations_keys[] = {
	"period", "level", "by", "unit", "assignment", "committee", NULL};
static const char *const basic_keys[] = {"year", "level", NULL};
static const char *const quality_keys[] = {
	"period", "level", "measures", "unit", "assignment", "committee", "z", NULL};
static const char *const missing_keys[] = {
	"period", "level", "measures", "unit", "assignment", "committee", NULL};
static const char *const unit_levels[] = {"2", "3", NULL};
static const char *const plan_keys[] = {"year", "committee", "at", NULL};
static const char *const review_keys[] = {"activity", "by", NULL};
static const char *const goals_keys[] = {"year", "committee", "level", NULL};
static const char *const goal_levels[] = {"1", "2", "committee", "total", NULL};
static const char *const assessment_keys[] = {"year", "committee", "by", NULL};
static const char *const assessment_breakdowns[] = {"regime", "assignment", "area", NULL};
static const char *const actions_keys[] = {"period", "committee", "level", NULL};
static const char *const action_levels[] = {"1", "2", NULL};
static const char *const information_keys[] = {"year", "committee", NULL};
static const char *const received_keys[] = {"committee", "year", NULL};
static const char *const review_breakdowns[] = {"criterion", "unit", NULL};
static const char *const report_levels[] = {"1", "2", "3", "committee", "total", NULL};
static const char *const basic_levels[] = {"1", "2", "committee", "total", NULL};
static const char *const breakdowns[] = {"regime", "provider", "area", NULL};
static const char *const deviation_breakdowns[] = {"type", "category", NULL};
static const char *const comparisons[] = {"previous", "national", "municipality",
					  "group", "ou", NULL};
static const char *const genders[] = {"T", "K", "M", NULL};

/* A report's parameters: the JSON object as given, and what checking it
 * worked out. */
struct report_params {
	struct upf_opts o;
	int from, to, year; /* months, as period.c counts them; a year */
	char at[11];        /* the day deadlines are judged on */
	const char *level;    /* NULL: the quality reports' both levels */
	const char *scope_kind; /* the assessment's scopes */
	const char *ref_kind, *ref_area; /* the area compared with, if any */
	double z;             /* the outlier threshold */
	int prev;             /* 1: the year before too */
	int trend;            /* 1: a row per period of each measure's frequency */
	const char *trend_measures; /* the measures of one frequency, in a trend */
	sqlite3_int64 unit_id, assignment_id, committee_id, activity_id;
};

static const char *param(const struct report_params *p, const char *key)
{
	return upf__opt(&p->o, key);
}

/* A measure named in a report must tile its period and exist at its
 * level; an indicator's two measures likewise. */
static int check_reportable(upf_db *db, const struct report_params *p,
			    const char *code)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT m.code, f.code, f.months, m.level FROM measure m "
		"JOIN frequency f ON f.code = m.frequency WHERE m.code = ?1 "
		"UNION ALL SELECT m.code, f.code, f.months, m.level FROM indicator i "
		"JOIN measure m ON m.id IN (i.numerator_id, i.denominator_id) "
		"JOIN frequency f ON f.code = m.frequency WHERE i.code = ?1");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int rc, found = 0, status = UPF_OK;
	const char *period = param(p, "period");
	while (!status && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *m = (const char *)sqlite3_column_text(st, 0);
		const char *freq = (const char *)sqlite3_column_text(st, 1);
		int len = sqlite3_column_int(st, 2), level = sqlite3_column_int(st, 3);
		found = 1;
		if (len > p->to - p->from + 1)
			status = upf__fail(db, UPF_INVALID,
					   "period '%s': finer than measure '%s', "
					   "which is recorded per %s",
					   upf__shown(period), m, freq);
		else if (p->from % len || (p->to + 1) % len)
			status = upf__fail(db, UPF_INVALID,
					   "period '%s': does not align with measure "
					   "'%s', which is recorded per %s",
					   upf__shown(period), m, freq);
		else if (p->level && !strcmp(p->level, "3") && level != 3)
			status = upf__fail(db, UPF_INVALID,
					   "level '3': measure '%s' is recorded at "
					   "level %d", m, level);
	}
	sqlite3_reset(st);
	if (!status && rc != SQLITE_DONE) /* out of memory, say, not "unknown" */
		status = upf__sqlfail(db, rc);
	if (!status && !found)
		status = upf__fail(db, UPF_NOTFOUND,
				   "measures: unknown measure or indicator '%s'",
				   upf__shown(code));
	return status;
}

static int reportable(upf_db *db, const char *code, const void *p)
{
	return check_reportable(db, p, code);
}

static int check_measures(upf_db *db, const struct report_params *p)
{
	const char *list = param(p, "measures");
	if (!list)
		return UPF_OK;
	if (upf__opt_type(&p->o, "measures") != 'a')
		return upf__fail(db, UPF_INVALID,
				 "measures '%s': must be an array of codes",
				 upf__shown(list));
	return upf__each_code(db, "measures", list, reportable, p);
}

static int node_id(upf_db *db, const struct report_params *p, const char *key,
		   enum upf_entity what, sqlite3_int64 *id)
{
	const char *code = param(p, key);
	*id = 0;
	return code ? upf__id_of(db, id, what, key, code) : UPF_OK;
}

/* "national" compares with the whole country (municipality 0000 in
 * Kolada), "municipality", "group" and "ou" with the one named by the
 * parameter of that name. */
static int check_comparison(upf_db *db, struct report_params *p)
{
	const char *compare = param(p, "compare"), *g = param(p, "gender");
	int status = g ? upf__check_choice(db, "gender", g, genders) : UPF_OK;
	if (status || !compare || !strcmp(compare, "previous"))
		return status;
	p->ref_kind = !strcmp(compare, "national") ? "municipality" : compare;
	p->ref_area = !strcmp(compare, "national") ? "0000" : param(p, compare);
	if (!p->ref_area)
		return upf__fail(db, UPF_INVALID, "%s: missing; compare '%s' names one",
				 compare, compare);
	if (!strcmp(compare, "municipality") &&
	    (strlen(p->ref_area) != 4 || strspn(p->ref_area, "0123456789") != 4))
		return upf__fail(db, UPF_INVALID, "municipality '%s': must be "
				 "four digits, as Kolada writes it", upf__shown(p->ref_area));
	if (!strcmp(compare, "group") && p->ref_area[0] != 'G')
		return upf__fail(db, UPF_INVALID, "group '%s': a municipality group's id "
				 "starts with G (G33612)", upf__shown(p->ref_area));
	return upf__check_code(db, compare, p->ref_area);
}

/* The node a report keeps to, if any. */
static int check_scope(upf_db *db, struct report_params *p)
{
	int status = node_id(db, p, "unit", UPF_E_UNIT, &p->unit_id);
	if (!status)
		status = node_id(db, p, "assignment", UPF_E_ASSIGNMENT, &p->assignment_id);
	if (!status)
		status = node_id(db, p, "committee", UPF_E_COMMITTEE, &p->committee_id);
	return status;
}

/* Period, level and breakdown: what every report over a period takes. */
static int check_period(upf_db *db, struct report_params *p,
			const char *const *bys)
{
	const char *by = param(p, "by");
	p->level = param(p, "level") ? param(p, "level") : "2";
	if (!param(p, "period"))
		return upf__fail(db, UPF_INVALID, "period: missing");
	int status = upf__period_parse(db, "period", param(p, "period"),
				       &p->from, &p->to);
	if (!status)
		status = upf__check_choice(db, "level", p->level, report_levels);
	if (!status && by)
		status = upf__check_choice(db, "by", by, bys);
	return status ? status : check_scope(db, p);
}

/* Deadlines are judged on the period's last day, or today if sooner. */
static void judge_at_period_end(upf_db *db, struct report_params *p)
{
	char today[11];
	upf__today(db, today);
	upf__month_last(p->to, p->at);
	if (strcmp(today, p->at) < 0)
		memcpy(p->at, today, sizeof p->at);
}

static int deviations_params(upf_db *db, struct report_params *p)
{
	int status = check_period(db, p, deviation_breakdowns);
	if (!status)
		judge_at_period_end(db, p);
	return status;
}

static int basic_params(upf_db *db, struct report_params *p)
{
	const char *year = param(p, "year");
	p->level = param(p, "level") ? param(p, "level") : "2";
	if (!year)
		return upf__fail(db, UPF_INVALID, "year: missing");
	int status = upf__check_year_text(db, year);
	if (status)
		return status;
	p->year = atoi(year);
	return upf__check_choice(db, "level", p->level, basic_levels);
}

static int values_params(upf_db *db, struct report_params *p)
{
	const char *compare = param(p, "compare");
	int status = check_period(db, p, breakdowns);
	p->trend = upf__opt_true(&p->o, "trend");
	if (!status && compare)
		status = upf__check_choice(db, "compare", compare, comparisons);
	if (!status)
		status = check_comparison(db, p);
	if (!status)
		status = check_measures(db, p);
	return status;
}

/* The reports on the units' data: every measure recorded at level 2 or 3
 * (or one of them), and only recorded measures. */
static int data_params(upf_db *db, struct report_params *p)
{
	const char *level = param(p, "level"), *period = param(p, "period");
	p->level = NULL;
	if (!period)
		return upf__fail(db, UPF_INVALID, "period: missing");
	int status = upf__period_parse(db, "period", period, &p->from, &p->to);
	if (!status && level)
		status = upf__check_choice(db, "level", level, unit_levels);
	if (status || (status = check_scope(db, p)))
		return status;
	p->level = level;
	status = check_measures(db, p);
	sqlite3_stmt *st = status || !param(p, "measures") ? NULL : upf__stmt(db,
		"SELECT value FROM json_each(?1) WHERE value NOT IN "
		"(SELECT code FROM measure WHERE NOT computed) LIMIT 1");
	if (st) {
		char *code = NULL;
		sqlite3_bind_text(st, 1, param(p, "measures"), -1, SQLITE_STATIC);
		status = upf__step_text(db, st, &code);
		if (!status && code)
			status = upf__fail(db, UPF_INVALID, "measures: '%s' is not a "
					   "recorded measure; these reports check what "
					   "units record", code);
		upf_free(code);
	}
	return status;
}

static int quality_params(upf_db *db, struct report_params *p)
{
	const char *z = param(p, "z");
	p->z = 3.5;
	if (z && (upf_text_number(&p->z, z) || !(p->z > 0 && p->z <= 100)))
		return upf__fail(db, UPF_INVALID, "z '%s': must be a number above 0, "
				 "at most 100", upf__shown(z));
	return data_params(db, p);
}

/* A report of a year: "year" required, the committee optional. */
static int year_params(upf_db *db, struct report_params *p)
{
	const char *year = param(p, "year");
	if (!year)
		return upf__fail(db, UPF_INVALID, "year: missing");
	int status = upf__check_year_text(db, year);
	if (!status)
		status = node_id(db, p, "committee", UPF_E_COMMITTEE, &p->committee_id);
	p->year = atoi(year);
	return status;
}

/* Deadlines are judged on "at", else the year's last day or today, which
 * comes first. */
static int plan_params(upf_db *db, struct report_params *p)
{
	char today[11];
	int status = year_params(db, p);
	if (status)
		return status;
	if (param(p, "at"))
		return upf__check_date(db, "at", param(p, "at"), p->at);
	upf__today(db, today);
	snprintf(p->at, sizeof p->at, "%04d-12-31", p->year);
	if (strcmp(today, p->at) < 0)
		memcpy(p->at, today, sizeof p->at);
	return UPF_OK;
}

static int review_params(upf_db *db, struct report_params *p)
{
	const char *by = param(p, "by");
	if (!param(p, "activity"))
		return upf__fail(db, UPF_INVALID, "activity: missing");
	int status = by ? upf__check_choice(db, "by", by, review_breakdowns) : UPF_OK;
	return status ? status : node_id(db, p, "activity", UPF_E_ACTIVITY, &p->activity_id);
}

/* The values report over the year, with the year before, at a level. */
static int goals_params(upf_db *db, struct report_params *p)
{
	int status = year_params(db, p);
	p->level = param(p, "level") ? param(p, "level") : "total";
	if (!status)
		status = upf__check_choice(db, "level", p->level, goal_levels);
	p->from = p->year * 12;
	p->to = p->from + 11;
	p->prev = 1;
	return status;
}

/* The values report over the year, per committee, regime or service area
 * (level "committee") or per assignment (level 1), for the cells' share
 * of measures that met their targets. */
static int assessment_params(upf_db *db, struct report_params *p)
{
	const char *by = param(p, "by");
	int status = year_params(db, p);
	if (!status && by)
		status = upf__check_choice(db, "by", by, assessment_breakdowns);
	p->scope_kind = by ? by : "all";
	p->level = by && !strcmp(by, "assignment") ? "1" : "committee";
	p->from = p->year * 12;
	p->to = p->from + 11;
	return status;
}

static int actions_params(upf_db *db, struct report_params *p)
{
	p->level = param(p, "level") ? param(p, "level") : "2";
	if (!param(p, "period"))
		return upf__fail(db, UPF_INVALID, "period: missing");
	int status = upf__period_parse(db, "period", param(p, "period"), &p->from, &p->to);
	if (!status)
		status = upf__check_choice(db, "level", p->level, action_levels);
	if (!status)
		status = node_id(db, p, "committee", UPF_E_COMMITTEE, &p->committee_id);
	if (!status)
		judge_at_period_end(db, p);
	return status;
}

/* The committee reports presented: "committee" and "year" optional. */
static int received_params(upf_db *db, struct report_params *p)
{
	const char *year = param(p, "year");
	int status = year ? upf__check_year_text(db, year) : UPF_OK;
	if (!status)
		status = node_id(db, p, "committee", UPF_E_COMMITTEE, &p->committee_id);
	p->year = year ? atoi(year) : 0;
	return status;
}

static const char received_sql[] =
	"SELECT r.id, c.code AS committee, r.kind, r.period, r.title, r.meeting, r.reference, "
	"r.sha256 FROM committee_report r JOIN committee c ON c.id = r.committee_id "
	"WHERE r.sha256 IS NOT NULL AND (:committee_id IS NULL OR r.committee_id = :committee_id) "
	"AND (:year = 0 OR substr(r.meeting, 1, 4) = printf('%04d', :year)) "
	"ORDER BY c.code, r.meeting, r.id";

/* The members of a report's JSON before its rows. */
static void period_header(sqlite3_str *s, const struct report_params *p)
{
	sqlite3_str_appendall(s, ",\"period\":");
	upf__json_string(s, param(p, "period"));
	sqlite3_str_appendf(s, ",\"from\":\"%04d-%02d\",\"to\":\"%04d-%02d\"",
			    p->from / 12, p->from % 12 + 1, p->to / 12, p->to % 12 + 1);
}

static void year_header(sqlite3_str *s, const struct report_params *p)
{
	sqlite3_str_appendf(s, ",\"year\":%d", p->year);
}

static void received_header(sqlite3_str *s, const struct report_params *p)
{
	if (p->year)
		year_header(s, p);
	else
		sqlite3_str_appendall(s, ",\"year\":null");
}

static void activity_header(sqlite3_str *s, const struct report_params *p)
{
	sqlite3_str_appendall(s, ",\"activity\":");
	upf__json_string(s, param(p, "activity"));
}

static const struct report_kind {
	const char *name;
	const char *const *keys;
	int (*check)(upf_db *db, struct report_params *p);
	void (*header)(sqlite3_str *s, const struct report_params *p);
	const char *sql;
	int administration; /* the administration's alone: not under a scope */
	int placed;         /* reads the units' placements (values_core.sql) */
	int written;        /* writes its rows to temp.upf_values_row */
} reports[] = {
	{"values", values_keys, values_params, period_header, upf__sql_values_report, 0, 1, 1},
	{"deviations", deviations_keys, deviations_params, period_header,
	 upf__sql_deviations_report, 0, 0, 0},
	{"basic", basic_keys, basic_params, year_header, upf__sql_basic_report, 0, 0, 0},
	{"quality", quality_keys, quality_params, period_header,
	 upf__sql_quality_report, 0, 0, 0},
	{"missing", missing_keys, data_params, period_header, upf__sql_missing_report, 0, 0, 0},
	{"plan", plan_keys, plan_params, year_header, upf__sql_plan_report, 1, 0, 0},
	{"review", review_keys, review_params, activity_header, upf__sql_review_report, 0, 0, 0},
	{"goals", goals_keys, goals_params, year_header, upf__sql_goals_report, 0, 1, 0},
	{"assessment", assessment_keys, assessment_params, year_header,
	 upf__sql_assessment_report, 1, 1, 0},
	{"actions", actions_keys, actions_params, period_header, upf__sql_actions_report, 0, 0, 0},
	{"information", information_keys, year_params, year_header,
	 upf__sql_information_report, 1, 0, 0},
	{"received", received_keys, received_params, received_header, received_sql, 1, 0, 0},
};

static void bind_text(sqlite3_stmt *st, const char *name, const char *text)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i)
		sqlite3_bind_text(st, i, text, -1, SQLITE_STATIC);
}

static void bind_int(sqlite3_stmt *st, const char *name, sqlite3_int64 v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i)
		sqlite3_bind_int64(st, i, v);
}

/* An id of 0 is no filter: it stays NULL. */
static void bind_id(sqlite3_stmt *st, const char *name, sqlite3_int64 id)
{
	if (id > 0)
		bind_int(st, name, id);
}

/* Binds what the statement asks for; a report leaves out what it lacks. */
static void bind_params(sqlite3_stmt *st, const struct report_params *p)
{
	const char *compare = param(p, "compare"), *gender = param(p, "gender");
	bind_int(st, ":from", p->from);
	bind_int(st, ":to", p->to);
	bind_int(st, ":year", p->year);
	bind_int(st, ":prev", p->prev || (compare && !strcmp(compare, "previous")));
	bind_text(st, ":ref_kind", p->ref_kind);
	bind_text(st, ":ref_area", p->ref_area);
	bind_text(st, ":gender", gender ? gender : "T");
	bind_text(st, ":level", p->level);
	bind_text(st, ":scope_kind", p->scope_kind);
	bind_text(st, ":measures", p->trend_measures ? p->trend_measures : param(p, "measures"));
	bind_text(st, ":by", param(p, "by"));
	bind_text(st, ":at", p->at[0] ? p->at : NULL);
	bind_id(st, ":unit_id", p->unit_id);
	bind_id(st, ":assignment_id", p->assignment_id);
	bind_id(st, ":committee_id", p->committee_id);
	bind_id(st, ":activity_id", p->activity_id);
	int z = sqlite3_bind_parameter_index(st, ":z");
	if (z)
		sqlite3_bind_double(st, z, p->z);
}

/* Empties a temporary table and fills it by a statement of the report's
 * parameters. */
static int fill(upf_db *db, const char *empty, const char *sql,
		const struct report_params *p)
{
	sqlite3_stmt *st = NULL;
	int status = upf__run(db, empty);
	if (!status && !(st = upf__stmt(db, sql)))
		status = db->status;
	if (!status) {
		bind_params(st, p);
		status = upf__step_done(db, st);
	}
	return status;
}

/* Where the units stood in the period (values_place.sql) and the
 * measures reported (values_sel.sql), for a report that reads them: the
 * handle's temporary tables (place_table.sql, sel_table.sql) filled anew,
 * inside the report's read transaction. */
static int place_units(upf_db *db, const struct report_kind *k,
		       const struct report_params *p)
{
	if (!k->placed)
		return UPF_OK;
	int status = fill(db, "DELETE FROM temp.upf_place", upf__sql_values_place, p);
	return status ? status : fill(db, "DELETE FROM temp.upf_sel", upf__sql_values_sel, p);
}

/* Runs the report's statement into *t, after its placements; a second
 * call appends, each row after the period's label. A report that writes
 * its rows (values_row_table.sql) is read out of its temporary table
 * once the statement has ended, and the table is left empty. */
static int run_into_table(upf_table **t, upf_db *db, const struct report_kind *k,
			  sqlite3_stmt *st, const struct report_params *p,
			  const char *label)
{
	int status = place_units(db, k, p);
	if (!status && k->written) /* a statement that failed may leave rows */
		status = upf__run(db, "DELETE FROM temp.upf_values_row");
	if (status)
		return status;
	bind_params(st, p);
	if (k->written && (status = upf__step_done(db, st)))
		return status;
	if (k->written && !(st = upf__stmt(db, "SELECT * FROM temp.upf_values_row ORDER BY rowid")))
		return db->status;
	status = label ? upf__table_append(t, db, st, "period", label)
		       : upf__table_from_stmt(t, db, st);
	int cleared = k->written ? upf__run(db, "DELETE FROM temp.upf_values_row") : UPF_OK;
	return status ? status : cleared;
}

/* A period's label at a frequency of `len` months. */
static void period_label(int from, int len, char out[16])
{
	int year = from / 12, m = from % 12;
	if (len == 1)
		snprintf(out, 16, "%04d-%02d", year, m + 1);
	else if (len == 12)
		snprintf(out, 16, "%04d", year);
	else
		snprintf(out, 16, "%04d-%c%d", year, len == 3 ? 'Q' : len == 4 ? 'T' : 'H',
			 m / len + 1);
}

/* The measures and indicators (by their numerator) of a frequency, of
 * those asked for or all: a JSON array, or NULL when none. */
static int measures_of(upf_db *db, const struct report_params *p, int len, char **codes)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT iif(count(*), json_group_array(code), NULL) FROM ("
		"SELECT m.code FROM measure m JOIN frequency f ON f.code = m.frequency "
		"WHERE f.months = ?1 UNION ALL SELECT i.code FROM indicator i "
		"JOIN measure m ON m.id = i.numerator_id JOIN frequency f ON f.code = m.frequency "
		"WHERE f.months = ?1) WHERE ?2 IS NULL OR code IN (SELECT value FROM json_each(?2)) "
		"ORDER BY code");
	if (!st)
		return db->status;
	sqlite3_bind_int(st, 1, len);
	sqlite3_bind_text(st, 2, param(p, "measures"), -1, SQLITE_STATIC);
	return upf__step_text(db, st, codes);
}

/* A trend without rows, with its columns: the statement run over no
 * measure. */
static int empty_trend(upf_db *db, const struct report_kind *k, sqlite3_stmt *st,
		       struct report_params *p, upf_table **t)
{
	sqlite3_clear_bindings(st);
	p->trend_measures = "[]";
	int status = run_into_table(t, db, k, st, p, "");
	p->trend_measures = NULL;
	return status;
}

/* The values report period by period, each measure at its own frequency
 * (a month, quarter, tertial, half-year or year), over the months the
 * range holds whole: one statement run per period, the rows kept with
 * the period's label and sorted by measure and node. */
static int run_trend(upf_table **out, upf_db *db, const struct report_kind *k,
		     struct report_params *p)
{
	static const int lengths[] = {1, 3, 4, 6, 12};
	const int from = p->from, to = p->to;
	upf_table *t = NULL;
	sqlite3_stmt *st = upf__stmt(db, k->sql);
	int status = st ? UPF_OK : db->status;
	for (size_t i = 0; !status && i < sizeof lengths / sizeof lengths[0]; i++) {
		char *codes = NULL, label[16];
		int len = lengths[i];
		status = measures_of(db, p, len, &codes);
		for (int s = (from + len - 1) / len * len; !status && codes && s + len - 1 <= to;
		     s += len) {
			sqlite3_clear_bindings(st);
			p->from = s;
			p->to = s + len - 1;
			p->trend_measures = codes;
			period_label(s, len, label);
			status = run_into_table(&t, db, k, st, p, label);
		}
		upf_free(codes);
	}
	p->from = from;
	p->to = to;
	p->trend_measures = NULL;
	static const int by[] = {1, 2}; /* measure, node, after the period */
	if (!status && t && upf__table_sort(t, by, 2))
		status = upf__fail(db, UPF_NOMEM, "out of memory");
	if (!status && !t) /* no measure of any frequency fits: the columns still */
		status = empty_trend(db, k, st, p, &t);
	if (status) {
		upf_table_free(t);
		return status;
	}
	*out = t;
	return upf__ok(db);
}

/* Runs a report whose parameters are checked. */
static int run_statement(upf_table **out, upf_db *db, const struct report_kind *k,
			 struct report_params *p)
{
	if (p->trend)
		return run_trend(out, db, k, p);
	sqlite3_stmt *st = upf__stmt(db, k->sql);
	return st ? run_into_table(out, db, k, st, p, NULL) : db->status;
}

/* Checks the report's name and parameters, and runs it into a table. */
static int run_report(upf_table **out, upf_db *db, const char *report,
		      const char *json, struct report_params *p,
		      const struct report_kind **kind)
{
	const struct report_kind *k = NULL;
	*out = NULL;
	memset(p, 0, sizeof *p); /* the caller frees it whatever happens */
	if (!report)
		return upf__misuse(db, "report");
	for (size_t i = 0; report && i < sizeof reports / sizeof reports[0]; i++)
		if (!strcmp(report, reports[i].name))
			k = &reports[i];
	if (!k)
		return upf__fail(db, UPF_INVALID, "report '%s': unknown; reports: "
				 "values, deviations, basic, quality, missing, plan, review, "
				 "goals, assessment, actions, information, received",
				 report ? upf__shown(report) : "");
	*kind = k;
	char what[40];
	snprintf(what, sizeof what, "report '%s'", k->name);
	int status = k->administration ? upf__scope_admin(db, what) : UPF_OK;
	if (!status)
		status = upf__opts_parse(db, "params", json, k->keys, &p->o);
	if (!status)
		status = k->check(db, p);
	if (status || !k->placed)
		return status ? status : run_statement(out, db, k, p);
	/* The placements and the report read one snapshot. The temporary
	 * tables are made before the report's statement is prepared, which
	 * names them; making them the first time makes SQLite prepare the
	 * handle's statements again, once. */
	int began;
	status = upf__read_begin(db, &began);
	if (!status)
		status = upf__run(db, upf__sql_place_table);
	if (!status)
		status = upf__run(db, upf__sql_sel_table);
	if (!status && k->written)
		status = upf__run(db, upf__sql_values_row_table);
	if (!status)
		status = run_statement(out, db, k, p);
	status = upf__read_end(db, began, status);
	if (status) {
		upf_table_free(*out);
		*out = NULL;
	}
	return status;
}

int upf_report_table(upf_table **out, upf_db *db, const char *report,
		     const char *params_json)
{
	struct report_params p;
	const struct report_kind *k;
	int status = upf__table_out(db, out);
	if (status)
		return status;
	status = run_report(out, db, report, params_json, &p, &k);
	upf__opts_free(&p.o);
	return status;
}

/* {"report": NAME, the header's members, "level": L, "rows": [...]} */
int upf_report_json(char **out, upf_db *db, const char *report,
		    const char *params_json)
{
	struct report_params p;
	const struct report_kind *k;
	upf_table *t = NULL;
	if (out)
		*out = NULL;
	if (!db)
		return UPF_MISUSE;
	if (!out)
		return upf__misuse(db, "out");
	int status = run_report(&t, db, report, params_json, &p, &k);
	if (!status) {
		sqlite3_str *s = sqlite3_str_new(db->sql);
		sqlite3_str_appendall(s, "{\"report\":");
		upf__json_string(s, k->name);
		k->header(s, &p);
		sqlite3_str_appendall(s, ",\"level\":");
		if (!p.level)
			sqlite3_str_appendall(s, "null");
		else if (p.level[0] >= '0' && p.level[0] <= '9')
			sqlite3_str_appendall(s, p.level);
		else
			upf__json_string(s, p.level);
		sqlite3_str_appendall(s, ",\"rows\":");
		upf__json_rows(s, t);
		sqlite3_str_appendchar(s, 1, '}');
		status = upf__json_finish(db, s, out);
	}
	upf_table_free(t);
	upf__opts_free(&p.o);
	return status;
}
