/* Committee reports (återrapportering): a document built from the
 * registry's reports, the administration's narrative beside it, and,
 * once presented, all of it kept with its SHA-256 as the public record of
 * what the committee received. The figures are the reports' own rows
 * (report.c); this file chooses them, applies disclosure control
 * (sql/suppress.sql) and keeps them. Rendering is in render.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define UPF_TITLE_MAX 200
#define UPF_NARRATIVE_MAX 20000
#define UPF_REFERENCE_MAX 64
#define TREND_MONTHS 24

static const char *const kinds[] = {"interim", "annual", "quality", "adhoc", NULL};
static const char *const build_keys[] = {"title", "internal", NULL};

/* What a report is built from. */
struct spec {
	sqlite3_int64 committee_id;
	const char *committee, *kind, *period;
	int from, to, year;
	int threshold; /* 0: internal, no disclosure control */
	char last[11]; /* the period's last day */
};

/* A section taken from a report: its parameters, where @C stands for the
 * committee, @P the period and @Y the year. */
static const struct section {
	const char *id, *title, *report, *params, *suppress;
} sections[] = {
	{"measures_1", "Mått per uppdrag", "values",
	 "{\"level\":\"1\",\"committee\":\"@C\",\"period\":\"@P\",\"compare\":\"previous\"}",
	 "values"},
	{"measures_2", "Mått per verksamhet", "values",
	 "{\"level\":\"2\",\"committee\":\"@C\",\"period\":\"@P\",\"compare\":\"previous\"}",
	 "values"},
	{"reference", "Jämförelse med riket", "values",
	 "{\"level\":\"committee\",\"committee\":\"@C\",\"period\":\"@P\","
	 "\"compare\":\"national\"}", "values"},
	{"deviations", "Avvikelser", "deviations",
	 "{\"level\":\"2\",\"committee\":\"@C\",\"period\":\"@P\",\"by\":\"type\"}",
	 "deviations"},
	{"basic", "Grundläggande uppföljning", "basic", "{\"year\":\"@Y\",\"level\":\"2\"}",
	 NULL},
	{"plan", "Uppföljningsplanen", "plan", "{\"year\":\"@Y\",\"committee\":\"@C\"}",
	 NULL},
	{"goals", "Mål och granskningsresultat", "goals",
	 "{\"year\":\"@Y\",\"committee\":\"@C\"}", NULL},
	{"assessment", "Samlad bedömning", "assessment",
	 "{\"year\":\"@Y\",\"committee\":\"@C\"}", NULL},
	{"actions", "Åtgärder och deras effekt", "actions",
	 "{\"committee\":\"@C\",\"period\":\"@P\"}", NULL},
	{"information", "Återkoppling till intressenter", "information",
	 "{\"year\":\"@Y\",\"committee\":\"@C\"}", NULL},
};

/* Steps a one-row statement: column 0 a JSON text (copied to *text),
 * column 1, if asked for, a count. */
static int step_json(upf_db *db, sqlite3_stmt *st, char **text, int *count)
{
	const char *t = NULL;
	int rc = sqlite3_step(st), status = UPF_OK;
	*text = NULL;
	if (rc != SQLITE_ROW)
		status = upf__sqlfail(db, rc == SQLITE_DONE ? SQLITE_INTERNAL : rc);
	if (!status)
		status = upf__column(db, st, 0, &t);
	if (!status && t && !(*text = upf__strdup(t)))
		status = upf__fail(db, UPF_NOMEM, "out of memory");
	if (!status && count)
		*count = sqlite3_column_int(st, 1);
	sqlite3_reset(st);
	return status;
}

/* A report's rows ({"rows": [...]} in json), through disclosure control
 * when `suppress` names the kind of rows. */
static int section_rows(upf_db *db, const struct spec *s, const char *json,
			const char *suppress, char **rows, int *suppressed)
{
	sqlite3_stmt *st = upf__stmt(db, suppress ? upf__sql_suppress
					      : "SELECT json_extract(?1, '$.rows'), 0");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	if (suppress) {
		sqlite3_bind_int(st, 2, s->threshold);
		sqlite3_bind_text(st, 3, suppress, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, s->last, -1, SQLITE_STATIC);
	}
	return step_json(db, st, rows, suppressed);
}

/* ,{"id":..,"title":..,"report":..,"suppressed":n,"rows":[...]}; nothing
 * for a section without rows. */
