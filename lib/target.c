/* Targets of measures, per year and scope, and derived indicators that
 * divide one measure by another. */
#include <string.h>

#include "internal.h"

static int target_scope(upf_db *db, const char *assignment, const char *unit,
			sqlite3_int64 *assignment_id, sqlite3_int64 *unit_id)
{
	*assignment_id = *unit_id = 0;
	if (assignment && unit)
		return upf__fail(db, UPF_INVALID,
				 "unit '%s': give an assignment or a unit, not both",
				 upf__shown(unit));
	if (assignment)
		return upf__id_of(db, assignment_id, UPF_E_ASSIGNMENT, "assignment",
				  assignment);
	if (unit)
		return upf__id_of(db, unit_id, UPF_E_UNIT, "unit", unit);
	return UPF_OK;
}

int upf_target_set(upf_db *db, const char *measure, double value, int year,
		   const char *assignment, const char *unit)
{
	sqlite3_int64 measure_id, assignment_id, unit_id;
	if (!db)
		return UPF_MISUSE;
	int need = upf__need(db, "measure", measure);
	if (need)
		return need;
	int status = upf__check_number(db, "value", value);
	if (!status)
		status = upf__check_year(db, year);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = upf__id_of(db, &measure_id, UPF_E_MEASURE, "measure", measure);
	if (!status)
		status = target_scope(db, assignment, unit, &assignment_id, &unit_id);
	sqlite3_stmt *up = status ? NULL : upf__stmt(db,
		"UPDATE target SET value = ?5 WHERE measure_id = ?1 AND year = ?2 "
		"AND coalesce(assignment_id, 0) = ?3 AND coalesce(unit_id, 0) = ?4");
	sqlite3_stmt *in = status ? NULL : upf__stmt(db,
		"INSERT INTO target (measure_id, year, assignment_id, unit_id, value) "
		"VALUES (?1, ?2, nullif(?3, 0), nullif(?4, 0), ?5)");
	if (!status && (!up || !in))
		status = db->status;
	for (int i = 0; !status && i < 2; i++) {
		sqlite3_stmt *st = i ? in : up;
		sqlite3_bind_int64(st, 1, measure_id);
		sqlite3_bind_int(st, 2, year);
		sqlite3_bind_int64(st, 3, assignment_id);
		sqlite3_bind_int64(st, 4, unit_id);
		sqlite3_bind_double(st, 5, value);
		status = upf__step_done(db, st);
		if (!i && sqlite3_changes(db->sql) > 0)
			break; /* replaced an earlier target */
	}
	return upf__end(db, status);
}

int upf_target_list(upf_table **out, upf_db *db, const char *measure)
{
	sqlite3_int64 id;
	int status = upf__table_out(db, out);
	if (!status && measure) /* unknown: an error, not an empty list */
		status = upf__id_of(db, &id, UPF_E_MEASURE, "measure", measure);
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT m.code AS measure, t.year, a.code AS assignment, "
		"u.code AS unit, t.value, m.direction FROM target t "
		"JOIN measure m ON m.id = t.measure_id "
		"LEFT JOIN assignment a ON a.id = t.assignment_id "
		"LEFT JOIN unit u ON u.id = t.unit_id "
		"WHERE (?1 IS NULL OR m.code = ?1) "
		"AND (t.unit_id IS NULL OR " UPF_SCOPE_UNIT("t.unit_id") ") "
		"AND (t.assignment_id IS NULL OR " UPF_SCOPE_ASSIGNMENT("t.assignment_id") ") "
		"ORDER BY m.code, t.year, a.code, u.code");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, measure, -1, SQLITE_STATIC);
	return upf__table_from_stmt(out, db, st);
}

int upf_indicator_add(upf_db *db, const char *code, const char *name,
		      const char *numerator, const char *denominator,
		      double factor)
{
	sqlite3_int64 num_id, den_id;
	if (!db)
		return UPF_MISUSE;
	int need = upf__need(db, "code name numerator denominator", code, name, numerator, denominator);
	if (need)
		return need;
	int status = upf__check_code(db, "code", code);
	if (!status)
		status = upf__check_text(db, "name", name, UPF_NAME_MAX);
	if (!status)
		status = upf__check_number(db, "factor", factor);
	if (!status && factor == 0)
		status = upf__fail(db, UPF_INVALID, "factor: must not be 0");
	if (status || (status = upf__write_begin(db)))
		return status;
	status = upf__code_free(db, code);
	if (!status)
		status = upf__id_of(db, &num_id, UPF_E_MEASURE, "numerator", numerator);
	if (!status)
		status = upf__id_of(db, &den_id, UPF_E_MEASURE, "denominator", denominator);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"INSERT INTO indicator (code, name, numerator_id, denominator_id, "
		"factor) VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, num_id);
		sqlite3_bind_int64(st, 4, den_id);
		sqlite3_bind_double(st, 5, factor);
		status = upf__insert_coded(db, st, UPF_E_INDICATOR, code);
	}
	return upf__end(db, status);
}

int upf_indicator_list(upf_table **out, upf_db *db)
{
	return upf__list(out, db,
		"SELECT i.code, i.name, n.code AS numerator, d.code AS denominator, "
		"i.factor FROM indicator i JOIN measure n ON n.id = i.numerator_id "
		"JOIN measure d ON d.id = i.denominator_id ORDER BY i.code");
}
