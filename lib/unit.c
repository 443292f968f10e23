/* Units at level 2 and 3, their moves, and the organisation tree. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

int upf__unit_ref(upf_db *db, struct upf_unit_ref *u, const char *field,
		  const char *code)
{
	int status = upf__check_code(db, field, code);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT id, level FROM unit WHERE code = ?1");
	if (status || !st)
		return status ? status : db->status;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		u->id = sqlite3_column_int64(st, 0);
		u->level = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return upf__fail(db, UPF_NOTFOUND, "%s: unknown unit '%s'", field, code);
	return rc == SQLITE_ROW ? upf__scope_check(db, UPF_E_UNIT, u->id, field, code)
				: upf__sqlfail(db, rc);
}

int upf__unit_at(upf_db *db, struct upf_place *p, sqlite3_int64 unit_id,
		 const char *from, const char *to)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT l.valid_to IS NULL OR l.valid_to >= ?2 AS active, l.l2_id, "
		"l.assignment_id, l.committee_id, l.provider_id, p.regime, l.area_id "
		"FROM unit_lineage l JOIN provider p ON p.id = l.provider_id "
		"WHERE l.unit_id = ?1 AND l.valid_from <= ?3 "
		"ORDER BY active DESC, l.valid_from DESC LIMIT 1");
	memset(p, 0, sizeof *p);
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, unit_id);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p->active = sqlite3_column_int(st, 0);
		p->l2_id = sqlite3_column_int64(st, 1);
		p->assignment_id = sqlite3_column_int64(st, 2);
		p->committee_id = sqlite3_column_int64(st, 3);
		p->provider_id = sqlite3_column_int64(st, 4);
		snprintf(p->regime, sizeof p->regime, "%s", sqlite3_column_text(st, 5));
		p->area_id = sqlite3_column_int64(st, 6);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? UPF_OK : upf__sqlfail(db, rc);
}

static int check_assignment_valid(upf_db *db, sqlite3_int64 id,
				  const char *code, const char *day)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT ?2 >= valid_from AND (valid_to IS NULL OR ?2 <= valid_to) "
		"FROM assignment WHERE id = ?1");
	if (!st)
		return db->status;
	sqlite3_int64 valid;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
	int status = upf__step_int(db, st, &valid);
	if (!status && valid != 1)
		status = upf__refuse(db, UPF_DETAIL_NOT_ACTIVE,
				   "assignment '%s': not valid on %s", code, day);
	return status;
}

/* A level-3 unit's parent must be a level-2 unit that is active then. */
static int check_parent(upf_db *db, struct upf_unit_ref *parent,
			const char *code, const char *day)
{
	struct upf_place at;
	int status = upf__unit_ref(db, parent, "parent", code);
	if (status)
		return status;
	if (parent->level != 2)
		return upf__refuse(db, UPF_DETAIL_WRONG_LEVEL,
				 "parent '%s': a level-3 unit; the parent must "
				 "be a level-2 unit", code);
	status = upf__unit_at(db, &at, parent->id, day, day);
	if (!status && !at.active)
		status = upf__refuse(db, UPF_DETAIL_NOT_ACTIVE,
				   "parent '%s': not active on %s", code, day);
	return status;
}

static int insert_membership(upf_db *db, sqlite3_int64 unit_id,
			     const char *day, sqlite3_int64 assignment_id,
			     sqlite3_int64 parent_id)
{
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO membership (unit_id, valid_from, assignment_id, "
		"parent_id) VALUES (?1, ?2, ?3, ?4)");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, unit_id);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
	if (assignment_id > 0)
		sqlite3_bind_int64(st, 3, assignment_id);
	if (parent_id > 0)
		sqlite3_bind_int64(st, 4, parent_id);
	return upf__step_done(db, st);
}

static int insert_unit(upf_db *db, const char *code, const char *name,
		       int level, sqlite3_int64 area_id, sqlite3_int64 *id)
{
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO unit (code, name, level, area_id) "
		"VALUES (?1, ?2, ?3, ?4)");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, level);
	if (area_id > 0)
		sqlite3_bind_int64(st, 4, area_id);
	int status = upf__insert_coded(db, st, UPF_E_UNIT, code);
	*id = sqlite3_last_insert_rowid(db->sql);
	return status;
}