static void append_section(sqlite3_str *out, const char *id, const char *title,
			   const char *report, const char *rows, int suppressed)
{
	if (!rows || !strcmp(rows, "[]"))
		return;
	if (sqlite3_str_length(out) > 1)
		sqlite3_str_appendchar(out, 1, ',');
	sqlite3_str_appendall(out, "{\"id\":");
	upf__json_string(out, id);
	sqlite3_str_appendall(out, ",\"title\":");
	upf__json_string(out, title);
	sqlite3_str_appendall(out, ",\"report\":");
	upf__json_string(out, report);
	sqlite3_str_appendf(out, ",\"suppressed\":%d,\"rows\":%s}", suppressed, rows);
}

/* A section's parameters for the report being built (sqlite3_free). */
static char *expand(const char *params, const struct spec *s)
{
	sqlite3_str *out = sqlite3_str_new(NULL);
	for (const char *p = params; *p; p++) {
		if (p[0] == '@' && p[1] == 'C')
			sqlite3_str_appendall(out, s->committee);
		else if (p[0] == '@' && p[1] == 'P')
			sqlite3_str_appendall(out, s->period);
		else if (p[0] == '@' && p[1] == 'Y')
			sqlite3_str_appendf(out, "%d", s->year);
		else {
			sqlite3_str_appendchar(out, 1, *p);
			continue;
		}
		p++;
	}
	return sqlite3_str_finish(out);
}

/* Keeps the json text that a statement (?1 the report's JSON) makes of it. */
static int rewrite(upf_db *db, sqlite3_stmt *st, char **json)
{
	char *kept = NULL;
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, *json, -1, SQLITE_STATIC);
	int status = step_json(db, st, &kept, NULL);
	if (!status) {
		upf_free(*json);
		*json = kept;
	}
	return status;
}

/* A measure no unit reported, this year or the year before, is left out
 * rather than shown as a table of blanks. */
static int with_data(upf_db *db, char **json)
{
	return rewrite(db, upf__stmt(db,
		"SELECT json_set(?1, '$.rows', json((SELECT json_group_array(json(r.value)) "
		"FROM json_each(?1, '$.rows') r WHERE r.value ->> 'measure' IN "
		"(SELECT x.value ->> 'measure' FROM json_each(?1, '$.rows') x "
		"WHERE x.value ->> 'value' IS NOT NULL OR x.value ->> 'previous' IS NOT NULL))))"),
		json);
}

/* The reference section compares with the country: rows without a
 * reference say nothing the other sections do not, and are dropped. */
static int with_reference(upf_db *db, char **json)
{
	return rewrite(db, upf__stmt(db,
		"SELECT json_set(?1, '$.rows', json((SELECT json_group_array(json(r.value)) "
		"FROM json_each(?1, '$.rows') r WHERE r.value ->> 'reference' IS NOT NULL)))"),
		json);
}

/* Whether a section has anything to say: a plan with activities, an
 * assessment made, basic follow-up recorded; any row elsewhere. */
static int has_data(upf_db *db, const char *id, const char *json, int *data)
{
	sqlite3_int64 v;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT EXISTS (SELECT 1 FROM json_each(?1, '$.rows') r WHERE CASE ?2 "
		"WHEN 'plan' THEN r.value ->> 'activities' > 0 "
		"WHEN 'assessment' THEN r.value ->> 'grade' IS NOT NULL "
		"WHEN 'basic' THEN coalesce(r.value ->> 'routine', 0) + "
		"  coalesce(r.value ->> 'performed', 0) + coalesce(r.value ->> 'analysed', 0) > 0 "
		"ELSE 1 END)");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	int status = upf__step_int(db, st, &v);
	*data = v > 0;
	return status;
}

static int report_section(upf_db *db, const struct spec *s, const struct section *sec,
			  sqlite3_str *out)
{
	char *json = NULL, *rows = NULL;
	int n = 0;
	char *params = expand(sec->params, s);
	if (!params)
		return upf__fail(db, UPF_NOMEM, "out of memory");
	int status = upf_report_json(&json, db, sec->report, params), data = 0;
	if (!status && !strcmp(sec->id, "reference"))
		status = with_reference(db, &json);
	if (!status && !strcmp(sec->report, "values"))
		status = with_data(db, &json);
	if (!status)
		status = has_data(db, sec->id, json, &data);
	if (!status && data)
		status = section_rows(db, s, json, sec->suppress, &rows, &n);
	if (!status && data)
		append_section(out, sec->id, sec->title, sec->report, rows, n);
	sqlite3_free(params);
	upf_free(json);
	upf_free(rows);
	return status;
}

