/* The committee's yearly plan of follow-up activities: added, decided at a
 * meeting, and from then on changed only by dated revisions; the status
 * of its activities (planned, started, done, cancelled). */
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define UPF_TEXT_MAX 2000

int upf__check_year(upf_db *db, int year)
{
	if (year < 1000 || year > 9999)
		return upf__fail(db, UPF_INVALID, "year '%d': must be 1000..9999", year);
	return UPF_OK;
}

int upf__check_year_text(upf_db *db, const char *year)
{
	if (strlen(year) != 4 || strspn(year, "0123456789") != 4 || year[0] == '0')
		return upf__fail(db, UPF_INVALID, "year '%s': must be 1000..9999",
				 upf__shown(year));
	return UPF_OK;
}

int upf__plan_of(upf_db *db, struct upf_plan *p, int year, const char *committee)
{
	sqlite3_int64 committee_id;
	memset(p, 0, sizeof *p);
	int status = upf__check_year(db, year);
	if (!status)
		status = upf__id_of(db, &committee_id, UPF_E_COMMITTEE, "committee", committee);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT id, decided_on FROM plan WHERE committee_id = ?1 AND year = ?2");
	if (status || !st)
		return status ? status : db->status;
	sqlite3_bind_int64(st, 1, committee_id);
	sqlite3_bind_int(st, 2, year);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p->id = sqlite3_column_int64(st, 0);
		p->year = year;
		snprintf(p->decided_on, sizeof p->decided_on, "%s",
			 sqlite3_column_type(st, 1) == SQLITE_NULL
				 ? "" : (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return upf__fail(db, UPF_NOTFOUND, "year '%d': committee '%s' has no plan "
				 "for it", year, committee);
	return rc == SQLITE_ROW ? UPF_OK : upf__sqlfail(db, rc);
}

int upf_plan_add(upf_db *db, int year, const char *committee, const char *title)
{
	sqlite3_int64 committee_id;
	char fallback[64];
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "committee", committee);
	if (!status)
		status = upf__check_year(db, year);
	if (!status && title)
		status = upf__check_text(db, "title", title, UPF_NAME_MAX);
	if (status || (status = upf__write_begin(db)))
		return status;
	snprintf(fallback, sizeof fallback, "Kvalitetsuppföljningsplan %d", year);
	status = upf__id_of(db, &committee_id, UPF_E_COMMITTEE, "committee", committee);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"INSERT INTO plan (committee_id, year, title) VALUES (?1, ?2, ?3)");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, committee_id);
		sqlite3_bind_int(st, 2, year);
		sqlite3_bind_text(st, 3, title ? title : fallback, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		status = rc == SQLITE_DONE ? UPF_OK
			 : rc == SQLITE_CONSTRAINT_UNIQUE
				 ? upf__fail(db, UPF_EXISTS, "year '%d': committee '%s' has "
					     "a plan for it already", year, committee)
				 : upf__sqlfail(db, rc);
	}
	return upf__end(db, status);
}

int upf_plan_decide(upf_db *db, int year, const char *committee, const char *on,
		    const char *reference)
{
	struct upf_plan p;
	char day[11];
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "committee reference", committee, reference);
	if (!status)
		status = upf__check_date(db, "on", on, day);
	if (!status)
		status = upf__check_text(db, "reference", reference, UPF_NAME_MAX);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = upf__plan_of(db, &p, year, committee);
	if (!status && p.decided_on[0])
		status = upf__refuse(db, UPF_DETAIL_DECIDED, "plan %d of committee '%s': "
				     "decided already, on %s", year, committee, p.decided_on);
	/* The activities' dates as decided, kept beside those they come to. */
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"UPDATE activity SET decided_start = start, decided_due = due "
		"WHERE plan_id = ?1 AND status <> 'cancelled'");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, p.id);
		status = upf__step_done(db, st);
	}
	st = status ? NULL : upf__stmt(db,
		"UPDATE plan SET decided_on = ?2, reference = ?3 WHERE id = ?1");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, p.id);
		sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, reference, -1, SQLITE_STATIC);
		status = upf__step_done(db, st);
	}
	return upf__end(db, status);
}

/* Runs a statement bound as (?1 plan id) into a table. */
static int plan_table(upf_table **out, upf_db *db, int year, const char *committee,
		      const char *sql)
{
	struct upf_plan p;
	int status = upf__table_out(db, out);
	if (!status)
		status = upf__need(db, "committee", committee);
	if (!status)
		status = upf__scope_admin(db, "plans");
	if (!status)
		status = upf__plan_of(db, &p, year, committee);
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db, sql);
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, p.id);
	return upf__table_from_stmt(out, db, st);
}

