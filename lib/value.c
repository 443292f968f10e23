/* Values: measure x unit x period. One value is checked and written here,
 * whether it comes alone (upf_value_set) or in a batch (batch.c). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define UPF_NOTE_MAX 500

static int ymd(int month, int day)
{
	return month / 12 * 10000 + (month % 12 + 1) * 100 + day;
}

static int check_place(upf_db *db, const struct upf_cached_measure *m,
		       const struct upf_cached_unit *u, const char *measure,
		       const char *unit, const char *period, int from, int to)
{
	if (to - from + 1 != m->months || from % m->months)
		return upf__fail(db, UPF_INVALID,
				 "period '%s': measure '%s' is recorded per %s",
				 upf__shown(period), measure, m->frequency);
	if (u->level != m->level)
		return upf__refuse(db, UPF_DETAIL_WRONG_LEVEL,
				 "unit '%s': a level-%d unit; measure '%s' is "
				 "recorded at level %d",
				 unit, u->level, measure, m->level);
	if (!upf__cache_active(db, u, ymd(from, 1), ymd(to, 31)))
		return upf__refuse(db, UPF_DETAIL_NOT_ACTIVE, "unit '%s': not active during %s",
				 unit, upf__shown(period));
	return UPF_OK;
}

/* The rules of each type. A share's value is a count out of den; a mean's
 * den is its number of observations. */
static int check_number(upf_db *db, const struct upf_cached_measure *m,
			const char *measure, double v, const double *den)
{
	int k = m->kind, needs_den = k == UPF_T_SHARE || k == UPF_T_MEAN;
	int status = upf__check_number(db, "value", v);
	if (!status && den)
		status = upf__check_number(db, "denominator", *den);
	if (status)
		return status;
	if (needs_den && !den)
		return upf__fail(db, UPF_INVALID,
				 "denominator: missing; measure '%s' is of type %s",
				 measure, m->type);
	if (!needs_den && den)
		return upf__fail(db, UPF_INVALID,
				 "denominator '%.15g': not allowed; measure '%s' "
				 "is of type %s", *den, measure, m->type);
	if (den && *den <= 0)
		return upf__fail(db, UPF_INVALID,
				 "denominator '%.15g': must be greater than 0", *den);
	if (k == UPF_T_MEAN && *den != floor(*den))
		return upf__fail(db, UPF_INVALID,
				 "denominator '%.15g': the number of observations "
				 "must be whole", *den);
	if (k == UPF_T_COUNT && (v < 0 || v != floor(v)))
		return upf__fail(db, UPF_INVALID,
				 "value '%.15g': a count must be a whole number, "
				 "0 or more", v);
	if (k == UPF_T_YESNO && v != 0 && v != 1)
		return upf__fail(db, UPF_INVALID,
				 "value '%.15g': a yes/no value must be 0 or 1", v);
	if (k == UPF_T_SHARE && (v < 0 || v > *den))
		return upf__fail(db, UPF_INVALID,
				 "value '%.15g': a share's count must be 0 to its "
				 "denominator %.15g", v, *den);
	return UPF_OK;
}

/* Runs the writer's INSERT or UPDATE, bound as (?1 measure, ?2 start,
 * ?3 unit, ?4 value, ?5 den, ?6 note, ?7 batch, ?8 line, ?9 1 to clear
 * the note). UPF_EXISTS: the INSERT found the value there already. */
static int write_value(upf_db *db, sqlite3_stmt *st, const struct upf_value_writer *w,
		       sqlite3_int64 measure, int start, sqlite3_int64 unit,
		       double value, const double *den, const char *note, int line)
{
	sqlite3_bind_int64(st, 1, measure);
	sqlite3_bind_int(st, 2, start);
	sqlite3_bind_int64(st, 3, unit);
	sqlite3_bind_double(st, 4, value);
	if (den)
		sqlite3_bind_double(st, 5, *den);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_text(st, 6, note && *note ? note : NULL, -1, SQLITE_STATIC);
	if (w->batch)
		sqlite3_bind_int64(st, 7, w->batch);
	else
		sqlite3_bind_null(st, 7);
	if (line > 0)
		sqlite3_bind_int(st, 8, line);
	else
		sqlite3_bind_null(st, 8);
	sqlite3_bind_int(st, 9, note && !*note);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return UPF_OK;
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return UPF_EXISTS;
	return upf__sqlfail(db, rc);
}

