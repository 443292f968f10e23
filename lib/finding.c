/* Findings: what a follow-up activity found about a subject in a quality
 * area, graded, with the figures it rested on taken as they were. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define UPF_TEXT_MAX 2000

static const char *const grades[] = {"strength", "improvement", "deficiency", NULL};
static const char *const regimes[] = {"in_house", "private", NULL};

int upf__subject_parse(upf_db *db, const char *field, const char *text,
		       struct upf_subject *s)
{
	static const struct {
		const char *kind;
		enum upf_entity e;
	} kinds[] = {{"unit", UPF_E_UNIT}, {"assignment", UPF_E_ASSIGNMENT},
		     {"area", UPF_E_AREA}, {"regime", UPF_E_UNIT}};
	const char *colon = strchr(text, ':');
	memset(s, 0, sizeof *s);
	for (size_t i = 0; colon && i < sizeof kinds / sizeof *kinds; i++) {
		size_t n = strlen(kinds[i].kind);
		if ((size_t)(colon - text) != n || strncmp(text, kinds[i].kind, n))
			continue;
		s->kind = kinds[i].kind;
		snprintf(s->code, sizeof s->code, "%s", colon + 1);
		if (!strcmp(s->kind, "regime"))
			return strcmp(s->code, regimes[0]) && strcmp(s->code, regimes[1])
				? upf__fail(db, UPF_INVALID, "%s '%s': a regime is in_house "
					    "or private", field, upf__shown(text))
				: UPF_OK;
		return upf__id_of(db, &s->id, kinds[i].e, field, s->code);
	}
	return upf__fail(db, UPF_INVALID, "%s '%s': not unit:U, assignment:A, area:S or "
			 "regime:R", field, upf__shown(text));
}

/* A finding is about what its activity followed up: some unit must lie
 * under the subject in a span where the activity's scope takes it in. */
static int check_in_scope(upf_db *db, sqlite3_int64 activity, const char *code,
			  const struct upf_subject *s)
{
	sqlite3_int64 inside;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT EXISTS (SELECT 1 FROM activity_span WHERE activity_id = ?1 "
		"AND CASE ?2 WHEN 'unit' THEN ?3 IN (unit_id, l2_id) "
		"WHEN 'assignment' THEN assignment_id = ?3 WHEN 'area' THEN area_id = ?3 "
		"ELSE regime = ?4 END)");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, activity);
	sqlite3_bind_text(st, 2, s->kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, s->id);
	sqlite3_bind_text(st, 4, s->code, -1, SQLITE_STATIC);
	int status = upf__step_int(db, st, &inside);
	if (!status && inside != 1)
		status = upf__refuse(db, UPF_DETAIL_OUT_OF_SCOPE, "subject '%s:%s': outside "
				     "the scope of activity '%s'", s->kind, s->code, code);
	return status;
}

static int insert_finding(upf_db *db, sqlite3_int64 activity, const struct upf_subject *s,
			  sqlite3_int64 area, const char *grade, const char *text,
			  const char *day, long long *id)
{
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO finding (activity_id, subject, unit_id, assignment_id, area_id, "
		"regime, quality_area_id, grade, text, found_on) VALUES (?1, ?2, "
		"iif(?2 = 'unit', ?3, NULL), iif(?2 = 'assignment', ?3, NULL), "
		"iif(?2 = 'area', ?3, NULL), iif(?2 = 'regime', ?4, NULL), ?5, ?6, ?7, ?8)");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, activity);
	sqlite3_bind_text(st, 2, s->kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, s->id);
	sqlite3_bind_text(st, 4, s->code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, area);
	sqlite3_bind_text(st, 6, grade, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, day, -1, SQLITE_STATIC);
	int status = upf__step_done(db, st);
	*id = sqlite3_last_insert_rowid(db->sql);
	return status;
}

/* The report's parameters that give the subject's figure: its unit at
 * its level, its assignment at level 1, or the total of its area or
 * regime; and the group the row must have. */
static void evidence_params(sqlite3_str *p, const struct upf_subject *s,
			    const char *measure, const char *period, int unit_level)
{
	sqlite3_str_appendall(p, "{\"period\":");
	upf__json_string(p, period);
	sqlite3_str_appendall(p, ",\"measures\":[");
	upf__json_string(p, measure);
	sqlite3_str_appendall(p, "]");
	if (!strcmp(s->kind, "unit")) {
		sqlite3_str_appendf(p, ",\"level\":%d,\"unit\":", unit_level);
		upf__json_string(p, s->code);
	} else if (!strcmp(s->kind, "assignment")) {
		sqlite3_str_appendall(p, ",\"level\":1,\"assignment\":");
		upf__json_string(p, s->code);
	} else {
		sqlite3_str_appendf(p, ",\"level\":\"total\",\"by\":\"%s\"", s->kind);
	}
	sqlite3_str_appendall(p, "}");
}

