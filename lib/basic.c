/* Basic quality follow-up: per level-3 unit and year, a routine in place,
 * when it was performed and its result; per level-2 unit and year, when
 * the item was analysed and by whom. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define UPF_RESULT_MAX 2000

static const char *const yes_no[] = {"yes", "no", NULL};

static int check_year(upf_db *db, int year)
{
	if (year < 1000 || year > 9999)
		return upf__fail(db, UPF_INVALID, "year '%d': must be 1000..9999", year);
	return UPF_OK;
}

/* The unit at the level asked for, active some day of the year. */
static int unit_in_year(upf_db *db, const char *code, int level, int year,
			sqlite3_int64 *id)
{
	struct upf_unit_ref u;
	struct upf_place at;
	char from[11], to[11];
	snprintf(from, sizeof from, "%04d-01-01", year);
	snprintf(to, sizeof to, "%04d-12-31", year);
	int status = upf__unit_ref(db, &u, "unit", code);
	if (!status)
		status = upf__unit_at(db, &at, u.id, from, to);
	*id = u.id;
	if (!status && !at.active)
		status = upf__refuse(db, UPF_DETAIL_NOT_ACTIVE, "unit '%s': not active in %d", code, year);
	if (!status && u.level != level)
		status = upf__refuse(db, UPF_DETAIL_WRONG_LEVEL, "unit '%s': a level-%d unit; this is "
				   "recorded for level-%d units", code, u.level, level);
	return status;
}

/* Inside the write: the statement sql, bound as (?1 unit, ?2 item, ?3
 * year), for a unit of the level asked for that was active in the year.
 * NULL with the handle's error set when there is none. */
static sqlite3_stmt *record_of(upf_db *db, const char *sql, const char *unit,
			       const char *item, int year, int level)
{
	sqlite3_int64 unit_id, item_id;
	int status = upf__id_of(db, &item_id, UPF_E_BASIC_ITEM, "item", item);
	if (!status)
		status = unit_in_year(db, unit, level, year, &unit_id);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db, sql);
	if (st) {
		sqlite3_bind_int64(st, 1, unit_id);
		sqlite3_bind_int64(st, 2, item_id);
		sqlite3_bind_int(st, 3, year);
	}
	return st;
}

int upf_basic_set(upf_db *db, const char *unit, const char *item, int year,
		  const char *routine, const char *performed, const char *result)
{
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "unit item", unit, item);
	if (!status)
		status = check_year(db, year);
	if (!status && routine)
		status = upf__check_choice(db, "routine", routine, yes_no);
	if (!status && performed)
		status = upf__check_date(db, "performed", performed, NULL);
	if (!status && result)
		status = upf__check_prose(db, "result", result, UPF_RESULT_MAX);
	if (!status && !routine && !performed && !result)
		status = upf__fail(db, UPF_INVALID, "routine: give a routine, a date "
				   "performed or a result");
	if (status || (status = upf__write_begin(db)))
		return status;
	/* What is not given keeps its earlier value. */
	sqlite3_stmt *st = record_of(db,
		"INSERT INTO basic_record (unit_id, item_id, year, routine, performed, "
		"result) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
		"ON CONFLICT (unit_id, item_id, year) DO UPDATE SET "
		"routine = coalesce(excluded.routine, routine), "
		"performed = coalesce(excluded.performed, performed), "
		"result = coalesce(excluded.result, result)", unit, item, year, 3);
	if (!st)
		return upf__end(db, db->status);
	if (routine)
		sqlite3_bind_int(st, 4, !strcmp(routine, "yes"));
	sqlite3_bind_text(st, 5, performed, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, result, -1, SQLITE_STATIC);
	return upf__end(db, upf__step_done(db, st));
}

int upf_basic_analyse(upf_db *db, const char *unit, const char *item, int year,
		      const char *on)
{
	char day[11];
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "unit item", unit, item);
	if (!status)
		status = check_year(db, year);
	if (!status)
		status = upf__check_date(db, "on", on, day);
	if (status || (status = upf__write_begin(db)))
		return status;
	sqlite3_stmt *st = record_of(db,
		"INSERT INTO basic_analysis (unit_id, item_id, year, analysed_on, "
		"analysed_by) VALUES (?1, ?2, ?3, ?4, upf_actor()) "
		"ON CONFLICT (unit_id, item_id, year) DO UPDATE SET "
		"analysed_on = excluded.analysed_on, analysed_by = excluded.analysed_by",
		unit, item, year, 2);
	if (!st)
		return upf__end(db, db->status);
	sqlite3_bind_text(st, 4, day, -1, SQLITE_STATIC);
	return upf__end(db, upf__step_done(db, st));
}

int upf_basic_item_list(upf_table **out, upf_db *db)
{
	return upf__list(out, db,
			 "SELECT code, name, grp AS \"group\" FROM basic_item ORDER BY id");
}