/* Appends a report's rows, each marked with `key`: `label`, to the JSON
 * array being written in all (*any: whether it holds a row yet). */
static int accumulate(upf_db *db, sqlite3_str *all, int *any, const char *json,
		      const char *key, const char *label)
{
	char *rows = NULL;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT group_concat(json_set(r.value, '$.' || ?2, ?3), ',') "
		"FROM json_each(?1, '$.rows') r");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, label, -1, SQLITE_STATIC);
	int status = step_json(db, st, &rows, NULL);
	if (!status && rows) {
		if ((*any)++)
			sqlite3_str_appendchar(all, 1, ',');
		sqlite3_str_appendall(all, rows);
	}
	upf_free(rows);
	return status;
}

/* Runs one report per period of a series and keeps the rows as one
 * section, each row marked with its period under `key`. */
static int series_section(upf_db *db, const struct spec *s, const char *id,
			  const char *title, const char *report, const char *key,
			  const char *suppress, const char *const *periods, int n,
			  const char *params_fmt, const char *extra, sqlite3_str *out)
{
	char *json = NULL, *rows = NULL;
	int status = UPF_OK, suppressed = 0, any = 0;
	sqlite3_str *all = sqlite3_str_new(db->sql);
	sqlite3_str_appendall(all, "{\"rows\":[");
	for (int i = 0; !status && i < n; i++) {
		char *params = sqlite3_mprintf(params_fmt, s->committee, periods[i], extra);
		status = params ? upf_report_json(&json, db, report, params)
				: upf__fail(db, UPF_NOMEM, "out of memory");
		if (!status)
			status = accumulate(db, all, &any, json, key, periods[i]);
		sqlite3_free(params);
		upf_free(json);
		json = NULL;
	}
	sqlite3_str_appendall(all, "]}");
	int rc = sqlite3_str_errcode(all);
	char *wrapped = sqlite3_str_finish(all);
	if (!status && (rc || !wrapped))
		status = upf__fail(db, UPF_NOMEM, "out of memory");
	if (!status && any)
		status = section_rows(db, s, wrapped, suppress, &rows, &suppressed);
	if (!status)
		append_section(out, id, title, report, rows, suppressed);
	sqlite3_free(wrapped);
	upf_free(rows);
	return status;
}

/* The measures with a target for the year that are recorded monthly, as
 * a JSON array of codes: the trend follows them. */
static int key_measures(upf_db *db, const struct spec *s, char **codes)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT iif(count(*), json_group_array(code), NULL) FROM (SELECT DISTINCT m.code "
		"FROM measure m JOIN target t ON t.measure_id = m.id "
		"WHERE t.year = ?1 AND m.frequency = 'month' AND NOT m.computed "
		"ORDER BY m.code LIMIT 6)");
	if (!st)
		return db->status;
	sqlite3_bind_int(st, 1, s->year);
	return step_json(db, st, codes, NULL);
}

/* The last 24 months up to the period's end, per month at the
 * committee's level. */
static int trend_section(upf_db *db, const struct spec *s, sqlite3_str *out)
{
	char *codes = NULL, labels[TREND_MONTHS][16];
	const char *periods[TREND_MONTHS];
	int status = key_measures(db, s, &codes);
	if (status || !codes)
		return status;
	for (int i = 0; i < TREND_MONTHS; i++) {
		int m = s->to - TREND_MONTHS + 1 + i;
		snprintf(labels[i], sizeof labels[i], "%04d-%02d", m / 12, m % 12 + 1);
		periods[i] = labels[i];
	}
	status = series_section(db, s, "trend", "Utveckling månad för månad", "values",
				"month", "values", periods, TREND_MONTHS,
				"{\"level\":\"committee\",\"committee\":\"%s\",\"period\":\"%s\","
				"\"measures\":%s}", codes, out);
	upf_free(codes);
	return status;
}

/* The deviations per type in each tertial the period holds whole. */
static int tertial_section(upf_db *db, const struct spec *s, sqlite3_str *out)
{
	char labels[3 * 10][16];
	const char *periods[3 * 10];
	int n = 0;
	for (int t = (s->from + 3) / 4; t * 4 + 3 <= s->to && n < 30; t++) {
		if (t * 4 < s->from)
			continue;
		snprintf(labels[n], sizeof labels[n], "%04d-T%d", t / 3, t % 3 + 1);
		periods[n] = labels[n];
		n++;
	}
	if (!n)
		return UPF_OK;
	return series_section(db, s, "deviations_tertial", "Avvikelser per tertial",
			      "deviations", "tertial", "deviations", periods, n,
			      "{\"level\":\"committee\",\"committee\":\"%s\",\"period\":\"%s\","
			      "\"by\":\"type\"%s}", "", out);
}