/* The UPDATE changed nothing: the batch wrote this key already. */
static int duplicate(upf_db *db, sqlite3_int64 measure, int start,
		     sqlite3_int64 unit, const char *measure_code,
		     const char *unit_code, const char *period)
{
	sqlite3_int64 first;
	sqlite3_stmt *st = upf__stmt(db, "SELECT line FROM value WHERE measure_id = ?1 "
				     "AND start = ?2 AND unit_id = ?3");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, measure);
	sqlite3_bind_int(st, 2, start);
	sqlite3_bind_int64(st, 3, unit);
	int status = upf__step_int(db, st, &first);
	if (status)
		return status;
	if (first > 0)
		return upf__refuse(db, UPF_DETAIL_DUPLICATE, "measure '%s', unit '%s', "
				   "period '%s': also on line %lld", measure_code,
				   unit_code, upf__shown(period), (long long)first);
	return upf__refuse(db, UPF_DETAIL_DUPLICATE, "measure '%s', unit '%s', "
			   "period '%s': added twice in this batch", measure_code,
			   unit_code, upf__shown(period));
}

static int audit_insert(upf_db *db, const char *measure, const char *unit,
			int start, int months, double value, const double *den,
			const char *note)
{
	char label[16];
	upf__period_label(start, months, label);
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), "
		"'value', 'insert', ?1 || '/' || ?2 || '/' || ?3, "
		"upf_audit_row('value', ?4, 'denominator', ?5, 'note', ?6))");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, measure, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, unit, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, label, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 4, value);
	if (den)
		sqlite3_bind_double(st, 5, *den);
	sqlite3_bind_text(st, 6, note, -1, SQLITE_STATIC);
	return upf__step_done(db, st);
}

int upf__value_writer(upf_db *db, struct upf_value_writer *w, int audit_new,
		      sqlite3_int64 batch)
{
	w->audit_new = audit_new;
	w->batch = batch;
	/* A plain INSERT, and an UPDATE only where the value exists: an upsert
	 * would make every insert carry the update trigger's machinery. A note
	 * left out keeps the one there; an empty one clears it. The UPDATE of
	 * a batch leaves a value the batch wrote itself alone, so that a key
	 * given twice is found. */
	w->insert = upf__stmt(db,
		"INSERT INTO value (measure_id, start, unit_id, value, den, note, "
		"batch, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	w->update = w->insert ? upf__stmt(db,
		"UPDATE value SET value = ?4, den = ?5, "
		"note = iif(?9, NULL, coalesce(?6, note)), batch = ?7, line = ?8 "
		"WHERE measure_id = ?1 AND start = ?2 AND unit_id = ?3 "
		"AND (?7 IS NULL OR batch IS NOT ?7)") : NULL;
	return w->update ? upf__cache_fill(db) : db->status;
}

