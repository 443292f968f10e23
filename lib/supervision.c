/* Supervision reports (tillsyn) from IVO and Arbetsmiljöverket: not
 * incidents in a unit, but a report to which a response is due, at the
 * level the authority addressed. Received, responded, closed. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define UPF_SUMMARY_MAX 2000
/* A response due within this many days is due soon. */
#define UPF_REMINDER_DAYS 14

static const char *const authorities[] = {"IVO", "AMV", NULL};

/* The unit or the assignment addressed: exactly one. */
static int addressee(upf_db *db, const char *unit, const char *assignment,
		     sqlite3_int64 *unit_id, sqlite3_int64 *assignment_id)
{
	*unit_id = *assignment_id = 0;
	if (!unit == !assignment)
		return upf__fail(db, UPF_INVALID, "%s: give a unit or an assignment, not %s",
				 unit ? "assignment" : "unit", unit ? "both" : "neither");
	return unit ? upf__id_of(db, unit_id, UPF_E_UNIT, "unit", unit)
		    : upf__id_of(db, assignment_id, UPF_E_ASSIGNMENT, "assignment", assignment);
}

int upf_supervision_add(long long *id, upf_db *db, const char *authority,
			const char *unit, const char *assignment, const char *reference,
			const char *summary, const char *received, const char *due)
{
	char day[11], due_day[11];
	sqlite3_int64 unit_id, assignment_id;
	if (id)
		*id = 0;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "authority summary due", authority, summary, due);
	if (!status)
		status = upf__check_choice(db, "authority", authority, authorities);
	if (!status && reference)
		status = upf__check_text(db, "reference", reference, UPF_NAME_MAX);
	if (!status)
		status = upf__check_prose(db, "summary", summary, UPF_SUMMARY_MAX);
	if (!status)
		status = upf__check_date(db, "received", received, day);
	if (!status)
		status = upf__check_date(db, "due", due, due_day);
	if (!status && strcmp(due_day, day) < 0)
		status = upf__fail(db, UPF_INVALID, "due '%s': before it was received, %s",
				   due_day, day);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = addressee(db, unit, assignment, &unit_id, &assignment_id);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"INSERT INTO supervision (authority, reference, unit_id, assignment_id, "
		"summary, received_on, response_due) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_text(st, 1, authority, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, reference, -1, SQLITE_STATIC);
		if (unit_id > 0)
			sqlite3_bind_int64(st, 3, unit_id);
		if (assignment_id > 0)
			sqlite3_bind_int64(st, 4, assignment_id);
		sqlite3_bind_text(st, 5, summary, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, day, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, due_day, -1, SQLITE_STATIC);
		status = upf__step_done(db, st);
	}
	if (!status && id)
		*id = sqlite3_last_insert_rowid(db->sql);
	return upf__end(db, status);
}

/* A step: responding (after it was received, once) or closing (after the
 * response, once). */
static int step(upf_db *db, long long id, const char *on, int closing)
{
	char day[11], floor[11] = "";
	if (!db)
		return UPF_MISUSE;
	int status = upf__check_date(db, "on", on, day);
	if (status || (status = upf__write_begin(db)))
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT received_on, responded_on, closed_on FROM supervision WHERE id = ?1");
	if (!st)
		return upf__end(db, db->status);
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		status = upf__fail(db, UPF_NOTFOUND, "id: no supervision report %s",
				   upf__shown_id(id, (char[24]){0}));
	else if (rc != SQLITE_ROW)
		status = upf__sqlfail(db, rc);
	else if (sqlite3_column_type(st, 2) != SQLITE_NULL)
		status = upf__refuse(db, UPF_DETAIL_CLOSED, "supervision report %lld: closed "
				     "on %s", id, sqlite3_column_text(st, 2));
	else if (!closing && sqlite3_column_type(st, 1) != SQLITE_NULL)
		status = upf__refuse(db, UPF_DETAIL_OUT_OF_ORDER, "supervision report %lld: "
				     "responded to already, on %s", id, sqlite3_column_text(st, 1));
	else if (closing && sqlite3_column_type(st, 1) == SQLITE_NULL)
		status = upf__refuse(db, UPF_DETAIL_OUT_OF_ORDER, "supervision report %lld: "
				     "not responded to; it closes after the response", id);
	else
		snprintf(floor, sizeof floor, "%s", sqlite3_column_text(st, closing ? 1 : 0));
	sqlite3_reset(st);
	if (!status)
		status = upf__not_before(db, day, floor, closing ? "the response was given"
								 : "it was received");
	st = status ? NULL : upf__stmt(db, closing
		? "UPDATE supervision SET closed_on = ?2 WHERE id = ?1"
		: "UPDATE supervision SET responded_on = ?2 WHERE id = ?1");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
		status = upf__step_done(db, st);
	}
	return upf__end(db, status);
}

int upf_supervision_respond(upf_db *db, long long id, const char *on)
{
	return step(db, id, on, 0);
}

int upf_supervision_close(upf_db *db, long long id, const char *on)
{
	return step(db, id, on, 1);
}

static const char *const list_keys[] = {"open", "authority", "at", NULL};

int upf_supervision_list(upf_table **out, upf_db *db, const char *params_json)
{
	struct upf_opts o;
	char at[11];
	int status = upf__table_out(db, out);
	if (!status)
		status = upf__scope_admin(db, "supervision cases");
	if (!status)
		status = upf__opts_parse(db, "params", params_json, list_keys, &o);
	if (status)
		return status;
	status = upf__check_date(db, "at", upf__opt(&o, "at"), at);
	if (!status && upf__opt(&o, "authority"))
		status = upf__check_choice(db, "authority", upf__opt(&o, "authority"),
					   authorities);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT s.id, s.authority, s.reference, u.code AS unit, a.code AS assignment, "
		"s.summary, s.received_on, s.response_due, s.responded_on, s.closed_on, "
		"CASE WHEN s.closed_on IS NOT NULL THEN 'closed' "
		"  WHEN s.responded_on IS NOT NULL THEN 'responded' ELSE 'received' END "
		"  AS status, "
		"iif(s.responded_on IS NULL, CAST(julianday(s.response_due) - julianday(?1) "
		"  AS INTEGER), NULL) AS days_left, "
		"CASE WHEN s.responded_on IS NOT NULL THEN NULL "
		"  WHEN s.response_due < ?1 THEN 'overdue' "
		"  WHEN julianday(s.response_due) - julianday(?1) <= ?4 THEN 'due' END "
		"  AS reminder "
		"FROM supervision s LEFT JOIN unit u ON u.id = s.unit_id "
		"LEFT JOIN assignment a ON a.id = s.assignment_id "
		"WHERE (NOT ?2 OR s.closed_on IS NULL) AND (?3 IS NULL OR s.authority = ?3) "
		"ORDER BY s.response_due, s.id");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_text(st, 1, at, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, upf__opt_true(&o, "open"));
		sqlite3_bind_text(st, 3, upf__opt(&o, "authority"), -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, UPF_REMINDER_DAYS);
		status = upf__table_from_stmt(out, db, st);
	}
	upf__opts_free(&o);
	return status;
}