/* The review results, per activity of the committee's plan for the year
 * that has reviews, criterion by criterion. */
static int reviews_section(upf_db *db, const struct spec *s, sqlite3_str *out)
{
	enum { MAX_ACTIVITIES = 64 };
	char codes[MAX_ACTIVITIES][UPF_CODE_MAX + 1];
	const char *labels[MAX_ACTIVITIES];
	int n = 0, rc;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT a.code FROM activity a JOIN plan p ON p.id = a.plan_id "
		"WHERE p.committee_id = ?1 AND p.year = ?2 "
		"AND EXISTS (SELECT 1 FROM review r WHERE r.activity_id = a.id) ORDER BY a.code");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, s->committee_id);
	sqlite3_bind_int(st, 2, s->year);
	while (n < MAX_ACTIVITIES && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code;
		if (upf__column(db, st, 0, &code) || !code) {
			sqlite3_reset(st);
			return db->status ? db->status : upf__fail(db, UPF_NOMEM, "out of memory");
		}
		snprintf(codes[n], sizeof codes[n], "%s", code);
		labels[n] = codes[n];
		n++;
	}
	sqlite3_reset(st);
	if (n < MAX_ACTIVITIES && rc != SQLITE_DONE)
		return upf__sqlfail(db, rc);
	if (!n)
		return UPF_OK;
	/* %.0s passes over the committee, which this report does not take. */
	return series_section(db, s, "reviews", "Granskningar", "review", "activity", "reviews",
			      labels, n, "{\"activity\":\"%.0s%s\",\"by\":\"criterion\"%s}", "",
			      out);
}

/* A section of the registry's own rows, from a query of one JSON array
 * (?1 the committee, ?2 the year). */
static int query_section(upf_db *db, const struct spec *s, const char *id,
			 const char *title, const char *sql, sqlite3_str *out)
{
	char *rows = NULL;
	sqlite3_stmt *st = upf__stmt(db, sql);
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, s->committee_id);
	sqlite3_bind_int(st, 2, s->year);
	int status = step_json(db, st, &rows, NULL);
	if (!status)
		append_section(out, id, title, id, rows, 0);
	upf_free(rows);
	return status;
}

static const char findings_sql[] =
	"SELECT json_group_array(json_object('activity', a.code, 'title', a.title, "
	"'quality_area', q.name, 'grade', f.grade, 'text', f.text, 'found_on', f.found_on)) "
	"FROM finding f JOIN activity a ON a.id = f.activity_id "
	"JOIN plan n ON n.id = a.plan_id JOIN quality_area q ON q.id = f.quality_area_id "
	"WHERE n.committee_id = ?1 AND n.year = ?2";

/* Periods unlocked since the committee's last presented report: what the
 * committee approved and was changed after. */
static const char unlocks_sql[] =
	"SELECT json_group_array(json_object('period', k.unlocked, 'report', k.report_id, "
	"'locked_on', k.locked_on, 'unlocked_on', k.unlocked_on, 'reason', k.reason)) "
	"FROM period_lock k WHERE k.committee_id = ?1 AND k.unlocked_on IS NOT NULL "
	"AND k.unlocked_on >= coalesce((SELECT max(r.meeting) FROM committee_report r "
	"WHERE r.committee_id = ?1 AND r.meeting IS NOT NULL), '') AND ?2 IS NOT NULL";

/* Every section, in the order the committee reads them. */
static int compose_sections(upf_db *db, const struct spec *s, sqlite3_str *out)
{
	int status = UPF_OK;
	sqlite3_str_appendchar(out, 1, '[');
	for (size_t i = 0; !status && i < sizeof sections / sizeof sections[0]; i++) {
		status = report_section(db, s, &sections[i], out);
		if (!status && !strcmp(sections[i].id, "measures_2"))
			status = trend_section(db, s, out);
		if (!status && !strcmp(sections[i].id, "deviations"))
			status = tertial_section(db, s, out);
		if (!status && !strcmp(sections[i].id, "goals"))
			status = reviews_section(db, s, out);
		if (!status && !strcmp(sections[i].id, "goals"))
			status = query_section(db, s, "findings", "Iakttagelser", findings_sql, out);
	}
	if (!status)
		status = query_section(db, s, "unlocks", "Ändrat efter godkännande",
				       unlocks_sql, out);
	sqlite3_str_appendchar(out, 1, ']');
	return status;
}

