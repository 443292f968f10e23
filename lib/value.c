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

/* The refusal of a value for a unit in an area where its measure does
 * not apply, naming the area. */
static int not_applicable(upf_db *db, sqlite3_int64 area_id, const char *measure,
			  const char *unit)
{
	char *area = NULL;
	sqlite3_stmt *st = upf__stmt(db, "SELECT code FROM service_area WHERE id = ?1");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, area_id);
	int status = upf__step_text(db, st, &area);
	if (!status)
		status = upf__refuse(db, UPF_DETAIL_NOT_APPLICABLE,
				     "unit '%s': in service area '%s', where measure "
				     "'%s' does not apply", unit, area ? area : "?",
				     measure);
	upf_free(area);
	return status;
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
	if (from >= m->retired_from)
		return upf__refuse(db, UPF_DETAIL_RETIRED,
				   "period '%s': measure '%s' is retired from "
				   "%04d-%02d", upf__shown(period), measure,
				   m->retired_from / 12, m->retired_from % 12 + 1);
	if (!upf__cache_active(db, u, ymd(from, 1), ymd(to, 31)))
		return upf__refuse(db, UPF_DETAIL_NOT_ACTIVE, "unit '%s': not active during %s",
				 unit, upf__shown(period));
	/* Placed, as the reports place it, where it stood at the period's end. */
	sqlite3_int64 area = upf__cache_area_at(db, u, ymd(to, 31));
	if (!upf__cache_applies(db, m, area))
		return not_applicable(db, area, measure, unit);
	const struct upf_lock *lock = upf__cache_lock(db, u, from, to);
	return lock ? upf__locked(db, lock, unit, period) : UPF_OK;
}

/* A unit's figure as ranges and rules see it: a share's percentage, else
 * the value. */
static double figure(const struct upf_cached_measure *m, double v, const double *den)
{
	return m->kind == UPF_T_SHARE ? 100.0 * v / *den : v;
}

/* Outside the plausible range: refused, or recorded flagged (*flagged)
 * when the writer confirms. */
static int check_range(upf_db *db, const struct upf_value_writer *w,
		       const struct upf_cached_measure *m, const char *measure,
		       double v, const double *den, int *flagged)
{
	double f = figure(m, v, den);
	*flagged = (m->has_min && f < m->min) || (m->has_max && f > m->max);
	if (!*flagged || (w->flags & UPF_WRITE_CONFIRM))
		return UPF_OK;
	char lo[32] = "", hi[32] = "";
	if (m->has_min)
		snprintf(lo, sizeof lo, "%.15g", m->min);
	if (m->has_max)
		snprintf(hi, sizeof hi, "%.15g", m->max);
	return upf__refuse(db, UPF_DETAIL_OUT_OF_RANGE,
			   "value '%.15g': outside the plausible range %s..%s of "
			   "measure '%s'; confirm to record it", f, lo, hi, measure);
}

/* The error rules the value would break, with the other side's value of
 * the same unit and period as recorded. */
static int check_rules(upf_db *db, const struct upf_cached_measure *m,
		       const char *measure, sqlite3_int64 unit, int start, double f)
{
	char *broken = NULL;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT r.code || ' (' || lm.code || ' ' || r.op || ' ' || rm.code "
		"  || '; ' || om.code || ' is ' || printf('%.15g', o.fig) || ')' "
		"FROM rule r JOIN measure lm ON lm.id = r.left_id "
		"JOIN measure rm ON rm.id = r.right_id "
		"JOIN value_figure o ON o.measure_id = iif(r.left_id = ?1, r.right_id, r.left_id) "
		"  AND o.unit_id = ?2 AND o.start = ?3 "
		"JOIN measure om ON om.id = o.measure_id "
		"WHERE r.severity = 'error' AND ?1 IN (r.left_id, r.right_id) "
		"  AND NOT upf_holds(iif(r.left_id = ?1, ?4, o.fig), r.op, "
		"    iif(r.left_id = ?1, o.fig, ?4)) "
		"ORDER BY r.code LIMIT 1");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, m->id);
	sqlite3_bind_int64(st, 2, unit);
	sqlite3_bind_int(st, 3, start);
	sqlite3_bind_double(st, 4, f);
	int status = upf__step_text(db, st, &broken);
	if (!status && broken)
		status = upf__refuse(db, UPF_DETAIL_RULE, "value '%.15g': breaks rule %s "
				     "of measure '%s'", f, broken, measure);
	upf_free(broken);
	return status;
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

