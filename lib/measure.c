/* The measure catalogue: quality areas, measures, targets and derived
 * indicators. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define UPF_TEXT_MAX 1000

static const char *const kinds[] = {"structure", "process", "result", "economic", NULL};
static const char *const types[] = {"count", "amount", "share", "mean", "yesno", NULL};
static const char *const frequencies[] = {"month", "quarter", "tertial", "half", "year", NULL};
static const char *const directions[] = {"up", "down", "none", NULL};
static const char *const levels[] = {"2", "3", NULL};
static const char *const option_keys[] = {
	"time", "level", "frequency", "direction", "quality_area",
	"unit_label", "method", "kpi", "description", NULL};

/* The time rule a type allows: counts and amounts choose; shares and
 * means always pool; a yes/no takes the latest answer. */
static int check_time_rule(upf_db *db, const char *type, const char **time)
{
	static const char *const chosen[] = {"flow", "stock", "last", NULL};
	const char *fixed = !strcmp(type, "yesno") ? "last"
			    : (!strcmp(type, "share") || !strcmp(type, "mean")) ? "pool"
										   : NULL;
	if (!fixed) {
		if (!*time)
			*time = "flow";
		return upf__check_choice(db, "time", *time, chosen);
	}
	if (*time && strcmp(*time, fixed))
		return upf__fail(db, UPF_INVALID,
				 "time '%s': a %s measure always uses '%s'",
				 upf__shown(*time), type, fixed);
	*time = fixed;
	return UPF_OK;
}

static int check_optional_text(upf_db *db, const struct upf_opts *o,
			       const char *key)
{
	const char *v = upf__opt(o, key);
	return v ? upf__check_prose(db, key, v, UPF_TEXT_MAX) : UPF_OK;
}

static int check_measure(upf_db *db, const char *code, const char *name,
			 const char *kind, const char *type,
			 const struct upf_opts *o, const char **time)
{
	int status = upf__check_code(db, "code", code);
	if (!status)
		status = upf__check_text(db, "name", name, UPF_NAME_MAX);
	if (!status)
		status = upf__check_choice(db, "kind", kind, kinds);
	if (!status)
		status = upf__check_choice(db, "type", type, types);
	if (!status)
		status = check_time_rule(db, type, time);
	if (!status && upf__opt(o, "level"))
		status = upf__check_choice(db, "level", upf__opt(o, "level"), levels);
	if (!status && upf__opt(o, "frequency"))
		status = upf__check_choice(db, "frequency", upf__opt(o, "frequency"),
					   frequencies);
	if (!status && upf__opt(o, "direction"))
		status = upf__check_choice(db, "direction", upf__opt(o, "direction"),
					   directions);
	if (!status && upf__opt(o, "kpi"))
		status = upf__check_code(db, "kpi", upf__opt(o, "kpi"));
	if (!status)
		status = check_optional_text(db, o, "unit_label");
	if (!status)
		status = check_optional_text(db, o, "method");
	if (!status)
		status = check_optional_text(db, o, "description");
	return status;
}