static const char *kind_title(const char *kind)
{
	if (!strcmp(kind, "interim"))
		return "Delårsrapport";
	if (!strcmp(kind, "annual"))
		return "Årsbokslut";
	return strcmp(kind, "quality") ? "Rapport" : "Kvalitetsberättelse";
}

/* The figures: the document's header, its sections, and the measures its
 * rows name. */
static int compose(upf_db *db, const struct spec *s, const char *title, char **doc)
{
	char today[11], *sections_json = NULL;
	sqlite3_str *out = sqlite3_str_new(db->sql);
	int status = compose_sections(db, s, out);
	int rc = sqlite3_str_errcode(out);
	sections_json = sqlite3_str_finish(out);
	if (!status && (rc || !sections_json))
		status = upf__fail(db, UPF_NOMEM, "out of memory");
	upf__today(db, today);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT json_set(json_object('format', 1, 'committee', c.code, "
		"'committee_name', c.name, 'kind', ?2, 'period', ?3, "
		"'from', printf('%04d-%02d', ?4 / 12, ?4 % 12 + 1), "
		"'to', printf('%04d-%02d', ?5 / 12, ?5 % 12 + 1), 'year', ?5 / 12, "
		"'title', ?6, 'built_on', ?7, 'public', json(iif(?8 > 0, 'true', 'false')), "
		"'threshold', ?8, 'sections', json(?9)), '$.measures', json((SELECT "
		"  json_group_object(m.code, json_object('name', m.name, 'type', m.type, "
		"  'unit', m.unit_label, 'direction', m.direction)) FROM measure m "
		"  WHERE m.code IN (SELECT r.value ->> 'measure' FROM json_each(?9) x, "
		"  json_each(x.value, '$.rows') r)))) FROM committee c WHERE c.id = ?1");
	if (!status && !st)
		status = db->status;
	if (!status) {
		char *fallback = title ? NULL : sqlite3_mprintf("%s %s", kind_title(s->kind),
								s->period);
		sqlite3_bind_int64(st, 1, s->committee_id);
		sqlite3_bind_text(st, 2, s->kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, s->period, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, s->from);
		sqlite3_bind_int(st, 5, s->to);
		sqlite3_bind_text(st, 6, title ? title : fallback, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 7, today, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 8, s->threshold);
		sqlite3_bind_text(st, 9, sections_json, -1, SQLITE_STATIC);
		status = title || fallback ? step_json(db, st, doc, NULL)
					   : upf__fail(db, UPF_NOMEM, "out of memory");
		sqlite3_reset(st);
		sqlite3_free(fallback);
	}
	sqlite3_free(sections_json);
	return status;
}

static int spec_init(upf_db *db, struct spec *s, const char *committee, const char *kind,
		     const char *period, int internal)
{
	sqlite3_int64 threshold = 0;
	memset(s, 0, sizeof *s);
	s->committee = committee;
	s->kind = kind;
	s->period = period;
	int status = upf__period_parse(db, "period", period, &s->from, &s->to);
	if (status)
		return status;
	s->year = s->to / 12;
	upf__month_last(s->to, s->last);
	status = upf__id_of(db, &s->committee_id, UPF_E_COMMITTEE, "committee", committee);
	if (!status && !internal)
		status = upf__setting_int(db, "disclosure_threshold", &threshold);
	s->threshold = threshold > 0 ? (int)threshold : 0;
	if (!status && !internal && !s->threshold)
		s->threshold = 5;
	return status;
}

static int insert_report(upf_db *db, const struct spec *s, const char *doc, int internal,
			 long long *id)
{
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO committee_report (committee_id, kind, period, from_month, "
		"to_month, title, internal, built_on, figures) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6 ->> '$.title', ?7, ?6 ->> '$.built_on', ?6)");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, s->committee_id);
	sqlite3_bind_text(st, 2, s->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, s->period, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, s->from);
	sqlite3_bind_int(st, 5, s->to);
	sqlite3_bind_text(st, 6, doc, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, internal);
	int status = upf__step_done(db, st);
	if (!status)
		*id = sqlite3_last_insert_rowid(db->sql);
	return status;
}

