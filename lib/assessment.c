/* The administration's overall assessment (sammanvägd bedömning): per
 * committee, year and quality area, for all its units or a regime, an
 * assignment or a service area; superseded, never overwritten. */
#include <string.h>

#include "internal.h"

#define UPF_TEXT_MAX 4000

static const char *const grades[] = {"good", "acceptable", "improvement_needed",
				     "insufficient", NULL};

/* The scope of an assessment: all (NULL or "all"), or a regime, an
 * assignment or a service area. */
static int parse_scope(upf_db *db, const char *scope, struct upf_subject *s)
{
	memset(s, 0, sizeof *s);
	if (!scope || !strcmp(scope, "all")) {
		s->kind = "all";
		return UPF_OK;
	}
	int status = upf__subject_parse(db, "scope", scope, s);
	if (!status && !strcmp(s->kind, "unit"))
		status = upf__fail(db, UPF_INVALID, "scope '%s': an assessment is of all "
				   "units, a regime, an assignment or a service area",
				   upf__shown(scope));
	return status;
}

/* Binds an assessment's key as (?1 committee, ?2 year, ?3 quality area,
 * ?4 scope, ?5 regime, ?6 assignment or area). */
static void bind_key(sqlite3_stmt *st, sqlite3_int64 committee, int year,
		     sqlite3_int64 area, const struct upf_subject *s)
{
	sqlite3_bind_int64(st, 1, committee);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_int64(st, 3, area);
	sqlite3_bind_text(st, 4, s->kind, -1, SQLITE_STATIC);
	if (!strcmp(s->kind, "regime"))
		sqlite3_bind_text(st, 5, s->code, -1, SQLITE_STATIC);
	else if (strcmp(s->kind, "all"))
		sqlite3_bind_int64(st, 6, s->id);
}

int upf_assessment_set(upf_db *db, const char *committee, int year,
		       const char *quality_area, const char *scope, const char *grade,
		       const char *rationale, const char *on)
{
	struct upf_subject s;
	char day[11];
	sqlite3_int64 committee_id, area_id, new_id = 0;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "committee quality_area grade rationale", committee,
			       quality_area, grade, rationale);
	if (!status)
		status = upf__check_year(db, year);
	if (!status)
		status = upf__check_choice(db, "grade", grade, grades);
	if (!status)
		status = upf__check_prose(db, "rationale", rationale, UPF_TEXT_MAX);
	if (!status)
		status = upf__check_date(db, "on", on, day);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = upf__id_of(db, &committee_id, UPF_E_COMMITTEE, "committee", committee);
	if (!status)
		status = upf__id_of(db, &area_id, UPF_E_QUALITY_AREA, "quality_area",
				    quality_area);
	if (!status)
		status = parse_scope(db, scope, &s);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"INSERT INTO overall_assessment (committee_id, year, quality_area_id, scope, "
		"regime, ref_id, grade, rationale, assessed_on) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	if (!status && !st)
		status = db->status;
	if (!status) {
		bind_key(st, committee_id, year, area_id, &s);
		sqlite3_bind_text(st, 7, grade, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, rationale, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 9, day, -1, SQLITE_STATIC);
		status = upf__step_done(db, st);
		new_id = sqlite3_last_insert_rowid(db->sql);
	}
	/* The one before, of the same key, is superseded by it, and kept. */
	st = status ? NULL : upf__stmt(db,
		"UPDATE overall_assessment SET superseded_by = ?7 "
		"WHERE committee_id = ?1 AND year = ?2 AND quality_area_id = ?3 AND scope = ?4 "
		"AND regime IS ?5 AND ref_id IS ?6 AND superseded_by IS NULL AND id <> ?7");
	if (!status && !st)
		status = db->status;
	if (!status) {
		bind_key(st, committee_id, year, area_id, &s);
		sqlite3_bind_int64(st, 7, new_id);
		status = upf__step_done(db, st);
	}
	return upf__end(db, status);
}

int upf_assessment_history(upf_table **out, upf_db *db, const char *committee, int year,
			   const char *quality_area)
{
	sqlite3_int64 id;
	int status = upf__table_out(db, out);
	if (!status)
		status = upf__need(db, "committee", committee);
	if (!status)
		status = upf__scope_admin(db, "assessments");
	if (!status)
		status = upf__check_year(db, year);
	if (!status)
		status = upf__id_of(db, &id, UPF_E_COMMITTEE, "committee", committee);
	if (!status && quality_area)
		status = upf__id_of(db, &id, UPF_E_QUALITY_AREA, "quality_area", quality_area);
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT a.id, q.code AS quality_area, CASE a.scope WHEN 'all' THEN 'all' "
		"  WHEN 'regime' THEN 'regime:' || a.regime "
		"  WHEN 'assignment' THEN 'assignment:' || (SELECT code FROM assignment "
		"    WHERE id = a.ref_id) "
		"  ELSE 'area:' || (SELECT code FROM service_area WHERE id = a.ref_id) END "
		"  AS scope, a.grade, a.rationale, a.assessed_on, a.superseded_by, "
		"a.superseded_by IS NULL AS current "
		"FROM overall_assessment a JOIN committee c ON c.id = a.committee_id "
		"JOIN quality_area q ON q.id = a.quality_area_id "
		"WHERE c.code = ?1 AND a.year = ?2 AND (?3 IS NULL OR q.code = ?3) "
		"ORDER BY a.id");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, committee, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_text(st, 3, quality_area, -1, SQLITE_STATIC);
	return upf__table_from_stmt(out, db, st);
}