/* Binds what every write of a value has: ?1 measure, ?2 start, ?3 unit
 * (of db->writing), ?4 value, ?5 den. */
static void bind_value(sqlite3_stmt *st, const struct upf_value_key *k, double value,
		       const double *den)
{
	sqlite3_bind_int64(st, 1, k->measure);
	sqlite3_bind_int(st, 2, k->start);
	sqlite3_bind_int64(st, 3, k->unit);
	sqlite3_bind_double(st, 4, value);
	if (den)
		sqlite3_bind_double(st, 5, *den);
	else
		sqlite3_bind_null(st, 5);
}

/* Steps a bound write. UPF_EXISTS: an INSERT found the value there
 * already. */
static int step_write(upf_db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return UPF_OK;
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return UPF_EXISTS;
	return upf__sqlfail(db, rc);
}

/* Runs the writer's INSERT or an UPDATE, bound as bind_value does and
 * (?6 note, ?7 batch, ?8 line, ?9 1 to clear the note, ?10 flagged). */
static int write_value(upf_db *db, sqlite3_stmt *st, const struct upf_value_writer *w,
		       double value, const double *den, const char *note, int line,
		       int flagged)
{
	bind_value(st, &db->writing, value, den);
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
	sqlite3_bind_int(st, 10, flagged);
	return step_write(db, st);
}

/* A value of a batch without a note or a flag, as batches and imports
 * write most: the columns it has are bound (?7 line; ?6, the batch, once
 * for the batch by upf__value_writer), the others take their defaults,
 * a tenth less work a value than binding all ten. */
static int insert_plain(upf_db *db, const struct upf_value_writer *w, double value,
			const double *den, int line)
{
	sqlite3_stmt *st = w->insert_plain;
	bind_value(st, &db->writing, value, den);
	if (line > 0)
		sqlite3_bind_int(st, 7, line);
	else
		sqlite3_bind_null(st, 7);
	return step_write(db, st);
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

/* The audit entry of a new value, keyed as the triggers key the ones
 * replaced and deleted. */
static int audit_insert(upf_db *db, double value, const double *den, const char *note,
			int flagged)
{
	const struct upf_value_key *k = &db->writing;
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), "
		"'value', 'insert', upf_value_key(?1, ?2, ?3), iif(?7, "
		"upf_value_row(?4, ?5, ?6, 1), upf_value_row(?4, ?5, ?6)))");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, k->measure);
	sqlite3_bind_int64(st, 2, k->unit);
	sqlite3_bind_int(st, 3, k->start);
	sqlite3_bind_double(st, 4, value);
	if (den)
		sqlite3_bind_double(st, 5, *den);
	sqlite3_bind_text(st, 6, note, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, flagged);
	return upf__step_done(db, st);
}

size_t upf__value_key(char out[UPF_VALUE_KEY_MAX], const struct upf_value_key *k)
{
	size_t m = strlen(k->measure_code), u = strlen(k->unit_code);
	if (m > UPF_CODE_MAX || u > UPF_CODE_MAX)
		return 0;
	memcpy(out, k->measure_code, m);
	out[m] = '/';
	memcpy(out + m + 1, k->unit_code, u);
	out[m + 1 + u] = '/';
	upf__period_label(k->start, k->months, out + m + u + 2);
	return m + u + 2 + strlen(out + m + u + 2);
}

int upf__check_flags(upf_db *db, unsigned flags, unsigned allowed)
{
	if (flags & ~allowed)
		return upf__fail(db, UPF_INVALID, "flags '%u': unknown flag %u", flags,
				 flags & ~allowed);
	return UPF_OK;
}