int upf_committee_report_build(long long *id, upf_db *db, const char *committee,
			       const char *kind, const char *period,
			       const char *options_json)
{
	struct upf_opts o;
	struct spec s;
	char *doc = NULL;
	long long new_id = 0;
	if (id)
		*id = 0;
	if (!db)
		return UPF_MISUSE;
	if (!id)
		return upf__misuse(db, "id");
	int status = upf__need(db, "committee kind period", committee, kind, period);
	if (!status)
		status = upf__scope_admin(db, "committee reports");
	if (status)
		return status;
	status = upf__opts_parse(db, "options", options_json, build_keys, &o);
	if (status)
		return status;
	const char *title = upf__opt(&o, "title");
	int internal = upf__opt_true(&o, "internal");
	status = upf__check_choice(db, "kind", kind, kinds);
	if (!status && title)
		status = upf__check_text(db, "title", title, UPF_TITLE_MAX);
	if (!status)
		status = upf__period_parse(db, "period", period, &s.from, &s.to);
	if (!status && !(status = upf__write_begin(db))) {
		status = spec_init(db, &s, committee, kind, period, internal);
		if (!status)
			status = compose(db, &s, title, &doc);
		if (!status)
			status = insert_report(db, &s, doc, internal, &new_id);
		status = upf__end(db, status);
	}
	if (!status)
		*id = new_id;
	upf_free(doc);
	upf__opts_free(&o);
	return status;
}

/* The stored report's state: whether it exists, and is presented. */
static int report_state(upf_db *db, long long id, int *presented)
{
	char buf[24];
	sqlite3_int64 v;
	int status = upf__scope_admin(db, "committee reports");
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db, "SELECT sha256 IS NOT NULL FROM committee_report "
				     "WHERE id = ?1");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, id);
	status = upf__step_int(db, st, &v);
	if (!status && v < 0)
		return upf__fail(db, UPF_NOTFOUND, "id '%s': no such committee report",
				 upf__shown_id(id, buf));
	*presented = v > 0;
	return status;
}

static int refuse_presented(upf_db *db, long long id)
{
	return upf__refuse(db, UPF_DETAIL_PRESENTED, "committee report %lld: presented; "
			   "it never changes (build a new report)", id);
}

/* The section a narrative is for: "summary", or one the report has. */
static int check_section(upf_db *db, long long id, const char *section)
{
	sqlite3_int64 found;
	if (!strcmp(section, "summary"))
		return UPF_OK;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT count(*) FROM committee_report r, json_each(r.figures, '$.sections') x "
		"WHERE r.id = ?1 AND x.value ->> 'id' = ?2");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, section, -1, SQLITE_STATIC);
	int status = upf__step_int(db, st, &found);
	if (!status && !found)
		status = upf__fail(db, UPF_NOTFOUND, "section '%s': not in committee report "
				   "%lld; sections: summary and those of its JSON",
				   upf__shown(section), id);
	return status;
}

int upf_committee_report_text(upf_db *db, long long id, const char *section,
			      const char *text)
{
	int presented = 0;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "section text", section, text);
	if (!status)
		status = upf__check_code(db, "section", section);
	if (!status && *text)
		status = upf__check_prose(db, "text", text, UPF_NARRATIVE_MAX);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = report_state(db, id, &presented);
	if (!status && presented)
		status = refuse_presented(db, id);
	if (!status)
		status = check_section(db, id, section);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db, *text
		? "INSERT INTO committee_report_text (report_id, section, text) VALUES (?1, ?2, ?3) "
		  "ON CONFLICT DO UPDATE SET text = excluded.text WHERE text IS NOT excluded.text"
		: "DELETE FROM committee_report_text WHERE report_id = ?1 AND section = ?2");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, section, -1, SQLITE_STATIC);
		if (*text)
			sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
		status = upf__step_done(db, st);
	}
	return upf__end(db, status);
}

/* The whole document: figures, narrative, and what presenting it added
 * (meeting and reference may be given for one being presented). */
static int document(upf_db *db, long long id, const char *meeting, const char *reference,
		    char **doc)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT json_set(r.figures, '$.id', r.id, '$.narrative', json(coalesce(r.narrative, "
		"(SELECT json_group_object(section, text) FROM (SELECT section, text "
		"FROM committee_report_text WHERE report_id = r.id ORDER BY section)))), "
		"'$.meeting', coalesce(r.meeting, ?2), '$.reference', coalesce(r.reference, ?3), "
		"'$.sha256', r.sha256) FROM committee_report r WHERE r.id = ?1");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, meeting, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, reference, -1, SQLITE_STATIC);
	return step_json(db, st, doc, NULL);
}