static int check_new_unit(upf_db *db, const char *code, const char *name,
			  const char *from, char day[11])
{
	int status = upf__check_code(db, "code", code);
	if (!status)
		status = upf__check_text(db, "name", name, UPF_NAME_MAX);
	if (!status)
		status = upf__check_date(db, "from", from, day);
	return status;
}

int upf_unit_add_level2(upf_db *db, const char *code, const char *name,
			const char *assignment, const char *area,
			const char *from)
{
	char day[11];
	sqlite3_int64 assignment_id, area_id, id = 0;
	if (!db)
		return UPF_MISUSE;
	int need = upf__need(db, "code name assignment area", code, name, assignment, area);
	if (need)
		return need;
	int status = check_new_unit(db, code, name, from, day);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = upf__id_of(db, &assignment_id, UPF_E_ASSIGNMENT, "assignment",
			    assignment);
	if (!status)
		status = upf__id_of(db, &area_id, UPF_E_AREA, "area", area);
	if (!status)
		status = check_assignment_valid(db, assignment_id, assignment, day);
	if (!status)
		status = insert_unit(db, code, name, 2, area_id, &id);
	if (!status)
		status = insert_membership(db, id, day, assignment_id, 0);
	upf__cache_invalidate(db);
	return upf__end(db, status);
}

int upf_unit_add_level3(upf_db *db, const char *code, const char *name,
			const char *parent, const char *from)
{
	char day[11];
	struct upf_unit_ref p;
	sqlite3_int64 id = 0;
	if (!db)
		return UPF_MISUSE;
	int need = upf__need(db, "code name parent", code, name, parent);
	if (need)
		return need;
	int status = check_new_unit(db, code, name, from, day);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = check_parent(db, &p, parent, day);
	if (!status)
		status = insert_unit(db, code, name, 3, 0, &id);
	if (!status)
		status = insert_membership(db, id, day, 0, p.id);
	upf__cache_invalidate(db);
	return upf__end(db, status);
}

/* A move must come after the unit's start and its latest move; *current
 * receives the parent (or assignment) the unit has now. */
static int check_move_date(upf_db *db, const char *code, sqlite3_int64 unit_id,
			   const char *day, sqlite3_int64 *current)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT valid_from, coalesce(assignment_id, parent_id) "
		"FROM membership WHERE unit_id = ?1 "
		"ORDER BY valid_from DESC LIMIT 1");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, unit_id);
	int rc = sqlite3_step(st), status = UPF_OK;
	if (rc != SQLITE_ROW)
		status = upf__sqlfail(db, sqlite3_reset(st));
	else if (strcmp(day, (const char *)sqlite3_column_text(st, 0)) <= 0)
		status = upf__refuse(db, UPF_DETAIL_TOO_EARLY,
				   "from '%s': not after the start of unit '%s' "
				   "or its latest move, on %s",
				   day, code, sqlite3_column_text(st, 0));
	else
		*current = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	return status;
}

/* Which of parent and assignment a unit's level calls for. */
static int check_move_target(upf_db *db, const char *code, int level,
			     const char *parent, const char *assignment)
{
	if (level == 3 && !parent)
		return upf__fail(db, UPF_INVALID,
				 "parent: missing; unit '%s' is at level 3 and "
				 "moves to a level-2 unit", code);
	if (level == 2 && !assignment)
		return upf__fail(db, UPF_INVALID,
				 "assignment: missing; unit '%s' is at level 2 "
				 "and moves to an assignment", code);
	if (level == 3 && assignment)
		return upf__fail(db, UPF_INVALID,
				 "assignment '%s': unit '%s' is at level 3 and "
				 "moves to a parent unit", assignment, code);
	if (level == 2 && parent)
		return upf__fail(db, UPF_INVALID,
				 "parent '%s': unit '%s' is at level 2 and "
				 "moves to an assignment", parent, code);
	return UPF_OK;
}

