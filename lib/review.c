/* Instruments (criteria on an answer scale), the reviews that apply them
 * within an activity to a unit, a pseudonymous case or an assignment, and
 * the correction requests a deficiency in a contract review opens. Each
 * criterion is a computed share measure (schema: computed_value). */
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define UPF_TEXT_MAX 2000
#define UPF_NOTE_MAX 500

static const char *const scales[] = {"yes_no", "yes_partly_no",
				     "met_remark_deficiency", NULL};

int upf_instrument_add(upf_db *db, const char *code, const char *name,
		       const char *method, const char *scale)
{
	sqlite3_int64 method_id;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "code name method scale", code, name, method, scale);
	if (!status)
		status = upf__check_code(db, "code", code);
	if (!status)
		status = upf__check_text(db, "name", name, UPF_NAME_MAX);
	if (!status)
		status = upf__check_choice(db, "scale", scale, scales);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = upf__id_of(db, &method_id, UPF_E_METHOD, "method", method);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"INSERT INTO instrument (code, name, method_id, scale) VALUES (?1, ?2, ?3, ?4)");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, method_id);
		sqlite3_bind_text(st, 4, scale, -1, SQLITE_STATIC);
		status = upf__insert_coded(db, st, UPF_E_INSTRUMENT, code);
	}
	return upf__end(db, status);
}

/* The criterion's measure: a share, pooled, of level-3 units per month,
 * higher better, of the criterion's quality area. */
static int add_measure(upf_db *db, const char *measure, sqlite3_int64 criterion,
		       const char *text)
{
	int status = upf__code_free(db, measure);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"INSERT INTO measure (code, name, kind, type, time_rule, level, frequency, "
		"direction, quality_area_id, unit_label, method, description, criterion_id) "
		"SELECT ?1, substr(i.name || ': ' || ?3, 1, 200), 'process', 'share', 'pool', "
		"3, 'month', 'up', c.quality_area_id, 'andel uppfyllda', t.name, "
		"'Andel av granskningarna med ' || i.name || ' där kriteriet är uppfyllt', "
		"c.id FROM criterion c JOIN instrument i ON i.id = c.instrument_id "
		"JOIN method t ON t.id = i.method_id WHERE c.id = ?2");
	if (status || !st)
		return status ? status : db->status;
	sqlite3_bind_text(st, 1, measure, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, criterion);
	sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
	status = upf__step_done(db, st);
	if (!status)
		upf__cache_invalidate(db);
	return status;
}

int upf_criterion_add(upf_db *db, const char *instrument, const char *code,
		      const char *text, const char *quality_area)
{
	sqlite3_int64 instrument_id, area_id = 0;
	char measure[UPF_CODE_MAX + 16];
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "instrument code text", instrument, code, text);
	if (!status)
		status = upf__check_code(db, "code", code);
	if (!status)
		status = upf__check_prose(db, "text", text, 1000);
	if (!status)
		status = upf__check_code(db, "instrument", instrument);
	snprintf(measure, sizeof measure, "REV-%s-%s", instrument, code);
	if (!status && strlen(measure) > UPF_CODE_MAX)
		status = upf__fail(db, UPF_INVALID, "code '%s': its measure '%s' would be "
				   "longer than %d characters", code, measure, UPF_CODE_MAX);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = upf__id_of(db, &instrument_id, UPF_E_INSTRUMENT, "instrument", instrument);
	if (!status && quality_area)
		status = upf__id_of(db, &area_id, UPF_E_QUALITY_AREA, "quality_area",
				    quality_area);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"INSERT INTO criterion (instrument_id, code, text, quality_area_id) "
		"VALUES (?1, ?2, ?3, ?4)");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, instrument_id);
		sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
		if (area_id > 0)
			sqlite3_bind_int64(st, 4, area_id);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		status = rc == SQLITE_DONE ? UPF_OK
			 : rc == SQLITE_CONSTRAINT_UNIQUE
				 ? upf__fail(db, UPF_EXISTS, "code: instrument '%s' has a "
					     "criterion '%s' already", instrument, code)
				 : upf__sqlfail(db, rc);
	}
	if (!status)
		status = add_measure(db, measure, sqlite3_last_insert_rowid(db->sql), text);
	return upf__end(db, status);
}