int upf_plan_show(upf_table **out, upf_db *db, int year, const char *committee)
{
	return plan_table(out, db, year, committee,
		"SELECT c.code AS committee, p.year, p.title, p.decided_on, p.reference, "
		"(SELECT count(*) FROM activity WHERE plan_id = p.id) AS activities, "
		"(SELECT count(*) FROM plan_revision WHERE plan_id = p.id) AS revisions "
		"FROM plan p JOIN committee c ON c.id = p.committee_id WHERE p.id = ?1");
}

int upf_plan_list(upf_table **out, upf_db *db)
{
	if (db && upf__scope_admin(db, "plans")) {
		if (out)
			*out = NULL;
		return db->status;
	}
	return upf__list(out, db,
		"SELECT c.code AS committee, p.year, p.title, p.decided_on, p.reference, "
		"count(a.id) AS activities, sum(a.status IS 'planned') AS planned, "
		"sum(a.status IS 'started') AS started, sum(a.status IS 'done') AS done, "
		"sum(a.status IS 'cancelled') AS cancelled "
		"FROM plan p JOIN committee c ON c.id = p.committee_id "
		"LEFT JOIN activity a ON a.plan_id = p.id "
		"GROUP BY p.id ORDER BY p.year, c.code");
}

int upf_plan_revision_list(upf_table **out, upf_db *db, int year,
			   const char *committee)
{
	return plan_table(out, db, year, committee,
		"SELECT r.revised_on, a.code AS activity, r.change, r.reason, r.old_start, "
		"r.old_due, r.new_start, r.new_due FROM plan_revision r "
		"JOIN activity a ON a.id = r.activity_id WHERE r.plan_id = ?1 "
		"ORDER BY r.revised_on, r.id");
}