int upf__value_writer(upf_db *db, struct upf_value_writer *w, int audit_new,
		      sqlite3_int64 batch, unsigned flags)
{
	w->audit_new = audit_new;
	w->batch = batch;
	w->flags = flags;
	w->period[0] = '\0';
	/* A plain INSERT, and an UPDATE only where the value exists: an upsert
	 * would make every insert carry the update trigger's machinery. A note
	 * left out keeps the one there; an empty one clears it. The UPDATE of
	 * a batch leaves a value the batch wrote itself alone, so that a key
	 * given twice is found. */
	w->insert = upf__stmt(db,
		"INSERT INTO value (measure_id, start, unit_id, value, den, note, "
		"batch, line, flagged) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?10)");
	w->update = w->insert ? upf__stmt(db,
		"UPDATE value SET value = ?4, den = ?5, "
		"note = iif(?9, NULL, coalesce(?6, note)), batch = ?7, line = ?8, "
		"flagged = ?10 "
		"WHERE measure_id = ?1 AND start = ?2 AND unit_id = ?3 "
		"AND (?7 IS NULL OR batch IS NOT ?7)") : NULL;
	w->insert_plain = w->update && batch ? upf__stmt(db,
		"INSERT INTO value (measure_id, start, unit_id, value, den, batch, line) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)") : NULL;
	/* Bound once: the handle holds one batch at a time, and nothing else
	 * prepares this statement. */
	if (w->insert_plain)
		sqlite3_bind_int64(w->insert_plain, 6, batch);
	/* A single value's correction of one no batch wrote: the trace is
	 * not set, so that its guard (value_trace_bu) is not run. */
	w->correct = w->update && !batch ? upf__stmt(db,
		"UPDATE value SET value = ?4, den = ?5, "
		"note = iif(?9, NULL, coalesce(?6, note)), flagged = ?10 "
		"WHERE measure_id = ?1 AND start = ?2 AND unit_id = ?3 "
		"AND batch IS NULL AND line IS NULL") : NULL;
	if (!w->update || !(batch ? w->insert_plain : w->correct))
		return db->status;
	return upf__cache_fill(db);
}

/* The period's months. A batch's values mostly share their period with
 * the one before, and parsing it again was a fiftieth of a value's work. */
static int parse_period(upf_db *db, struct upf_value_writer *w, const char *period,
			int *from, int *to)
{
	if (*w->period && !strcmp(period, w->period)) {
		*from = w->from;
		*to = w->to;
		return UPF_OK;
	}
	int status = upf__period_parse(db, "period", period, from, to);
	if (!status && strlen(period) < sizeof w->period) {
		strcpy(w->period, period);
		w->from = *from;
		w->to = *to;
	}
	return status;
}

/* Writes a value checked by upf__value_record, the one db->writing
 * names: an UPDATE or an INSERT, and a new value's audit entry. */
static int store(upf_db *db, struct upf_value_writer *w, int line, const char *period,
		 double value, const double *den, const char *note, int flagged)
{
	const struct upf_value_key *k = &db->writing;
	int status;
	/* A single value most often corrects one there that no batch wrote
	 * (or a correction before it): it is updated first, without touching
	 * the trace, which costs a seek when there is none, where a refused
	 * INSERT costs a statement's rollback. A batch mostly adds, and
	 * inserts first. */
	if (!w->batch) {
		status = write_value(db, w->correct, w, value, den, note, line, flagged);
		if (status || sqlite3_changes(db->sql))
			return status;
	}
	if (w->batch && !(note && *note) && !flagged)
		status = insert_plain(db, w, value, den, line);
	else
		status = write_value(db, w->insert, w, value, den, note, line, flagged);
	/* A replaced value is recorded by the update trigger; a new one here,
	 * unless the batch records its count instead. */
	if (status == UPF_EXISTS) {
		status = write_value(db, w->update, w, value, den, note, line, flagged);
		if (!status && sqlite3_changes(db->sql) == 0)
			status = duplicate(db, k->measure, k->start, k->unit, k->measure_code,
					   k->unit_code, period);
		return status;
	}
	if (!status && w->audit_new)
		status = audit_insert(db, value, den, note, flagged);
	return status;
}