static int insert_measure(upf_db *db, const char *code, const char *name,
			  const char *kind, const char *type, const char *time,
			  const struct upf_opts *o)
{
	sqlite3_int64 area_id = 0;
	const char *area = upf__opt(o, "quality_area");
	if (area) {
		int status = upf__id_of(db, &area_id, UPF_E_QUALITY_AREA, "quality_area", area);
		if (status)
			return status;
	}
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO measure (code, name, kind, type, time_rule, level, "
		"frequency, direction, quality_area_id, unit_label, method, kpi, "
		"description) VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, 3), "
		"coalesce(?7, 'month'), coalesce(?8, 'none'), ?9, ?10, ?11, ?12, ?13)");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, time, -1, SQLITE_STATIC);
	if (upf__opt(o, "level"))
		sqlite3_bind_int(st, 6, atoi(upf__opt(o, "level")));
	sqlite3_bind_text(st, 7, upf__opt(o, "frequency"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, upf__opt(o, "direction"), -1, SQLITE_STATIC);
	if (area_id > 0)
		sqlite3_bind_int64(st, 9, area_id);
	sqlite3_bind_text(st, 10, upf__opt(o, "unit_label"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, upf__opt(o, "method"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, upf__opt(o, "kpi"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 13, upf__opt(o, "description"), -1, SQLITE_STATIC);
	return upf__insert_coded(db, st, UPF_E_MEASURE, code);
}

/* Measures and indicators share one namespace of codes: a report names
 * either with the same option. */
static int check_code_free(upf_db *db, const char *code, const char *other)
{
	sqlite3_int64 id;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT 1 FROM measure WHERE code = ?1 "
		"UNION ALL SELECT 1 FROM indicator WHERE code = ?1");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int status = upf__step_int(db, st, &id);
	if (!status && id > 0)
		status = upf__fail(db, UPF_EXISTS, "code: %s or indicator '%s' "
				   "already exists", other, code);
	return status;
}

int upf_measure_add(upf_db *db, const char *code, const char *name,
		    const char *kind, const char *type, const char *options_json)
{
	struct upf_opts o;
	const char *time;
	if (!db)
		return UPF_MISUSE;
	int need = upf__need(db, "code name kind type", code, name, kind, type);
	if (need)
		return need;
	int status = upf__opts_parse(db, "options", options_json, option_keys, &o);
	if (status)
		return status;
	time = upf__opt(&o, "time");
	status = check_measure(db, code, name, kind, type, &o, &time);
	if (!status && !(status = upf__write_begin(db))) {
		status = check_code_free(db, code, "measure");
		if (!status)
			status = insert_measure(db, code, name, kind, type, time, &o);
		upf__cache_invalidate(db);
		status = upf__end(db, status);
	}
	upf__opts_free(&o);
	return status;
}

int upf_measure_list(upf_table **out, upf_db *db, const char *kind,
		     const char *quality_area)
{
	int status = upf__table_out(db, out);
	if (status)
		return status;
	status = kind ? upf__check_choice(db, "kind", kind, kinds) : UPF_OK;
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT m.code, m.name, m.kind, q.code AS quality_area, m.type, "
		"m.time_rule, m.level, m.frequency, m.direction, m.unit_label "
		"FROM measure m LEFT JOIN quality_area q ON q.id = m.quality_area_id "
		"WHERE (?1 IS NULL OR m.kind = ?1) AND (?2 IS NULL OR q.code = ?2) "
		"ORDER BY m.code");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, quality_area, -1, SQLITE_STATIC);
	return upf__table_from_stmt(out, db, st);
}

int upf_measure_show(upf_table **out, upf_db *db, const char *code)
{
	sqlite3_int64 id;
	int status = upf__table_out(db, out);
	if (status)
		return status;
	status = upf__id_of(db, &id, UPF_E_MEASURE, "code", code);
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT m.code, m.name, m.kind, q.code AS quality_area, "
		"g.text AS goal, m.type, m.time_rule, m.level, m.frequency, "
		"m.direction, m.unit_label, m.method, m.kpi, m.description, "
		"(SELECT count(*) FROM value WHERE measure_id = m.id) AS values_recorded "
		"FROM measure m LEFT JOIN quality_area q ON q.id = m.quality_area_id "
		"LEFT JOIN process_goal g ON g.id = m.goal_id WHERE m.id = ?1");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, id);
	return upf__table_from_stmt(out, db, st);
}

int upf_quality_area_list(upf_table **out, upf_db *db)
{
	return upf__list(out, db,
		"SELECT q.code, q.name, "
		"(SELECT count(*) FROM process_goal WHERE quality_area_id = q.id) AS goals, "
		"(SELECT count(*) FROM measure WHERE quality_area_id = q.id) AS measures, "
		"q.description FROM quality_area q ORDER BY q.code");
}

/* ---- Targets ---------------------------------------------------------- */

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
	if (status)
		return status;
	if (year < 1000 || year > 9999)
		return upf__fail(db, UPF_INVALID, "year '%d': must be 1000..9999", year);
	if ((status = upf__write_begin(db)))
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
	int status = upf__table_out(db, out);
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT m.code AS measure, t.year, a.code AS assignment, "
		"u.code AS unit, t.value, m.direction FROM target t "
		"JOIN measure m ON m.id = t.measure_id "
		"LEFT JOIN assignment a ON a.id = t.assignment_id "
		"LEFT JOIN unit u ON u.id = t.unit_id "
		"WHERE ?1 IS NULL OR m.code = ?1 "
		"ORDER BY m.code, t.year, a.code, u.code");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, measure, -1, SQLITE_STATIC);
	return upf__table_from_stmt(out, db, st);
}

/* ---- Derived indicators ----------------------------------------------- */

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
	status = check_code_free(db, code, "measure");
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