int upf__plan_revise(upf_db *db, const struct upf_plan *p, sqlite3_int64 activity,
		     const char *change, const char *day, const char *reason,
		     const char *const dates[4])
{
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO plan_revision (plan_id, revised_on, activity_id, change, "
		"reason, old_start, old_due, new_start, new_due) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, p->id);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, activity);
	sqlite3_bind_text(st, 4, change, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, reason, -1, SQLITE_STATIC);
	for (int i = 0; dates && i < 4; i++)
		sqlite3_bind_text(st, 6 + i, dates[i], -1, SQLITE_STATIC);
	return upf__step_done(db, st);
}

/* ---- The status of an activity ------------------------------------------- */

/* What a step needs to know of an activity. */
struct act {
	sqlite3_int64 id;
	struct upf_plan plan;
	char status[12], start[11], due[11], started_on[11];
};

static int load_activity(upf_db *db, const char *code, struct act *a)
{
	int status = upf__id_of(db, &a->id, UPF_E_ACTIVITY, "code", code);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT a.status, a.start, a.due, coalesce(a.started_on, ''), p.id, p.year, "
		"coalesce(p.decided_on, '') FROM activity a JOIN plan p ON p.id = a.plan_id "
		"WHERE a.id = ?1");
	if (status || !st)
		return status ? status : db->status;
	sqlite3_bind_int64(st, 1, a->id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		char *const fields[] = {a->status, a->start, a->due, a->started_on};
		const size_t sizes[] = {sizeof a->status, sizeof a->start, sizeof a->due,
					sizeof a->started_on};
		for (int i = 0; i < 4; i++)
			snprintf(fields[i], sizes[i], "%s", sqlite3_column_text(st, i));
		a->plan.id = sqlite3_column_int64(st, 4);
		a->plan.year = sqlite3_column_int(st, 5);
		snprintf(a->plan.decided_on, sizeof a->plan.decided_on, "%s",
			 sqlite3_column_text(st, 6));
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? UPF_OK : upf__sqlfail(db, rc);
}

/* A step from one of the statuses in `from` (separated by spaces), dated
 * no earlier than `floor` (may be ""). */
static int check_step(upf_db *db, const char *code, const struct act *a,
		      const char *from, const char *step, const char *day,
		      const char *floor, const char *floor_what)
{
	char padded[32];
	snprintf(padded, sizeof padded, " %s ", a->status);
	char allowed[64];
	snprintf(allowed, sizeof allowed, " %s ", from);
	if (!strstr(allowed, padded))
		return upf__refuse(db, UPF_DETAIL_OUT_OF_ORDER, "activity '%s': cannot %s; "
				   "its status is '%s'", code, step, a->status);
	return upf__not_before(db, day, floor, floor_what);
}

/* Runs an UPDATE of one activity bound as (?1 id, ?2 day, ?3 text). */
static int update_activity(upf_db *db, const char *sql, sqlite3_int64 id,
			   const char *day, const char *text)
{
	sqlite3_stmt *st = upf__stmt(db, sql);
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
	return upf__step_done(db, st);
}

/* Starts a step: the day checked, the transaction begun, the activity
 * loaded. On failure the transaction is ended. */
static int begin_step(upf_db *db, const char *code, const char *on, char day[11],
		      struct act *a)
{
	int status = upf__need(db, "code", code);
	if (!status)
		status = upf__check_date(db, "on", on, day);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = load_activity(db, code, a);
	return status ? upf__end(db, status) : UPF_OK;
}

int upf_activity_start(upf_db *db, const char *code, const char *on)
{
	char day[11];
	struct act a;
	if (!db)
		return UPF_MISUSE;
	int status = begin_step(db, code, on, day, &a);
	if (status)
		return status;
	status = check_step(db, code, &a, "planned", "start", day, "", "");
	if (!status)
		status = update_activity(db, "UPDATE activity SET status = 'started', "
					 "started_on = ?2 WHERE id = ?1", a.id, day, NULL);
	return upf__end(db, status);
}

int upf_activity_done(upf_db *db, const char *code, const char *on)
{
	char day[11];
	struct act a;
	if (!db)
		return UPF_MISUSE;
	int status = begin_step(db, code, on, day, &a);
	if (status)
		return status;
	status = check_step(db, code, &a, "started", "be done", day, a.started_on,
			    "it started");
	if (!status)
		status = update_activity(db, "UPDATE activity SET status = 'done', "
					 "done_on = ?2 WHERE id = ?1", a.id, day, NULL);
	return upf__end(db, status);
}

int upf_activity_cancel(upf_db *db, const char *code, const char *on,
			const char *reason)
{
	char day[11];
	struct act a;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "reason", reason);
	if (!status)
		status = upf__check_prose(db, "reason", reason, UPF_TEXT_MAX);
	if (status || (status = begin_step(db, code, on, day, &a)))
		return status;
	status = check_step(db, code, &a, "planned started", "be cancelled", day,
			    a.started_on, "it started");
	if (!status)
		status = update_activity(db, "UPDATE activity SET status = 'cancelled', "
					 "cancelled_on = ?2, cancel_reason = ?3 WHERE id = ?1",
					 a.id, day, reason);
	if (!status && a.plan.decided_on[0])
		status = upf__plan_revise(db, &a.plan, a.id, "cancelled", day, reason, NULL);
	return upf__end(db, status);
}

int upf_activity_move(upf_db *db, const char *code, const char *start,
		      const char *due, const char *on, const char *reason)
{
	char day[11], s[11], d[11];
	struct act a;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "code start due", code, start, due);
	if (!status)
		status = upf__check_date(db, "start", start, s);
	if (!status)
		status = upf__check_date(db, "due", due, d);
	if (!status && strcmp(d, s) < 0)
		status = upf__fail(db, UPF_INVALID, "due '%s': before start '%s'", d, s);
	if (!status && reason)
		status = upf__check_prose(db, "reason", reason, UPF_TEXT_MAX);
	if (status || (status = begin_step(db, code, on, day, &a)))
		return status;
	status = check_step(db, code, &a, "planned started", "be moved", day, "", "");
	if (!status && a.plan.decided_on[0] && !reason)
		status = upf__refuse(db, UPF_DETAIL_DECIDED, "activity '%s': its plan was "
				     "decided on %s; a move is a revision: give its "
				     "reason", code, a.plan.decided_on);
	if (!status && a.plan.decided_on[0]) {
		const char *const dates[4] = {a.start, a.due, s, d};
		status = upf__plan_revise(db, &a.plan, a.id, "moved", day, reason, dates);
	}
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"UPDATE activity SET start = ?2, due = ?3 WHERE id = ?1");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, a.id);
		sqlite3_bind_text(st, 2, s, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, d, -1, SQLITE_STATIC);
		status = upf__step_done(db, st);
	}
	return upf__end(db, status);
}
