/* Basic quality follow-up: per level-3 unit and year, a routine in place,
 * when it was performed and its result; per level-2 unit and year, when
 * the item was analysed and by whom. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define UPF_RESULT_MAX 2000

static const char *const yes_no[] = {"yes", "no", NULL};

/* Whether the item applies in the unit's service area. */
static int check_applies(upf_db *db, sqlite3_int64 item_id, const char *item,
			 sqlite3_int64 area_id, const char *unit)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT EXISTS (SELECT 1 FROM basic_item_applies WHERE item_id = ?1 "
		"AND area_id = ?2), (SELECT code FROM service_area WHERE id = ?2)");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, item_id);
	sqlite3_bind_int64(st, 2, area_id);
	int rc = sqlite3_step(st), status = UPF_OK;
	if (rc != SQLITE_ROW)
		status = upf__sqlfail(db, rc);
	else if (!sqlite3_column_int(st, 0))
		status = upf__refuse(db, UPF_DETAIL_NOT_APPLICABLE,
				     "unit '%s': in service area '%s', where item '%s' "
				     "does not apply", unit, sqlite3_column_text(st, 1),
				     item);
	sqlite3_reset(st);
	return status;
}

/* The unit at the level asked for, active some day of the year, in an
 * area where the item applies. */
static int unit_in_year(upf_db *db, const char *code, int level, int year,
			sqlite3_int64 item_id, const char *item, sqlite3_int64 *id)
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
	if (!status)
		status = check_applies(db, item_id, item, at.area_id, code);
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
		status = unit_in_year(db, unit, level, year, item_id, item, &unit_id);
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
		status = upf__check_year(db, year);
	if (!status && routine)
		status = upf__check_choice(db, "routine", routine, yes_no);
	if (!status && performed)
		status = upf__check_date(db, "performed", performed, NULL);
	if (!status && result)
		status = upf__check_prose(db, "result", result, UPF_RESULT_MAX);
	if (!status && !routine && !performed && !result)
		status = upf__fail(db, UPF_INVALID, "routine: give a routine, a date "
				   "performed or a result");
	if (status || (status = upf__write_begin_provider(db)))
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
		status = upf__check_year(db, year);
	if (!status)
		status = upf__check_date(db, "on", on, day);
	if (status || (status = upf__write_begin_provider(db)))
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
		"SELECT i.code, i.name, i.grp AS \"group\", "
		"(SELECT group_concat(code, ' ') FROM (SELECT a.code FROM basic_item_area x "
		"  JOIN service_area a ON a.id = x.area_id WHERE x.item_id = i.id "
		"  ORDER BY a.code)) AS areas FROM basic_item i ORDER BY i.id");
}

static const char *const item_add_keys[] = {"group", "areas", NULL};
static const char *const item_edit_keys[] = {"name", "group", "areas", NULL};

static int check_item_options(upf_db *db, const struct upf_opts *o)
{
	int status = UPF_OK;
	if (upf__opt(o, "name"))
		status = upf__check_text(db, "name", upf__opt(o, "name"), UPF_NAME_MAX);
	if (!status && upf__opt(o, "group"))
		status = upf__check_text(db, "group", upf__opt(o, "group"), UPF_NAME_MAX);
	return status ? status : upf__opt_codes(db, o, "areas");
}

static int set_item_areas(upf_db *db, sqlite3_int64 item, const struct upf_opts *o)
{
	return upf__set_links(db, item, upf__opt(o, "areas"),
			      "DELETE FROM basic_item_area WHERE item_id = ?1",
			      "INSERT INTO basic_item_area VALUES (?1, ?2)", UPF_E_AREA,
			      "areas");
}

int upf_basic_item_add(upf_db *db, const char *code, const char *name,
		       const char *options_json)
{
	struct upf_opts o;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "code name", code, name);
	if (!status)
		status = upf__opts_parse(db, "options", options_json, item_add_keys, &o);
	if (status)
		return status;
	status = upf__check_code(db, "code", code);
	if (!status)
		status = upf__check_text(db, "name", name, UPF_NAME_MAX);
	if (!status)
		status = check_item_options(db, &o);
	if (!status && !(status = upf__write_begin(db))) {
		sqlite3_stmt *st = upf__stmt(db,
			"INSERT INTO basic_item (code, name, grp) VALUES (?1, ?2, "
			"coalesce(?3, 'Övrigt'))");
		if (!st)
			status = db->status;
		if (!status) {
			sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, upf__opt(&o, "group"), -1, SQLITE_STATIC);
			status = upf__insert_coded(db, st, UPF_E_BASIC_ITEM, code);
		}
		if (!status)
			status = set_item_areas(db, sqlite3_last_insert_rowid(db->sql), &o);
		status = upf__end(db, status);
	}
	upf__opts_free(&o);
	return status;
}

int upf_basic_item_edit(upf_db *db, const char *code, const char *options_json)
{
	struct upf_opts o;
	sqlite3_int64 id;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "code options_json", code, options_json);
	if (!status)
		status = upf__opts_parse(db, "options", options_json, item_edit_keys, &o);
	if (status)
		return status;
	status = check_item_options(db, &o);
	if (!status && !(status = upf__write_begin(db))) {
		status = upf__id_of(db, &id, UPF_E_BASIC_ITEM, "code", code);
		sqlite3_stmt *st = status ? NULL : upf__stmt(db,
			"UPDATE basic_item SET name = coalesce(?2, name), "
			"grp = coalesce(?3, grp) WHERE id = ?1 "
			"AND (?2 IS NOT NULL OR ?3 IS NOT NULL)");
		if (!status && !st)
			status = db->status;
		if (!status) {
			sqlite3_bind_int64(st, 1, id);
			sqlite3_bind_text(st, 2, upf__opt(&o, "name"), -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, upf__opt(&o, "group"), -1, SQLITE_STATIC);
			status = upf__step_done(db, st);
		}
		if (!status)
			status = set_item_areas(db, id, &o);
		status = upf__end(db, status);
	}
	upf__opts_free(&o);
	return status;
}