/* After a change of the organisation, inside its transaction: what the
 * unit (and, for a level-2 unit, its units) or the assignment's units
 * have recorded must still lie within a valid membership, or the change
 * is refused with what it would leave outside: how many values,
 * deviations and basic follow-up records, and which periods. */
int upf__check_orphans(upf_db *db, enum upf_entity e, sqlite3_int64 id,
		       const char *code)
{
	sqlite3_stmt *st = upf__stmt(db,
		"WITH l2 (id) AS (SELECT ?1 UNION SELECT unit_id FROM membership "
		"  WHERE assignment_id = ?2), "
		"affected (id) AS (SELECT id FROM l2 UNION SELECT unit_id FROM membership "
		"  WHERE parent_id IN l2), "
		"spans AS (SELECT unit_id, valid_from AS f, "
		"  coalesce(valid_to, '9999-12-31') AS t FROM unit_lineage "
		"  WHERE unit_id IN affected), "
		"lost (kind, what) AS ("
		"  SELECT 'value', v.period FROM value_labelled v "
		"  JOIN measure m ON m.id = v.measure_id JOIN frequency q ON q.code = m.frequency "
		"  WHERE v.unit_id IN affected AND NOT EXISTS (SELECT 1 FROM spans s "
		"    WHERE s.unit_id = v.unit_id AND s.f <= upf_month_last(v.start + q.months - 1) "
		"    AND s.t >= upf_month_first(v.start)) "
		"  UNION ALL SELECT 'deviation', d.occurred FROM deviation d "
		"  WHERE d.unit_id IN affected AND NOT EXISTS (SELECT 1 FROM spans s "
		"    WHERE s.unit_id = d.unit_id AND s.f <= d.occurred AND s.t >= d.occurred) "
		"  UNION ALL SELECT 'basic', b.year FROM basic_record b "
		"  WHERE b.unit_id IN affected AND NOT EXISTS (SELECT 1 FROM spans s "
		"    WHERE s.unit_id = b.unit_id AND s.f <= b.year || '-12-31' "
		"    AND s.t >= b.year || '-01-01')) "
		"SELECT sum(kind = 'value'), sum(kind = 'deviation'), sum(kind = 'basic'), "
		"  (SELECT group_concat(what, ', ') FROM (SELECT DISTINCT what FROM lost "
		"   ORDER BY what LIMIT 6)) FROM lost");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, e == UPF_E_UNIT ? 1 : 2, id);
	int rc = sqlite3_step(st), status = UPF_OK;
	if (rc == SQLITE_ROW && sqlite3_column_int(st, 0) + sqlite3_column_int(st, 1) +
					sqlite3_column_int(st, 2) > 0)
		status = upf__refuse(db, UPF_DETAIL_ORPHANS,
				     "%s '%s': the change would leave %d values, %d "
				     "deviations and %d basic follow-up records (%s) "
				     "outside any valid membership; nothing was changed",
				     upf__entity_label(e), code, sqlite3_column_int(st, 0),
				     sqlite3_column_int(st, 1), sqlite3_column_int(st, 2),
				     sqlite3_column_text(st, 3));
	else if (rc != SQLITE_ROW)
		status = upf__sqlfail(db, rc);
	sqlite3_reset(st);
	return status;
}

int upf_unit_move(upf_db *db, const char *code, const char *parent,
		  const char *assignment, const char *from)
{
	char day[11];
	struct upf_unit_ref u, p = {0, 0};
	sqlite3_int64 assignment_id = 0, current = 0;
	if (!db)
		return UPF_MISUSE;
	int need = upf__need(db, "code", code);
	if (need)
		return need;
	int status = upf__check_date(db, "from", from, day);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = upf__unit_ref(db, &u, "code", code);
	if (!status)
		status = check_move_target(db, code, u.level, parent, assignment);
	if (!status)
		status = check_move_date(db, code, u.id, day, &current);
	if (!status && u.level == 3)
		status = check_parent(db, &p, parent, day);
	if (!status && u.level == 2)
		status = upf__id_of(db, &assignment_id, UPF_E_ASSIGNMENT,
				    "assignment", assignment);
	if (!status && u.level == 2)
		status = check_assignment_valid(db, assignment_id, assignment, day);
	if (!status && current == (u.level == 2 ? assignment_id : p.id))
		status = upf__refuse(db, UPF_DETAIL_UNCHANGED, "unit '%s': already under '%s'",
				   code, u.level == 2 ? assignment : parent);
	if (!status)
		status = insert_membership(db, u.id, day, assignment_id, p.id);
	if (!status)
		status = upf__check_orphans(db, UPF_E_UNIT, u.id, code);
	upf__cache_invalidate(db);
	return upf__end(db, status);
}

