/* The measure catalogue: measures with their rules of aggregation, the
 * goals they follow, the methods that give them, the service areas they
 * apply in, their plausible range; edited and retired without rewriting
 * what was reported. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define UPF_TEXT_MAX 1000

static const char *const kinds[] = {"structure", "process", "result", "economic", NULL};
static const char *const types[] = {"count", "amount", "share", "mean", "yesno", NULL};
static const char *const frequencies[] = {"month", "quarter", "tertial", "half", "year", NULL};
static const char *const directions[] = {"up", "down", "none", NULL};
static const char *const levels[] = {"2", "3", NULL};
static const char *const add_keys[] = {
	"time", "level", "frequency", "direction", "quality_area", "unit_label",
	"method", "kpi", "description", "areas", "goals", "methods", "min", "max",
	"individuals", NULL};
static const char *const edit_keys[] = {
	"name", "type", "time", "level", "frequency", "direction", "quality_area",
	"unit_label", "method", "kpi", "description", "areas", "goals", "methods",
	"min", "max", "individuals", NULL};

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

/* An option of free text; "" (in an edit) clears it. */
static int check_optional_text(upf_db *db, const struct upf_opts *o,
			       const char *key)
{
	const char *v = upf__opt(o, key);
	return v && *v ? upf__check_prose(db, key, v, UPF_TEXT_MAX) : UPF_OK;
}

/* A number option (min, max); "" clears it. */
static int option_number(upf_db *db, const struct upf_opts *o, const char *key,
			 double *out)
{
	const char *v = upf__opt(o, key);
	if (!v || !*v)
		return UPF_OK;
	if (upf__opt_type(o, key) != '#' || upf_text_number(out, v) != UPF_OK)
		return upf__fail(db, UPF_INVALID, "%s '%s': not a number", key,
				 upf__shown(v));
	return upf__check_number(db, key, *out);
}

/* What both add and edit check of the options they share. */
static int check_options(upf_db *db, const struct upf_opts *o)
{
	double v;
	int status = UPF_OK;
	if (upf__opt(o, "level"))
		status = upf__check_choice(db, "level", upf__opt(o, "level"), levels);
	if (!status && upf__opt(o, "frequency"))
		status = upf__check_choice(db, "frequency", upf__opt(o, "frequency"),
					   frequencies);
	if (!status && upf__opt(o, "direction"))
		status = upf__check_choice(db, "direction", upf__opt(o, "direction"),
					   directions);
	if (!status && upf__opt(o, "kpi") && *upf__opt(o, "kpi"))
		status = upf__check_code(db, "kpi", upf__opt(o, "kpi"));
	if (!status && upf__opt(o, "name"))
		status = upf__check_text(db, "name", upf__opt(o, "name"), UPF_NAME_MAX);
	if (!status)
		status = check_optional_text(db, o, "unit_label");
	if (!status)
		status = check_optional_text(db, o, "method");
	if (!status)
		status = check_optional_text(db, o, "description");
	if (!status)
		status = option_number(db, o, "min", &v);
	if (!status)
		status = option_number(db, o, "max", &v);
	if (!status && upf__opt(o, "individuals") && *upf__opt(o, "individuals") &&
	    upf__opt_type(o, "individuals") != '#')
		status = upf__fail(db, UPF_INVALID, "individuals '%s': must be true, false "
				   "or \"\"", upf__shown(upf__opt(o, "individuals")));
	if (!status)
		status = upf__opt_codes(db, o, "areas");
	if (!status)
		status = upf__opt_codes(db, o, "goals");
	if (!status)
		status = upf__opt_codes(db, o, "methods");
	return status;
}

static int set_all_links(upf_db *db, sqlite3_int64 measure, const struct upf_opts *o)
{
	int status = upf__set_links(db, measure, upf__opt(o, "areas"),
			       "DELETE FROM measure_area WHERE measure_id = ?1",
			       "INSERT INTO measure_area VALUES (?1, ?2)", UPF_E_AREA,
			       "areas");
	if (!status)
		status = upf__set_links(db, measure, upf__opt(o, "goals"),
				   "DELETE FROM measure_goal WHERE measure_id = ?1",
				   "INSERT INTO measure_goal VALUES (?1, ?2)", UPF_E_GOAL,
				   "goals");
	if (!status)
		status = upf__set_links(db, measure, upf__opt(o, "methods"),
				   "DELETE FROM measure_method WHERE measure_id = ?1",
				   "INSERT INTO measure_method VALUES (?1, ?2)",
				   UPF_E_METHOD, "methods");
	return status;
}

static void bind_number(sqlite3_stmt *st, int i, const struct upf_opts *o,
			const char *key)
{
	double v;
	const char *text = upf__opt(o, key);
	if (text && *text && upf_text_number(&v, text) == UPF_OK)
		sqlite3_bind_double(st, i, v);
}

/* Whether the measure counts people, for disclosure control: true or
 * false, or "" for what its kind and type say (measure_counts_people). */