int upf_instrument_list(upf_table **out, upf_db *db)
{
	return upf__list(out, db,
		"SELECT i.code, i.name, t.code AS method, i.scale, "
		"(SELECT count(*) FROM criterion WHERE instrument_id = i.id) AS criteria, "
		"(SELECT count(*) FROM review WHERE instrument_id = i.id) AS reviews "
		"FROM instrument i JOIN method t ON t.id = i.method_id ORDER BY i.code");
}

int upf_instrument_show(upf_table **out, upf_db *db, const char *code)
{
	sqlite3_int64 id;
	int status = upf__table_out(db, out);
	if (!status)
		status = upf__id_of(db, &id, UPF_E_INSTRUMENT, "code", code);
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT c.code AS criterion, c.text, q.code AS quality_area, "
		"m.code AS measure FROM criterion c "
		"LEFT JOIN quality_area q ON q.id = c.quality_area_id "
		"LEFT JOIN measure m ON m.criterion_id = c.id "
		"WHERE c.instrument_id = ?1 ORDER BY c.id");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, id);
	return upf__table_from_stmt(out, db, st);
}

/* ---- Reviews ------------------------------------------------------------ */

/* The activity a review belongs to: it exists and is not cancelled. */
static int review_activity(upf_db *db, const char *code, sqlite3_int64 *id)
{
	int status = upf__id_of(db, id, UPF_E_ACTIVITY, "activity", code);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT status = 'cancelled' FROM activity WHERE id = ?1");
	sqlite3_int64 cancelled = 0;
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, *id);
		status = upf__step_int(db, st, &cancelled);
	}
	if (!status && cancelled == 1)
		status = upf__refuse(db, UPF_DETAIL_OUT_OF_ORDER, "activity '%s': "
				     "cancelled; it takes no reviews", code);
	return status;
}

/* A unit's review: a level-3 unit active on the day, in the scope. */
static int review_unit(upf_db *db, sqlite3_int64 activity, const char *code,
		       const char *activity_code, const char *day, sqlite3_int64 *id)
{
	struct upf_unit_ref u;
	struct upf_place at;
	sqlite3_int64 in_scope;
	int status = upf__unit_ref(db, &u, "unit", code);
	if (!status)
		status = upf__unit_at(db, &at, u.id, day, day);
	if (!status && u.level != 3)
		status = upf__refuse(db, UPF_DETAIL_WRONG_LEVEL, "unit '%s': a level-2 unit; "
				     "reviews are of level-3 units", code);
	if (!status && !at.active)
		status = upf__refuse(db, UPF_DETAIL_NOT_ACTIVE, "unit '%s': not active on %s",
				     code, day);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT count(*) FROM activity_unit WHERE activity_id = ?1 AND unit_id = ?2");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, activity);
		sqlite3_bind_int64(st, 2, u.id);
		status = upf__step_int(db, st, &in_scope);
	}
	if (!status && in_scope < 1)
		status = upf__refuse(db, UPF_DETAIL_OUT_OF_SCOPE, "unit '%s': outside the "
				     "scope of activity '%s'", code, activity_code);
	*id = u.id;
	return status;
}

/* A contract's review: an assignment of the plan's committee whose units
 * the scope takes in, or that the scope names. */
static int review_assignment(upf_db *db, sqlite3_int64 activity, const char *code,
			     const char *activity_code, sqlite3_int64 *id)
{
	sqlite3_int64 in_scope;
	int status = upf__id_of(db, id, UPF_E_ASSIGNMENT, "assignment", code);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT EXISTS (SELECT 1 FROM activity_scope WHERE activity_id = ?1 "
		"  AND kind = 'assignment' AND ref_id = ?2) "
		"OR EXISTS (SELECT 1 FROM activity_span WHERE activity_id = ?1 "
		"  AND assignment_id = ?2)");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, activity);
		sqlite3_bind_int64(st, 2, *id);
		status = upf__step_int(db, st, &in_scope);
	}
	if (!status && in_scope < 1)
		status = upf__refuse(db, UPF_DETAIL_OUT_OF_SCOPE, "assignment '%s': outside "
				     "the scope of activity '%s'", code, activity_code);
	return status;
}