/* A change of one unit on a day, in its own transaction: the unit looked
 * up, the change made, and refused if it would leave what the unit
 * recorded outside any membership. */
static int change_unit(upf_db *db, const char *code, const char *field,
		       const char *date,
		       int (*change)(upf_db *db, const struct upf_unit_ref *u,
				     const char *code, const char *day))
{
	char day[11];
	struct upf_unit_ref u;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "code", code);
	if (!status && !date)
		status = upf__misuse(db, field);
	if (!status)
		status = upf__check_date(db, field, date, day);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = upf__unit_ref(db, &u, "code", code);
	if (!status)
		status = change(db, &u, code, day);
	if (!status)
		status = upf__check_orphans(db, UPF_E_UNIT, u.id, code);
	upf__cache_invalidate(db);
	return upf__end(db, status);
}

/* Closing: once, and not before the unit began. */
static int close_unit(upf_db *db, const struct upf_unit_ref *u, const char *code,
		      const char *day)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT u.closed_on, (SELECT min(valid_from) FROM membership "
		"  WHERE unit_id = u.id) FROM unit u WHERE u.id = ?1");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, u->id);
	int rc = sqlite3_step(st), status = UPF_OK;
	if (rc != SQLITE_ROW)
		status = upf__sqlfail(db, rc);
	else if (sqlite3_column_type(st, 0) != SQLITE_NULL)
		status = upf__refuse(db, UPF_DETAIL_CLOSED, "unit '%s': closed already, "
				     "on %s", code, sqlite3_column_text(st, 0));
	else if (strcmp(day, (const char *)sqlite3_column_text(st, 1)) < 0)
		status = upf__refuse(db, UPF_DETAIL_TOO_EARLY, "on '%s': before unit "
				     "'%s' started, on %s", day, code,
				     sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	st = status ? NULL : upf__stmt(db, "UPDATE unit SET closed_on = ?2 WHERE id = ?1");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, u->id);
		sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
		status = upf__step_done(db, st);
	}
	return status;
}

/* Withdrawing a move: the latest membership, and not the first, which is
 * the unit's start. */
static int withdraw_move(upf_db *db, const struct upf_unit_ref *u, const char *code,
			 const char *day)
{
	sqlite3_stmt *st = upf__stmt(db,
		"DELETE FROM membership WHERE unit_id = ?1 AND valid_from = ?2 "
		"AND valid_from = (SELECT max(valid_from) FROM membership WHERE unit_id = ?1) "
		"AND valid_from > (SELECT min(valid_from) FROM membership WHERE unit_id = ?1)");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, u->id);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
	int status = upf__step_done(db, st);
	if (!status && sqlite3_changes(db->sql) == 0)
		status = upf__fail(db, UPF_NOTFOUND, "from '%s': unit '%s' has no move "
				   "on that day that is its latest", day, code);
	return status;
}

int upf_unit_close(upf_db *db, const char *code, const char *on)
{
	return change_unit(db, code, "on", on, close_unit);
}

int upf_unit_move_withdraw(upf_db *db, const char *code, const char *from)
{
	return change_unit(db, code, "from", from, withdraw_move);
}

static int list_at(upf_table **out, upf_db *db, const char *sql,
		   const char *at)
{
	char day[11];
	int status = upf__table_out(db, out);
	if (status)
		return status;
	status = upf__check_date(db, "at", at, day);
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db, sql);
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
	return upf__table_from_stmt(out, db, st);
}