int upf__value_record(upf_db *db, const struct upf_value_writer *w, int line,
		      const char *measure, const char *unit, const char *period,
		      double value, const double *den, const char *note)
{
	const struct upf_cached_measure *m = NULL;
	const struct upf_cached_unit *u = NULL;
	int from, to;
	int status = upf__cache_measure(db, measure, &m);
	if (!status && m->computed)
		status = upf__refuse(db, UPF_DETAIL_COMPUTED, "measure '%s': computed from "
				   "deviations; its values are not recorded", measure);
	if (!status)
		status = upf__period_parse(db, "period", period, &from, &to);
	if (!status)
		status = upf__cache_unit(db, unit, &u);
	if (!status)
		status = check_place(db, m, u, measure, unit, period, from, to);
	if (!status)
		status = check_number(db, m, measure, value, den);
	if (!status && note && *note)
		status = upf__check_prose(db, "note", note, UPF_NOTE_MAX);
	if (status)
		return status;
	status = write_value(db, w->insert, w, m->id, from, u->id, value, den, note,
			     line);
	/* A replaced value is recorded by the update trigger; a new one here,
	 * unless the batch records its count instead. */
	if (status == UPF_EXISTS) {
		status = write_value(db, w->update, w, m->id, from, u->id, value, den,
				     note, line);
		if (!status && sqlite3_changes(db->sql) == 0)
			status = duplicate(db, m->id, from, u->id, measure, unit, period);
		return status;
	}
	if (!status && w->audit_new)
		status = audit_insert(db, measure, unit, from, m->months, value, den, note);
	return status;
}

int upf_value_set(upf_db *db, const char *measure, const char *unit,
		  const char *period, double value, const double *den,
		  const char *note)
{
	struct upf_value_writer w;
	if (!db)
		return UPF_MISUSE;
	int need = upf__need(db, "measure unit period", measure, unit, period);
	if (need)
		return need;
	int status = upf__write_begin(db);
	if (status)
		return status;
	status = upf__value_writer(db, &w, 1, 0);
	if (!status)
		status = upf__value_record(db, &w, 0, measure, unit, period, value, den,
					   note);
	return upf__end(db, status);
}

int upf_value_delete(upf_db *db, const char *measure, const char *unit,
		     const char *period)
{
	sqlite3_int64 measure_id, unit_id;
	int from, to;
	if (!db)
		return UPF_MISUSE;
	int need = upf__need(db, "measure unit period", measure, unit, period);
	if (need)
		return need;
	int status = upf__period_parse(db, "period", period, &from, &to);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = upf__id_of(db, &measure_id, UPF_E_MEASURE, "measure", measure);
	if (!status)
		status = upf__id_of(db, &unit_id, UPF_E_UNIT, "unit", unit);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"DELETE FROM value WHERE measure_id = ?1 AND unit_id = ?2 "
		"AND start = ?3 AND ?4 = start + (SELECT f.months FROM measure m "
		"JOIN frequency f ON f.code = m.frequency WHERE m.id = ?1) - 1");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, measure_id);
		sqlite3_bind_int64(st, 2, unit_id);
		sqlite3_bind_int(st, 3, from);
		sqlite3_bind_int(st, 4, to);
		status = upf__step_done(db, st);
	}
	if (!status && sqlite3_changes(db->sql) == 0)
		status = upf__fail(db, UPF_NOTFOUND,
				   "period '%s': no value of measure '%s' for "
				   "unit '%s'", upf__shown(period), measure, unit);
	return upf__end(db, status);
}

int upf_value_list(upf_table **out, upf_db *db, const char *measure,
		   const char *unit, const char *period)
{
	int from = 0, to = 0;
	int status = upf__table_out(db, out);
	if (status)
		return status;
	status = period ? upf__period_parse(db, "period", period, &from, &to)
			    : UPF_OK;
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT v.measure, v.unit, v.period, v.value, v.denominator, v.note, "
		"x.batch, x.line FROM value_labelled v "
		"JOIN value x ON x.measure_id = v.measure_id AND x.start = v.start "
		"AND x.unit_id = v.unit_id "
		"JOIN measure m ON m.id = v.measure_id "
		"JOIN frequency f ON f.code = m.frequency "
		"WHERE (?1 IS NULL OR v.measure = ?1) AND (?2 IS NULL OR v.unit = ?2) "
		"AND (?3 IS NULL OR (v.start >= ?3 AND v.start + f.months - 1 <= ?4)) "
		"ORDER BY v.measure, v.start, v.unit");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, measure, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, unit, -1, SQLITE_STATIC);
	if (period) {
		sqlite3_bind_int(st, 3, from);
		sqlite3_bind_int(st, 4, to);
	}
	return upf__table_from_stmt(out, db, st);
}