/* The subject, checked; inside the caller's transaction. */
static int check_subject(upf_db *db, sqlite3_int64 activity, const char *activity_code,
			 const char *unit, const char *assignment, const char *case_key,
			 const char *day, sqlite3_int64 *unit_id,
			 sqlite3_int64 *assignment_id)
{
	*unit_id = *assignment_id = 0;
	if (!!unit == !!assignment)
		return upf__fail(db, UPF_INVALID, "unit: give a unit or an assignment, "
				 "one of them");
	if (case_key && !unit)
		return upf__fail(db, UPF_INVALID, "case '%s': a case is reviewed within a "
				 "unit", upf__shown(case_key));
	return unit ? review_unit(db, activity, unit, activity_code, day, unit_id)
		    : review_assignment(db, activity, assignment, activity_code,
					assignment_id);
}

/* Whether a text holds a date as a birth date is written: YYYY-MM-DD,
 * YYYYMMDD or YYMMDD (a run of exactly those digits). */
static int holds_date(const char *s)
{
	for (const char *p = s; *p; p++) {
		char day[11];
		size_t digits = strspn(p, "0123456789");
		if (digits == 8 || digits == 6) {
			/* YYMMDD is read in a leap century: 29 February is a day. */
			snprintf(day, sizeof day, "%.2s%.2s-%.2s-%.2s", digits == 8 ? p : "20",
				 digits == 8 ? p + 2 : p, p + digits - 4, p + digits - 2);
			if (upf__date_valid(day))
				return 1;
		}
		if (digits == 4 && p[4] == '-' && strlen(p) >= 10) {
			snprintf(day, sizeof day, "%.10s", p);
			if (upf__date_valid(day))
				return 1;
		}
		p += digits ? digits - 1 : 0;
	}
	return 0;
}

/* A case is the municipality's own reference: a code, and neither a
 * personal identity number nor a date of birth. */
static int check_case(upf_db *db, const char *key)
{
	int status = upf__check_code(db, "case", key);
	if (!status && holds_date(key))
		status = upf__fail(db, UPF_INVALID, "case: looks like a date of birth; "
				   "give your own case reference (such as GP-0042)");
	return status;
}

int upf__review_insert(upf_db *db, long long *id, const char *activity,
		       const char *instrument, const char *unit, const char *assignment,
		       const char *case_key, const char *on)
{
	char day[11];
	sqlite3_int64 activity_id, instrument_id, unit_id, assignment_id;
	int status = upf__check_date(db, "on", on, day);
	if (!status && case_key)
		status = check_case(db, case_key);
	if (!status)
		status = review_activity(db, activity, &activity_id);
	if (!status)
		status = upf__id_of(db, &instrument_id, UPF_E_INSTRUMENT, "instrument",
				    instrument);
	if (!status)
		status = check_subject(db, activity_id, activity, unit, assignment, case_key,
				       day, &unit_id, &assignment_id);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"INSERT INTO review (id, activity_id, instrument_id, unit_id, assignment_id, "
		"case_key, reviewed_on) VALUES (" UPF_NEXT_ID("review") ", ?1, ?2, ?3, ?4, ?5, "
		"?6)");
	if (!status && !st)
		status = db->status;
	if (status)
		return status;
	sqlite3_bind_int64(st, 1, activity_id);
	sqlite3_bind_int64(st, 2, instrument_id);
	if (unit_id > 0)
		sqlite3_bind_int64(st, 3, unit_id);
	if (assignment_id > 0)
		sqlite3_bind_int64(st, 4, assignment_id);
	sqlite3_bind_text(st, 5, case_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, day, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT_UNIQUE)
		return upf__fail(db, UPF_EXISTS, "%s '%s'%s%s: reviewed with '%s' in "
				 "activity '%s' already", unit ? "unit" : "assignment",
				 unit ? unit : assignment, case_key ? ", case " : "",
				 case_key ? case_key : "", instrument, activity);
	if (rc != SQLITE_DONE)
		return upf__sqlfail(db, rc);
	*id = sqlite3_last_insert_rowid(db->sql);
	return UPF_OK;
}