static int set_individuals(upf_db *db, sqlite3_int64 id, const struct upf_opts *o)
{
	const char *v = upf__opt(o, "individuals");
	if (!v)
		return UPF_OK;
	sqlite3_stmt *st = upf__stmt(db, "UPDATE measure SET individuals = ?2 "
				     "WHERE id = ?1 AND individuals IS NOT ?2");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, id);
	if (*v)
		sqlite3_bind_int(st, 2, upf__opt_true(o, "individuals"));
	return upf__step_done(db, st);
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
		"description, min, max) VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, 3), "
		"coalesce(?7, 'month'), coalesce(?8, 'none'), ?9, ?10, ?11, ?12, ?13, "
		"?14, ?15)");
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
	bind_number(st, 14, o, "min");
	bind_number(st, 15, o, "max");
	int status = upf__insert_coded(db, st, UPF_E_MEASURE, code);
	sqlite3_int64 id = sqlite3_last_insert_rowid(db->sql);
	if (!status)
		status = set_individuals(db, id, o);
	return status ? status : set_all_links(db, id, o);
}

int upf__code_free(upf_db *db, const char *code)
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
		status = upf__fail(db, UPF_EXISTS, "code: measure or indicator '%s' "
				   "already exists", code);
	return status;
}

int upf_measure_add(upf_db *db, const char *code, const char *name,
		    const char *kind, const char *type, const char *options_json)
{
	struct upf_opts o;
	const char *time;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "code name kind type", code, name, kind, type);
	if (!status)
		status = upf__opts_parse(db, "options", options_json, add_keys, &o);
	if (status)
		return status;
	time = upf__opt(&o, "time");
	status = upf__check_code(db, "code", code);
	if (!status)
		status = upf__check_text(db, "name", name, UPF_NAME_MAX);
	if (!status)
		status = upf__check_choice(db, "kind", kind, kinds);
	if (!status)
		status = upf__check_choice(db, "type", type, types);
	if (!status)
		status = check_time_rule(db, type, &time);
	if (!status)
		status = check_options(db, &o);
	if (!status && !(status = upf__write_begin(db))) {
		status = upf__code_free(db, code);
		if (!status)
			status = insert_measure(db, code, name, kind, type, time, &o);
		upf__cache_invalidate(db);
		status = upf__end(db, status);
	}
	upf__opts_free(&o);
	return status;
}

/* The measure as it is: what an edit may change, and how many values it
 * has (type, time rule, frequency and level change only while none). */
struct current {
	sqlite3_int64 id;
	char type[8], time[8];
	sqlite3_int64 values;
	int computed;
};

static int load_current(upf_db *db, const char *code, struct current *c)
{
	int status = upf__id_of(db, &c->id, UPF_E_MEASURE, "code", code);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT type, time_rule, computed, "
		"(SELECT count(*) FROM value WHERE measure_id = ?1) FROM measure WHERE id = ?1");
	if (status || !st)
		return status ? status : db->status;
	sqlite3_bind_int64(st, 1, c->id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(c->type, sizeof c->type, "%s", sqlite3_column_text(st, 0));
		snprintf(c->time, sizeof c->time, "%s", sqlite3_column_text(st, 1));
		c->computed = sqlite3_column_int(st, 2);
		c->values = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? UPF_OK : upf__sqlfail(db, rc);
}

/* The changes to how values are kept: refused while values exist. */
static int check_shape(upf_db *db, const char *code, const struct upf_opts *o,
		       const struct current *c, const char **type, const char **time)
{
	static const char *const shape[] = {"type", "time", "frequency", "level"};
	for (int i = 0; i < 4; i++)
		if (upf__opt(o, shape[i]) && (c->values > 0 || c->computed))
			return upf__refuse(db, UPF_DETAIL_HAS_VALUES,
					   "measure '%s': %s; its %s changes only "
					   "while it has no values", code,
					   c->computed ? "computed from the registry's records"
						       : c->values == 1 ? "1 value recorded"
								       : "values recorded",
					   shape[i]);
	*type = upf__opt(o, "type") ? upf__opt(o, "type") : c->type;
	*time = upf__opt(o, "time") ? upf__opt(o, "time")
		: upf__opt(o, "type") ? NULL
				      : c->time;
	int status = upf__check_choice(db, "type", *type, types);
	return status ? status : check_time_rule(db, *type, time);
}