static const char *const formats[] = {"json", "md", "html", NULL};

int upf_committee_report_show(char **out, upf_db *db, long long id, const char *format)
{
	char *doc = NULL;
	int presented = 0;
	if (out)
		*out = NULL;
	if (!db)
		return UPF_MISUSE;
	if (!out)
		return upf__misuse(db, "out");
	int status = upf__need(db, "format", format);
	if (!status)
		status = upf__check_choice(db, "format", format, formats);
	if (!status)
		status = report_state(db, id, &presented);
	if (!status && presented && !strcmp(format, "html")) {
		sqlite3_stmt *st = upf__stmt(db, "SELECT html FROM committee_report WHERE id = ?1");
		if (!st)
			return db->status;
		sqlite3_bind_int64(st, 1, id);
		return step_json(db, st, out, NULL);
	}
	if (!status)
		status = document(db, id, NULL, NULL, &doc);
	if (!status && !strcmp(format, "json")) {
		*out = doc;
		return upf__ok(db);
	}
	if (!status)
		status = upf__render(db, doc, format, out);
	upf_free(doc);
	return status;
}

/* Steps st to its one row and points t[0..n-1] at the texts of its first
 * n columns (NULL for an SQL NULL); the caller resets st. */
static int one_row(upf_db *db, sqlite3_stmt *st, const char **t, int n)
{
	int rc = sqlite3_step(st), status = UPF_OK;
	if (rc != SQLITE_ROW)
		return upf__sqlfail(db, rc == SQLITE_DONE ? SQLITE_INTERNAL : rc);
	for (int i = 0; !status && i < n; i++)
		status = upf__column(db, st, i, &t[i]);
	return status;
}

/* The hash of what was presented: figures, narrative and HTML, each
 * followed by a NUL byte. */
static void digest(const char *figures, const char *narrative, const char *html,
		   char hex[65])
{
	struct upf_sha256 h;
	upf__sha256_init(&h);
	upf__sha256_update(&h, figures, strlen(figures) + 1);
	upf__sha256_update(&h, narrative, strlen(narrative) + 1);
	upf__sha256_update(&h, html, strlen(html) + 1);
	upf__sha256_hex(&h, hex);
}

/* Keeps the presented report and locks its period. */
static int freeze(upf_db *db, long long id, const char *meeting, const char *reference,
		  const char *doc, const char *html)
{
	char hex[65];
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT figures, ?2 -> '$.narrative', period, committee_id, from_month, to_month "
		"FROM committee_report WHERE id = ?1");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, doc, -1, SQLITE_STATIC);
	const char *t[3] = {NULL, NULL, NULL}; /* figures, narrative, period */
	int status = one_row(db, st, t, 3);
	if (status || !t[0] || !t[1] || !t[2]) {
		sqlite3_reset(st);
		return status ? status : upf__fail(db, UPF_NOMEM, "out of memory");
	}
	digest(t[0], t[1], html, hex);
	sqlite3_stmt *up = upf__stmt(db,
		"UPDATE committee_report SET meeting = ?2, reference = ?3, narrative = ?4, "
		"html = ?5, sha256 = ?6 WHERE id = ?1");
	if (!up)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(up, 1, id);
		sqlite3_bind_text(up, 2, meeting, -1, SQLITE_STATIC);
		sqlite3_bind_text(up, 3, reference, -1, SQLITE_STATIC);
		sqlite3_bind_text(up, 4, t[1], -1, SQLITE_STATIC);
		sqlite3_bind_text(up, 5, html, -1, SQLITE_STATIC);
		sqlite3_bind_text(up, 6, hex, -1, SQLITE_STATIC);
		status = upf__step_done(db, up);
	}
	if (!status)
		status = upf__lock_insert(db, sqlite3_column_int64(st, 3), t[2],
					  sqlite3_column_int(st, 4), sqlite3_column_int(st, 5), id);
	sqlite3_reset(st);
	return status;
}

int upf_committee_report_present(upf_db *db, long long id, const char *meeting,
				 const char *reference)
{
	char day[11], *doc = NULL, *html = NULL;
	int presented = 0;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "meeting reference", meeting, reference);
	if (!status)
		status = upf__check_date(db, "meeting", meeting, day);
	if (!status)
		status = upf__check_text(db, "reference", reference, UPF_REFERENCE_MAX);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = report_state(db, id, &presented);
	if (!status && presented)
		status = refuse_presented(db, id);
	if (!status)
		status = document(db, id, day, reference, &doc);
	if (!status)
		status = upf__render(db, doc, "html", &html);
	if (!status)
		status = freeze(db, id, day, reference, doc, html);
	upf_free(doc);
	upf_free(html);
	return upf__end(db, status);
}