int upf_review_add(long long *id, upf_db *db, const char *activity,
		   const char *instrument, const char *unit, const char *assignment,
		   const char *case_key, const char *on)
{
	long long new_id = 0;
	if (id)
		*id = 0;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "activity instrument", activity, instrument);
	if (!status && !(status = upf__write_begin_provider(db)))
		status = upf__end(db, upf__review_insert(db, &new_id, activity, instrument,
							  unit, assignment, case_key, on));
	if (id && !status)
		*id = new_id;
	return status;
}

/* A deficiency in a review of an assignment opens a correction request to
 * its provider, once per criterion. */
static int open_correction(upf_db *db, sqlite3_int64 review, sqlite3_int64 criterion,
			   const char *note, const char *due)
{
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO correction (id, review_id, criterion_id, provider_id, text, "
		"opened_on, due) SELECT " UPF_NEXT_ID("correction") ", r.id, c.id, a.provider_id, "
		"c.text || coalesce(': ' || ?3, ''), r.reviewed_on, "
		"coalesce(?4, date(r.reviewed_on, '+30 days')) "
		"FROM review r JOIN assignment a ON a.id = r.assignment_id "
		"JOIN criterion c ON c.id = ?2 WHERE r.id = ?1 "
		"ON CONFLICT (review_id, criterion_id) DO NOTHING");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, review);
	sqlite3_bind_int64(st, 2, criterion);
	sqlite3_bind_text(st, 3, note, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, due, -1, SQLITE_STATIC);
	return upf__step_done(db, st);
}

/* The criterion of the review's instrument, and whether the answer is of
 * its scale (na always is): *counts receives what it counts as. */
static int check_answer(upf_db *db, sqlite3_int64 review, const char *criterion,
			const char *answer, sqlite3_int64 *criterion_id, char counts[12])
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT c.id, i.scale, (SELECT counts FROM scale_answer s "
		"  WHERE s.scale = i.scale AND s.answer = ?3), "
		"(SELECT group_concat(answer, ', ') FROM scale_answer s WHERE s.scale = i.scale) "
		"FROM review r JOIN instrument i ON i.id = r.instrument_id "
		"LEFT JOIN criterion c ON c.instrument_id = i.id AND c.code = ?2 "
		"WHERE r.id = ?1 AND " UPF_SCOPE_SUBJECT("r.unit_id", "r.assignment_id"));
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, review);
	sqlite3_bind_text(st, 2, criterion, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, answer, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st), status = UPF_OK;
	if (rc == SQLITE_DONE)
		status = upf__fail(db, UPF_NOTFOUND, "review: no review %s%s",
				   upf__shown_id(review, (char[24]){0}), upf__scope_where(db));
	else if (rc != SQLITE_ROW)
		status = upf__sqlfail(db, rc);
	else if (sqlite3_column_type(st, 0) == SQLITE_NULL)
		status = upf__fail(db, UPF_NOTFOUND, "criterion: unknown criterion '%s' of "
				   "the review's instrument", upf__shown(criterion));
	else if (sqlite3_column_type(st, 2) == SQLITE_NULL)
		status = upf__fail(db, UPF_INVALID, "answer '%s': must be one of %s",
				   upf__shown(answer), sqlite3_column_text(st, 3));
	else {
		*criterion_id = sqlite3_column_int64(st, 0);
		snprintf(counts, 12, "%s", sqlite3_column_text(st, 2));
	}
	sqlite3_reset(st);
	return status;
}