int upf_measure_edit(upf_db *db, const char *code, const char *options_json)
{
	struct upf_opts o;
	struct current c;
	const char *type = NULL, *time = NULL;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "code options_json", code, options_json);
	if (!status)
		status = upf__opts_parse(db, "options", options_json, edit_keys, &o);
	if (status)
		return status;
	status = check_options(db, &o);
	if (!status && !(status = upf__write_begin(db))) {
		sqlite3_int64 area_id = 0;
		status = load_current(db, code, &c);
		if (!status)
			status = check_shape(db, code, &o, &c, &type, &time);
		if (!status && upf__opt(&o, "quality_area"))
			status = upf__id_of(db, &area_id, UPF_E_QUALITY_AREA, "quality_area",
					    upf__opt(&o, "quality_area"));
		/* A key left out keeps its value; "" clears what may be empty. */
		sqlite3_stmt *st = status ? NULL : upf__stmt(db,
			"UPDATE measure SET name = coalesce(?2, name), type = ?3, "
			"time_rule = ?4, level = coalesce(?5, level), "
			"frequency = coalesce(?6, frequency), "
			"direction = coalesce(?7, direction), "
			"quality_area_id = iif(?8 > 0, ?8, quality_area_id), "
			"unit_label = iif(?9 IS NULL, unit_label, nullif(?9, '')), "
			"method = iif(?10 IS NULL, method, nullif(?10, '')), "
			"kpi = iif(?11 IS NULL, kpi, nullif(?11, '')), "
			"description = iif(?12 IS NULL, description, nullif(?12, '')), "
			"min = iif(?13 IS NULL, min, ?14), max = iif(?15 IS NULL, max, ?16) "
			"WHERE id = ?1");
		if (!status && !st)
			status = db->status;
		if (!status) {
			static const char *const text[] = {"unit_label", "method", "kpi",
							   "description"};
			sqlite3_bind_int64(st, 1, c.id);
			sqlite3_bind_text(st, 2, upf__opt(&o, "name"), -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, type, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 4, time, -1, SQLITE_STATIC);
			if (upf__opt(&o, "level"))
				sqlite3_bind_int(st, 5, atoi(upf__opt(&o, "level")));
			sqlite3_bind_text(st, 6, upf__opt(&o, "frequency"), -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 7, upf__opt(&o, "direction"), -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 8, area_id);
			for (int i = 0; i < 4; i++)
				sqlite3_bind_text(st, 9 + i, upf__opt(&o, text[i]), -1,
						  SQLITE_STATIC);
			sqlite3_bind_text(st, 13, upf__opt(&o, "min"), -1, SQLITE_STATIC);
			bind_number(st, 14, &o, "min");
			sqlite3_bind_text(st, 15, upf__opt(&o, "max"), -1, SQLITE_STATIC);
			bind_number(st, 16, &o, "max");
			status = upf__step_done(db, st);
		}
		if (!status)
			status = set_individuals(db, c.id, &o);
		if (!status)
			status = set_all_links(db, c.id, &o);
		upf__cache_invalidate(db);
		status = upf__end(db, status);
	}
	upf__opts_free(&o);
	return status;
}

int upf_measure_retire(upf_db *db, const char *code, const char *period)
{
	sqlite3_int64 id;
	int from, to;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "code period", code, period);
	if (!status)
		status = upf__period_parse(db, "period", period, &from, &to);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = upf__id_of(db, &id, UPF_E_MEASURE, "code", code);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"UPDATE measure SET retired_from = ?2 WHERE id = ?1");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, from);
		status = upf__step_done(db, st);
	}
	upf__cache_invalidate(db);
	return upf__end(db, status);
}

/* What the lists show of a measure's links and retirement. */
#define LINKS \
	"(SELECT group_concat(a.code, ' ') FROM (SELECT a.code FROM measure_area x " \
	"  JOIN service_area a ON a.id = x.area_id WHERE x.measure_id = m.id " \
	"  ORDER BY a.code) a) AS areas, " \
	"iif(m.retired_from IS NULL, NULL, printf('%04d-%02d', m.retired_from / 12, " \
	"  m.retired_from % 12 + 1)) AS retired_from "

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
		"m.time_rule, m.level, m.frequency, m.direction, m.unit_label, " LINKS
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
		"(SELECT group_concat(g.code, ' ') FROM (SELECT g.code FROM measure_goal x "
		"  JOIN process_goal g ON g.id = x.goal_id WHERE x.measure_id = m.id "
		"  ORDER BY g.code) g) AS goals, "
		"m.type, m.time_rule, m.level, m.frequency, m.direction, m.unit_label, "
		"(SELECT group_concat(t.code, ' ') FROM (SELECT t.code FROM measure_method x "
		"  JOIN method t ON t.id = x.method_id WHERE x.measure_id = m.id "
		"  ORDER BY t.code) t) AS methods, "
		"m.method AS method_note, m.kpi, m.description, m.min, m.max, " LINKS ", "
		"(SELECT count(*) FROM value v WHERE v.measure_id = m.id "
		"  AND " UPF_SCOPE_UNIT("v.unit_id") ") AS values_recorded, "
		"(SELECT counts_people FROM measure_counts_people WHERE measure_id = m.id) "
		"AS individuals "
		"FROM measure m LEFT JOIN quality_area q ON q.id = m.quality_area_id "
		"WHERE m.id = ?1");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, id);
	return upf__table_from_stmt(out, db, st);
}
