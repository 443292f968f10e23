/* The catalogue around the measures: quality areas, process goals and
 * methods of follow-up. */
#include <string.h>

#include "internal.h"

int upf_quality_area_list(upf_table **out, upf_db *db)
{
	return upf__list(out, db,
		"SELECT q.code, q.name, "
		"(SELECT count(*) FROM process_goal WHERE quality_area_id = q.id) AS goals, "
		"(SELECT count(*) FROM measure WHERE quality_area_id = q.id) AS measures, "
		"q.description FROM quality_area q ORDER BY q.code");
}

int upf_quality_area_add(upf_db *db, const char *code, const char *name,
			 const char *description)
{
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "code name", code, name);
	if (!status)
		status = upf__check_code(db, "code", code);
	if (!status)
		status = upf__check_text(db, "name", name, UPF_NAME_MAX);
	if (!status && description)
		status = upf__check_prose(db, "description", description, 2000);
	if (status || (status = upf__write_begin(db)))
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO quality_area (code, name, description) VALUES (?1, ?2, ?3)");
	if (!st)
		return upf__end(db, db->status);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, description, -1, SQLITE_STATIC);
	return upf__end(db, upf__insert_coded(db, st, UPF_E_QUALITY_AREA, code));
}

int upf_goal_add(upf_db *db, const char *code, const char *text,
		 const char *quality_area, const char *committee, int year)
{
	sqlite3_int64 area_id, committee_id = 0;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "code text quality_area", code, text, quality_area);
	if (!status)
		status = upf__check_code(db, "code", code);
	if (!status)
		status = upf__check_prose(db, "text", text, 1000);
	if (!status && (committee || year))
		status = committee ? upf__check_year(db, year)
				   : upf__fail(db, UPF_INVALID, "committee: missing; a "
					       "goal of a year belongs to a committee");
	if (status || (status = upf__write_begin(db)))
		return status;
	status = upf__id_of(db, &area_id, UPF_E_QUALITY_AREA, "quality_area", quality_area);
	if (!status && committee)
		status = upf__id_of(db, &committee_id, UPF_E_COMMITTEE, "committee", committee);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"INSERT INTO process_goal (code, quality_area_id, text, committee_id, year) "
		"VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, area_id);
		sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
		if (committee_id > 0) {
			sqlite3_bind_int64(st, 4, committee_id);
			sqlite3_bind_int(st, 5, year);
		}
		status = upf__insert_coded(db, st, UPF_E_GOAL, code);
	}
	return upf__end(db, status);
}

int upf_goal_list(upf_table **out, upf_db *db, const char *quality_area)
{
	sqlite3_int64 id;
	int status = upf__table_out(db, out);
	if (!status && quality_area)
		status = upf__id_of(db, &id, UPF_E_QUALITY_AREA, "quality_area", quality_area);
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT g.code, q.code AS quality_area, g.text, c.code AS committee, g.year, "
		"(SELECT group_concat(code, ' ') FROM (SELECT m.code FROM measure_goal x "
		"  JOIN measure m ON m.id = x.measure_id WHERE x.goal_id = g.id "
		"  ORDER BY m.code)) AS measures "
		"FROM process_goal g JOIN quality_area q ON q.id = g.quality_area_id "
		"LEFT JOIN committee c ON c.id = g.committee_id "
		"WHERE ?1 IS NULL OR q.code = ?1 ORDER BY q.code, g.code");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, quality_area, -1, SQLITE_STATIC);
	return upf__table_from_stmt(out, db, st);
}

int upf_method_add(upf_db *db, const char *code, const char *name)
{
	return upf__add_named(db, "INSERT INTO method (code, name) VALUES (?1, ?2)",
			      UPF_E_METHOD, code, name);
}

int upf_method_list(upf_table **out, upf_db *db)
{
	return upf__list(out, db,
		"SELECT t.code, t.name, "
		"(SELECT group_concat(code, ' ') FROM (SELECT m.code FROM measure_method x "
		"  JOIN measure m ON m.id = x.measure_id WHERE x.method_id = t.id "
		"  ORDER BY m.code)) AS measures FROM method t ORDER BY t.code");
}

/* ---- Rules between measures --------------------------------------------- */

/* "LEFT OP RIGHT": the two codes and the operator, copied out. */
struct rule_parts {
	char left[UPF_CODE_MAX + 1], op[3], right[UPF_CODE_MAX + 1];
};