int upf__review_record(upf_db *db, long long review, const char *criterion,
		       const char *answer, const char *note, const char *due)
{
	sqlite3_int64 criterion_id = 0;
	char counts[12] = "";
	int status = upf__check_code(db, "criterion", criterion);
	if (!status && note && *note)
		status = upf__check_prose(db, "note", note, UPF_NOTE_MAX);
	if (!status && due)
		status = upf__check_date(db, "due", due, NULL);
	if (!status)
		status = check_answer(db, review, criterion, answer, &criterion_id, counts);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"INSERT INTO review_answer (review_id, criterion_id, answer, note) "
		"VALUES (?1, ?2, ?3, ?4) ON CONFLICT (review_id, criterion_id) DO UPDATE "
		"SET answer = excluded.answer, note = excluded.note");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, review);
		sqlite3_bind_int64(st, 2, criterion_id);
		sqlite3_bind_text(st, 3, answer, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, note && *note ? note : NULL, -1, SQLITE_STATIC);
		status = upf__step_done(db, st);
	}
	if (!status && !strcmp(answer, "deficiency"))
		status = open_correction(db, review, criterion_id, note && *note ? note : NULL,
					 due);
	return status;
}

int upf_review_answer(upf_db *db, long long review, const char *criterion,
		      const char *answer, const char *note, const char *due)
{
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "criterion answer", criterion, answer);
	if (status || (status = upf__write_begin_provider(db)))
		return status;
	return upf__end(db, upf__review_record(db, review, criterion, answer, note, due));
}

static const char *const review_keys[] = {"activity", "instrument", "unit", NULL};

int upf_review_list(upf_table **out, upf_db *db, const char *params_json)
{
	struct upf_opts o;
	sqlite3_int64 id;
	int status = upf__table_out(db, out);
	if (!status)
		status = upf__opts_parse(db, "params", params_json, review_keys, &o);
	if (status)
		return status;
	if (upf__opt(&o, "activity"))
		status = upf__id_of(db, &id, UPF_E_ACTIVITY, "activity", upf__opt(&o, "activity"));
	if (!status && upf__opt(&o, "instrument"))
		status = upf__id_of(db, &id, UPF_E_INSTRUMENT, "instrument",
				    upf__opt(&o, "instrument"));
	if (!status && upf__opt(&o, "unit"))
		status = upf__id_of(db, &id, UPF_E_UNIT, "unit", upf__opt(&o, "unit"));
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT r.id, a.code AS activity, i.code AS instrument, u.code AS unit, "
		"g.code AS assignment, r.case_key AS \"case\", r.reviewed_on, "
		"count(x.criterion_id) AS answers, sum(s.counts = 'positive') AS positive, "
		"sum(s.counts = 'middle') AS middle, sum(s.counts = 'negative') AS negative, "
		"sum(s.counts = 'na') AS na "
		"FROM review r JOIN activity a ON a.id = r.activity_id "
		"JOIN instrument i ON i.id = r.instrument_id "
		"LEFT JOIN unit u ON u.id = r.unit_id "
		"LEFT JOIN assignment g ON g.id = r.assignment_id "
		"LEFT JOIN review_answer x ON x.review_id = r.id "
		"LEFT JOIN scale_answer s ON s.scale = i.scale AND s.answer = x.answer "
		"WHERE (?1 IS NULL OR a.code = ?1) AND (?2 IS NULL OR i.code = ?2) "
		"AND (?3 IS NULL OR u.code = ?3) "
		"AND " UPF_SCOPE_SUBJECT("r.unit_id", "r.assignment_id") " "
		"GROUP BY r.id ORDER BY r.id");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_text(st, 1, upf__opt(&o, "activity"), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, upf__opt(&o, "instrument"), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, upf__opt(&o, "unit"), -1, SQLITE_STATIC);
		status = upf__table_from_stmt(out, db, st);
	}
	upf__opts_free(&o);
	return status;
}

/* ---- Correction requests ------------------------------------------------- */

static const char *const correction_keys[] = {"open", "provider", NULL};