int upf__value_record(upf_db *db, struct upf_value_writer *w, int line,
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
		status = parse_period(db, w, period, &from, &to);
	if (!status)
		status = upf__cache_unit(db, unit, &u);
	if (!status)
		status = check_place(db, m, u, measure, unit, period, from, to);
	if (!status)
		status = check_number(db, m, measure, value, den);
	if (!status && note && *note)
		status = upf__check_prose(db, "note", note, UPF_NOTE_MAX);
	int flagged = 0;
	if (!status)
		status = check_range(db, w, m, measure, value, den, &flagged);
	if (!status && m->rules)
		status = check_rules(db, m, measure, u->id, from, figure(m, value, den));
	if (status)
		return status;
	db->writing = (struct upf_value_key){m->id, u->id, from, m->months, measure, unit};
	status = store(db, w, line, period, value, den, note, flagged);
	db->writing.measure_code = NULL;
	return status;
}

int upf_value_set(upf_db *db, const char *measure, const char *unit,
		  const char *period, double value, const double *den,
		  const char *note, unsigned flags)
{
	struct upf_value_writer w;
	if (!db)
		return UPF_MISUSE;
	int need = upf__need(db, "measure unit period", measure, unit, period);
	if (need)
		return need;
	int status = upf__check_flags(db, flags, UPF_WRITE_CONFIRM);
	if (status || (status = upf__write_begin_provider(db)))
		return status;
	status = upf__value_writer(db, &w, 1, 0, flags);
	if (!status)
		status = upf__value_record(db, &w, 0, measure, unit, period, value, den,
					   note);
	return upf__end(db, status);
}

/* A value is deleted only from a period no lock keeps. */
static int check_unlocked(upf_db *db, const char *unit, const char *period, int from,
			  int to)
{
	const struct upf_cached_unit *u;
	int status = upf__cache_fill(db);
	if (!status)
		status = upf__cache_unit(db, unit, &u);
	const struct upf_lock *lock = status ? NULL : upf__cache_lock(db, u, from, to);
	return lock ? upf__locked(db, lock, unit, period) : status;
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
	if (status || (status = upf__write_begin_provider(db)))
		return status;
	status = upf__id_of(db, &measure_id, UPF_E_MEASURE, "measure", measure);
	if (!status)
		status = upf__id_of(db, &unit_id, UPF_E_UNIT, "unit", unit);
	if (!status)
		status = check_unlocked(db, unit, period, from, to);
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
		/* Only a value of these months is deleted, so they are its
		 * measure's period. */
		db->writing = (struct upf_value_key){measure_id, unit_id, from, to - from + 1,
						     measure, unit};
		status = upf__step_done(db, st);
		db->writing.measure_code = NULL;
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
	sqlite3_int64 id;
	status = period ? upf__period_parse(db, "period", period, &from, &to)
			    : UPF_OK;
	/* An unknown code is an error, never an empty list. */
	if (!status && measure)
		status = upf__id_of(db, &id, UPF_E_MEASURE, "measure", measure);
	if (!status && unit)
		status = upf__id_of(db, &id, UPF_E_UNIT, "unit", unit);
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT v.measure, v.unit, v.period, v.value, v.denominator, v.note, "
		"x.batch, x.line, x.flagged FROM value_labelled v "
		"JOIN value x ON x.measure_id = v.measure_id AND x.start = v.start "
		"AND x.unit_id = v.unit_id "
		"JOIN measure m ON m.id = v.measure_id "
		"JOIN frequency f ON f.code = m.frequency "
		"WHERE (?1 IS NULL OR v.measure = ?1) AND (?2 IS NULL OR v.unit = ?2) "
		"AND (?3 IS NULL OR (v.start >= ?3 AND v.start + f.months - 1 <= ?4)) "
		"AND " UPF_SCOPE_UNIT("v.unit_id") " "
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