/* Takes the subject's figure of MEASURE:PERIOD from the report "values"
 * and keeps it. */
static int add_evidence(upf_db *db, const char *item, const void *ctx)
{
	const struct upf_evidence *e = ctx;
	char measure[UPF_CODE_MAX + 1];
	const char *colon = strchr(item, ':');
	if (!colon || (size_t)(colon - item) > UPF_CODE_MAX)
		return upf__fail(db, UPF_INVALID, "evidence '%s': not MEASURE:PERIOD",
				 upf__shown(item));
	snprintf(measure, sizeof measure, "%.*s", (int)(colon - item), item);
	sqlite3_int64 measure_id, level = 0;
	int status = upf__id_of(db, &measure_id, UPF_E_MEASURE, "evidence", measure);
	/* A unit's figure is at its own level. */
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT coalesce((SELECT level FROM unit WHERE id = ?1), 0)");
	if (!status && !st)
		status = db->status;
	if (!status) {
		if (!strcmp(e->subject->kind, "unit"))
			sqlite3_bind_int64(st, 1, e->subject->id);
		status = upf__step_int(db, st, &level);
	}
	sqlite3_str *p = status ? NULL : sqlite3_str_new(db->sql);
	char *params = NULL;
	upf_table *t = NULL;
	if (p) {
		evidence_params(p, e->subject, measure, colon + 1, (int)level);
		status = upf__json_finish(db, p, &params);
	}
	if (!status)
		status = upf_report_table(&t, db, "values", params);
	upf_free(params);
	/* The row of the subject: its node, or its area's or regime's group. */
	int row = -1, group = !strcmp(e->subject->kind, "area") ||
			      !strcmp(e->subject->kind, "regime");
	for (int r = 0; !status && r < upf_table_rows(t); r++) {
		const char *node = upf_table_value(t, r, 1), *grp = upf_table_value(t, r, 3);
		if (group ? grp && !strcmp(grp, e->subject->code)
			  : !strcmp(node, e->subject->code))
			row = r;
	}
	if (!status && row < 0)
		status = upf__fail(db, UPF_NOTFOUND, "evidence '%s': no figure for %s '%s'",
				   upf__shown(item), e->subject->kind, e->subject->code);
	st = status ? NULL : upf__stmt(db,
		"INSERT INTO finding_evidence (finding_id, measure_id, period, node, value, "
		"numerator, denominator, units_reported, units_expected) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	if (!status && !st)
		status = db->status;
	if (!status) {
		static const int columns[] = {4, 5, 6, 7, 8};
		sqlite3_bind_int64(st, 1, e->finding);
		sqlite3_bind_int64(st, 2, measure_id);
		sqlite3_bind_text(st, 3, colon + 1, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, group ? e->subject->code : upf_table_value(t, row, 1),
				  -1, SQLITE_STATIC);
		for (int i = 0; i < 5; i++)
			if (!upf_table_is_null(t, row, columns[i]))
				sqlite3_bind_double(st, 5 + i, upf_table_double(t, row, columns[i]));
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		status = rc == SQLITE_DONE ? UPF_OK
			 : rc == SQLITE_CONSTRAINT_PRIMARYKEY
				 ? upf__fail(db, UPF_INVALID, "evidence '%s': given twice",
					     upf__shown(item))
				 : upf__sqlfail(db, rc);
	}
	upf_table_free(t);
	return status;
}

int upf_finding_add(long long *id, upf_db *db, const char *activity,
		    const char *subject, const char *quality_area, const char *grade,
		    const char *text, const char *on, const char *evidence_json)
{
	struct upf_subject s;
	char day[11];
	sqlite3_int64 activity_id, area_id;
	long long new_id = 0;
	if (id)
		*id = 0;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "activity subject quality_area grade text", activity,
			       subject, quality_area, grade, text);
	if (!status)
		status = upf__check_choice(db, "grade", grade, grades);
	if (!status)
		status = upf__check_prose(db, "text", text, UPF_TEXT_MAX);
	if (!status)
		status = upf__check_date(db, "on", on, day);
	if (!status && evidence_json)
		status = upf__json_array_check(db, "evidence", evidence_json);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = upf__id_of(db, &activity_id, UPF_E_ACTIVITY, "activity", activity);
	if (!status)
		status = upf__subject_parse(db, "subject", subject, &s);
	if (!status)
		status = check_in_scope(db, activity_id, activity, &s);
	if (!status)
		status = upf__id_of(db, &area_id, UPF_E_QUALITY_AREA, "quality_area",
				    quality_area);
	if (!status)
		status = insert_finding(db, activity_id, &s, area_id, grade, text, day, &new_id);
	if (!status && evidence_json) {
		struct upf_evidence e = {new_id, &s};
		status = upf__each_code(db, "evidence", evidence_json, add_evidence, &e);
	}
	status = upf__end(db, status);
	if (id && !status)
		*id = new_id;
	return status;
}