static int copy_trimmed(char *dst, size_t size, const char *from, const char *to)
{
	while (from < to && (*from == ' ' || *from == '\t'))
		from++;
	while (to > from && (to[-1] == ' ' || to[-1] == '\t'))
		to--;
	if (to == from || (size_t)(to - from) >= size)
		return -1;
	memcpy(dst, from, (size_t)(to - from));
	dst[to - from] = '\0';
	return 0;
}

static int parse_rule(upf_db *db, const char *expr, struct rule_parts *r)
{
	static const char *const ops[] = {"<", "<=", "=", ">=", ">", NULL};
	const char *op = strpbrk(expr, "<=>");
	const char *end = op ? op + strspn(op, "<=>") : NULL;
	if (!op || copy_trimmed(r->left, sizeof r->left, expr, op) ||
	    copy_trimmed(r->op, sizeof r->op, op, end) ||
	    copy_trimmed(r->right, sizeof r->right, end, end + strlen(end)))
		return upf__fail(db, UPF_INVALID, "expression '%s': not MEASURE OP "
				 "MEASURE with OP one of <, <=, =, >=, >",
				 upf__shown(expr));
	int status = upf__check_choice(db, "operator", r->op, ops);
	if (!status)
		status = upf__check_code(db, "measure", r->left);
	if (!status)
		status = upf__check_code(db, "measure", r->right);
	return status;
}

/* Both sides recorded, of one level and frequency, and not the same. */
static int check_sides(upf_db *db, const struct rule_parts *r, sqlite3_int64 *left,
		       sqlite3_int64 *right)
{
	int status = upf__id_of(db, left, UPF_E_MEASURE, "measure", r->left);
	if (!status)
		status = upf__id_of(db, right, UPF_E_MEASURE, "measure", r->right);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT (SELECT code FROM measure WHERE id IN (?1, ?2) AND computed), "
		"(SELECT count(DISTINCT level || frequency) FROM measure WHERE id IN (?1, ?2))");
	if (status || !st)
		return status ? status : db->status;
	sqlite3_bind_int64(st, 1, *left);
	sqlite3_bind_int64(st, 2, *right);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		status = upf__sqlfail(db, rc);
	else if (*left == *right)
		status = upf__fail(db, UPF_INVALID, "expression: measure '%s' on both "
				   "sides", r->left);
	else if (sqlite3_column_type(st, 0) != SQLITE_NULL)
		status = upf__refuse(db, UPF_DETAIL_COMPUTED, "measure '%s': computed from "
				     "the registry's records; a rule compares recorded "
				     "values", sqlite3_column_text(st, 0));
	else if (sqlite3_column_int(st, 1) != 1)
		status = upf__fail(db, UPF_INVALID, "expression: measures '%s' and '%s' "
				   "differ in level or frequency; a rule compares one "
				   "unit's values of one period", r->left, r->right);
	sqlite3_reset(st);
	return status;
}

int upf_rule_add(upf_db *db, const char *code, const char *expression,
		 const char *severity)
{
	static const char *const severities[] = {"warning", "error", NULL};
	struct rule_parts r;
	sqlite3_int64 left, right;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "code expression severity", code, expression, severity);
	if (!status)
		status = upf__check_code(db, "code", code);
	if (!status)
		status = upf__check_text(db, "expression", expression, 100);
	if (!status)
		status = parse_rule(db, expression, &r);
	if (!status)
		status = upf__check_choice(db, "severity", severity, severities);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = check_sides(db, &r, &left, &right);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"INSERT INTO rule (code, left_id, op, right_id, severity) "
		"VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, left);
		sqlite3_bind_text(st, 3, r.op, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, right);
		sqlite3_bind_text(st, 5, severity, -1, SQLITE_STATIC);
		status = upf__insert_coded(db, st, UPF_E_RULE, code);
	}
	upf__cache_invalidate(db);
	return upf__end(db, status);
}

int upf_rule_list(upf_table **out, upf_db *db)
{
	return upf__list(out, db,
		"SELECT r.code, l.code || ' ' || r.op || ' ' || g.code AS rule, r.severity, "
		"(SELECT count(*) FROM value_figure a JOIN value_figure b "
		"  ON b.measure_id = r.right_id AND b.unit_id = a.unit_id AND b.start = a.start "
		"  WHERE a.measure_id = r.left_id AND NOT upf_holds(a.fig, r.op, b.fig)) "
		"  AS broken "
		"FROM rule r JOIN measure l ON l.id = r.left_id "
		"JOIN measure g ON g.id = r.right_id ORDER BY r.code");
}