int upf_unit_list(upf_table **out, upf_db *db, const char *at)
{
	return list_at(out, db,
		"SELECT u.code, u.name, u.level, "
		"coalesce(pu.code, a.code) AS parent, sa.code AS area, "
		"a.code AS assignment, c.code AS committee, p.code AS provider, "
		"l.valid_from AS since "
		"FROM scope_lineage l JOIN unit u ON u.id = l.unit_id "
		"JOIN assignment a ON a.id = l.assignment_id "
		"JOIN committee c ON c.id = l.committee_id "
		"JOIN provider p ON p.id = l.provider_id "
		"JOIN service_area sa ON sa.id = l.area_id "
		"LEFT JOIN unit pu ON pu.id = l.parent_id "
		"WHERE l.valid_from <= ?1 AND (l.valid_to IS NULL OR l.valid_to >= ?1) "
		"ORDER BY u.code", at);
}

int upf_unit_history(upf_table **out, upf_db *db, const char *code)
{
	sqlite3_int64 id;
	int status = upf__table_out(db, out);
	if (status)
		return status;
	status = upf__id_of(db, &id, UPF_E_UNIT, "code", code);
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT l.valid_from, l.valid_to, "
		"coalesce(pu.code, a.code) AS parent, a.code AS assignment, "
		"c.code AS committee, p.code AS provider "
		"FROM scope_lineage l "
		"JOIN assignment a ON a.id = l.assignment_id "
		"JOIN committee c ON c.id = l.committee_id "
		"JOIN provider p ON p.id = l.provider_id "
		"LEFT JOIN unit pu ON pu.id = l.parent_id "
		"WHERE l.unit_id = ?1 ORDER BY l.valid_from");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, id);
	return upf__table_from_stmt(out, db, st);
}

int upf_org_tree(upf_table **out, upf_db *db, const char *at)
{
	/* Each row carries the codes of its ancestors as sort keys, so
	 * ordering by them lays the rows out as a depth-first tree. */
	return list_at(out, db,
		"WITH l AS (SELECT * FROM scope_lineage WHERE valid_from <= ?1 "
		"  AND (valid_to IS NULL OR valid_to >= ?1)), "
		"a AS (SELECT a.*, c.code AS ccode FROM assignment a "
		"  JOIN committee c ON c.id = a.committee_id "
		"  WHERE a.valid_from <= ?1 AND (a.valid_to IS NULL OR a.valid_to >= ?1) "
		"  AND a.id IN (SELECT id FROM scope_assignment)), "
		"tree AS ("
		"  SELECT 0 AS depth, 'committee' AS kind, code, name, NULL AS detail, "
		"    code AS k1, '' AS k2, '' AS k3, '' AS k4 FROM committee "
		"  WHERE upf_scope() IS NULL OR id IN (SELECT committee_id FROM a) "
		"  UNION ALL "
		"  SELECT 1, 'assignment', a.code, a.name, "
		"    p.name || ' (' || p.regime || ', ' || a.kind || ')', "
		"    a.ccode, a.code, '', '' "
		"  FROM a JOIN provider p ON p.id = a.provider_id "
		"  UNION ALL "
		"  SELECT 2, 'unit', u.code, u.name, sa.name, a.ccode, a.code, u.code, '' "
		"  FROM l JOIN unit u ON u.id = l.unit_id JOIN a ON a.id = l.assignment_id "
		"  JOIN service_area sa ON sa.id = l.area_id WHERE l.level = 2 "
		"  UNION ALL "
		"  SELECT 3, 'unit', u.code, u.name, NULL, a.ccode, a.code, pu.code, u.code "
		"  FROM l JOIN unit u ON u.id = l.unit_id JOIN a ON a.id = l.assignment_id "
		"  JOIN unit pu ON pu.id = l.parent_id WHERE l.level = 3) "
		"SELECT depth, kind, code, name, detail FROM tree "
		"ORDER BY k1, k2, k3, k4", at);
}