int upf_committee_report_verify(upf_db *db, long long id)
{
	char hex[65];
	int presented = 0;
	if (!db)
		return UPF_MISUSE;
	int status = report_state(db, id, &presented);
	if (!status && !presented)
		return upf__refuse(db, UPF_DETAIL_OUT_OF_ORDER, "committee report %lld: a draft; "
				   "only a presented report has a hash", id);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT figures, narrative, html, sha256 FROM committee_report WHERE id = ?1");
	if (!st)
		return status ? status : db->status;
	sqlite3_bind_int64(st, 1, id);
	const char *cols[4] = {NULL, NULL, NULL, NULL};
	status = one_row(db, st, cols, 4);
	if (!status && (!cols[0] || !cols[1] || !cols[2] || !cols[3]))
		status = upf__fail(db, UPF_CORRUPT, "committee report %lld: a part of what "
				   "was presented is missing", id);
	if (!status) {
		digest(cols[0], cols[1], cols[2], hex);
		status = strcmp(hex, cols[3])
			? upf__fail(db, UPF_CORRUPT, "committee report %lld: its SHA-256 is %s, "
				    "but %s was kept when it was presented", id, hex, cols[3])
			: upf__ok(db);
	}
	sqlite3_reset(st);
	return status;
}

int upf_committee_report_diff(upf_table **out, upf_db *db, long long id)
{
	char *now = NULL;
	int presented = 0;
	struct spec s;
	int status = upf__table_out(db, out);
	if (!status)
		status = report_state(db, id, &presented);
	if (!status && !presented)
		return upf__refuse(db, UPF_DETAIL_OUT_OF_ORDER, "committee report %lld: a draft; "
				   "a draft is compared by building it again", id);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT c.code, r.kind, r.period, r.figures, r.committee_id, "
		"r.figures ->> '$.threshold' FROM committee_report r JOIN committee c ON c.id = r.committee_id "
		"WHERE r.id = ?1");
	if (!st)
		return status ? status : db->status;
	sqlite3_bind_int64(st, 1, id);
	const char *t[4] = {NULL, NULL, NULL, NULL}; /* committee, kind, period, figures */
	status = one_row(db, st, t, 4);
	if (!status && (!t[0] || !t[1] || !t[2] || !t[3]))
		status = upf__fail(db, UPF_NOMEM, "out of memory");
	const char *figures = t[3];
	/* Built as the presented one was, with the threshold it had (not the
	 * registry's now). */
	if (!status)
		status = spec_init(db, &s, t[0], t[1], t[2], 1);
	s.threshold = sqlite3_column_int(st, 5);
	if (!status)
		status = compose(db, &s, "", &now);
	sqlite3_stmt *d = status ? NULL : upf__stmt(db, upf__sql_committee_diff);
	if (!status && !d)
		status = db->status;
	if (!status) {
		sqlite3_bind_text(d, 1, figures, -1, SQLITE_STATIC);
		sqlite3_bind_text(d, 2, now, -1, SQLITE_STATIC);
		sqlite3_bind_int64(d, 3, sqlite3_column_int64(st, 4));
		sqlite3_bind_int(d, 4, s.from);
		sqlite3_bind_int(d, 5, s.to);
		status = upf__table_from_stmt(out, db, d);
	}
	sqlite3_reset(st);
	upf_free(now);
	return status;
}

int upf_committee_report_list(upf_table **out, upf_db *db, const char *committee)
{
	sqlite3_int64 committee_id = 0;
	int status = upf__table_out(db, out);
	if (!status)
		status = upf__scope_admin(db, "committee reports");
	if (!status && committee)
		status = upf__id_of(db, &committee_id, UPF_E_COMMITTEE, "committee", committee);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT r.id, c.code AS committee, r.kind, r.period, r.title, r.internal, "
		"r.built_on, r.meeting, r.reference, r.sha256 FROM committee_report r "
		"JOIN committee c ON c.id = r.committee_id "
		"WHERE ?1 IS NULL OR r.committee_id = ?1 ORDER BY r.id");
	if (!st)
		return status ? status : db->status;
	if (committee_id)
		sqlite3_bind_int64(st, 1, committee_id);
	return upf__table_from_stmt(out, db, st);
}