int upf_correction_list(upf_table **out, upf_db *db, const char *params_json)
{
	struct upf_opts o;
	sqlite3_int64 id;
	char today[11];
	int status = upf__table_out(db, out);
	if (!status)
		status = upf__opts_parse(db, "params", params_json, correction_keys, &o);
	if (status)
		return status;
	if (upf__opt(&o, "provider"))
		status = upf__id_of(db, &id, UPF_E_PROVIDER, "provider", upf__opt(&o, "provider"));
	upf__today(db, today);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT k.id, p.code AS provider, g.code AS assignment, k.review_id AS review, "
		"c.code AS criterion, k.text, k.opened_on, k.due, k.replied_on, k.reply, "
		"k.verified_on, CASE WHEN k.verified_on IS NOT NULL THEN 'verified' "
		"  WHEN k.replied_on IS NOT NULL THEN 'replied' ELSE 'open' END AS status, "
		"(k.verified_on IS NULL AND k.due < ?3) AS overdue "
		"FROM correction k JOIN provider p ON p.id = k.provider_id "
		"JOIN review r ON r.id = k.review_id "
		"JOIN assignment g ON g.id = r.assignment_id "
		"JOIN criterion c ON c.id = k.criterion_id "
		"WHERE (NOT ?1 OR k.verified_on IS NULL) AND (?2 IS NULL OR p.code = ?2) "
		"AND (upf_scope() IS NULL OR k.provider_id = upf_scope()) ORDER BY k.id");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int(st, 1, upf__opt_true(&o, "open"));
		sqlite3_bind_text(st, 2, upf__opt(&o, "provider"), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, today, -1, SQLITE_TRANSIENT);
		status = upf__table_from_stmt(out, db, st);
	}
	upf__opts_free(&o);
	return status;
}

/* A step of a correction request: the request loaded, the day not before
 * it was opened (or replied to), not once it is verified. */
static int correction_step(upf_db *db, long long id, const char *on, const char *text,
			   const char *sql, int verify)
{
	char day[11];
	int status = upf__check_date(db, "on", on, day);
	if (!status && text)
		status = upf__check_prose(db, "reply", text, UPF_TEXT_MAX);
	/* The provider replies; the administration verifies. */
	if (!status)
		status = verify ? upf__write_begin(db) : upf__write_begin_provider(db);
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT opened_on, replied_on, verified_on FROM correction WHERE id = ?1 "
		"AND (upf_scope() IS NULL OR provider_id = upf_scope())");
	if (!st)
		return upf__end(db, db->status);
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	const char *opened = NULL, *replied = NULL;
	if (rc == SQLITE_DONE)
		status = upf__fail(db, UPF_NOTFOUND, "id: no correction request %s%s",
				   upf__shown_id(id, (char[24]){0}), upf__scope_where(db));
	else if (rc != SQLITE_ROW)
		status = upf__sqlfail(db, rc);
	else if (sqlite3_column_type(st, 2) != SQLITE_NULL)
		status = upf__refuse(db, UPF_DETAIL_CLOSED, "correction request %lld: "
				     "verified already, on %s", id, sqlite3_column_text(st, 2));
	else if (!(status = upf__column(db, st, 0, &opened)) &&
		 !(status = upf__column(db, st, 1, &replied)) &&
		 !(status = upf__not_before(db, day, opened, "the request was opened")) &&
		 verify)
		status = upf__not_before(db, day, replied, "the provider replied");
	sqlite3_reset(st);
	st = status ? NULL : upf__stmt(db, sql);
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
		status = upf__step_done(db, st);
	}
	return upf__end(db, status);
}

int upf_correction_reply(upf_db *db, long long id, const char *on, const char *reply)
{
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "reply", reply);
	return status ? status : correction_step(db, id, on, reply,
		"UPDATE correction SET replied_on = ?2, reply = ?3 WHERE id = ?1", 0);
}

int upf_correction_verify(upf_db *db, long long id, const char *on)
{
	if (!db)
		return UPF_MISUSE;
	return correction_step(db, id, on, NULL,
		"UPDATE correction SET verified_on = ?2 WHERE id = ?1", 1);
}