static const char *const list_keys[] = {"activity", "year", "quality_area", "grade", NULL};

int upf_finding_list(upf_table **out, upf_db *db, const char *params_json)
{
	struct upf_opts o;
	sqlite3_int64 id;
	int status = upf__table_out(db, out);
	if (!status)
		status = upf__scope_admin(db, "findings");
	if (!status)
		status = upf__opts_parse(db, "params", params_json, list_keys, &o);
	if (status)
		return status;
	if (upf__opt(&o, "activity"))
		status = upf__id_of(db, &id, UPF_E_ACTIVITY, "activity", upf__opt(&o, "activity"));
	if (!status && upf__opt(&o, "year"))
		status = upf__check_year_text(db, upf__opt(&o, "year"));
	if (!status && upf__opt(&o, "quality_area"))
		status = upf__id_of(db, &id, UPF_E_QUALITY_AREA, "quality_area",
				    upf__opt(&o, "quality_area"));
	if (!status && upf__opt(&o, "grade"))
		status = upf__check_choice(db, "grade", upf__opt(&o, "grade"), grades);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT f.id, a.code AS activity, n.year, f.subject || ':' || coalesce("
		"(SELECT code FROM unit WHERE id = f.unit_id), "
		"(SELECT code FROM assignment WHERE id = f.assignment_id), "
		"(SELECT code FROM service_area WHERE id = f.area_id), f.regime) AS subject, "
		"q.code AS quality_area, f.grade, f.text, f.found_on, "
		"(SELECT count(*) FROM finding_evidence WHERE finding_id = f.id) AS evidence "
		"FROM finding f JOIN activity a ON a.id = f.activity_id "
		"JOIN plan n ON n.id = a.plan_id JOIN quality_area q ON q.id = f.quality_area_id "
		"WHERE (?1 IS NULL OR a.code = ?1) AND (?2 IS NULL OR n.year = ?2) "
		"AND (?3 IS NULL OR q.code = ?3) AND (?4 IS NULL OR f.grade = ?4) ORDER BY f.id");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_text(st, 1, upf__opt(&o, "activity"), -1, SQLITE_STATIC);
		if (upf__opt(&o, "year"))
			sqlite3_bind_int(st, 2, (int)strtol(upf__opt(&o, "year"), NULL, 10));
		sqlite3_bind_text(st, 3, upf__opt(&o, "quality_area"), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, upf__opt(&o, "grade"), -1, SQLITE_STATIC);
		status = upf__table_from_stmt(out, db, st);
	}
	upf__opts_free(&o);
	return status;
}

int upf_finding_evidence(upf_table **out, upf_db *db, long long id)
{
	sqlite3_int64 found;
	int status = upf__table_out(db, out);
	if (!status)
		status = upf__scope_admin(db, "findings");
	sqlite3_stmt *st = status ? NULL : upf__stmt(db, "SELECT count(*) FROM finding WHERE id = ?1");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, id);
		status = upf__step_int(db, st, &found);
	}
	if (!status && found < 1)
		status = upf__fail(db, UPF_NOTFOUND, "id: no finding %s",
				   upf__shown_id(id, (char[24]){0}));
	st = status ? NULL : upf__stmt(db,
		"SELECT m.code AS measure, e.period, e.node, e.value, e.numerator, "
		"e.denominator, e.units_reported, e.units_expected FROM finding_evidence e "
		"JOIN measure m ON m.id = e.measure_id WHERE e.finding_id = ?1 "
		"ORDER BY m.code, e.period");
	if (!status && !st)
		status = db->status;
	if (status)
		return status;
	sqlite3_bind_int64(st, 1, id);
	return upf__table_from_stmt(out, db, st);
}
