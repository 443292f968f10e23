/* Period locks: a committee's approval of a period. While a lock holds,
 * the values its units recorded for the period stay as approved; an
 * unlock needs a reason and stays in the record. */
#include <string.h>

#include "internal.h"

#define UPF_REASON_MAX 500

int upf__locked(upf_db *db, const struct upf_lock *l, const char *unit, const char *period)
{
	if (l->report_id)
		return upf__refuse(db, UPF_DETAIL_LOCKED,
				   "period '%s': locked for unit '%s' by committee report %lld, "
				   "presented at the meeting of %s; unlock it with a reason first",
				   upf__shown(period), unit, (long long)l->report_id, l->on);
	return upf__refuse(db, UPF_DETAIL_LOCKED,
			   "period '%s': locked for unit '%s' since %s (period %s approved); "
			   "unlock it with a reason first", upf__shown(period), unit, l->on,
			   l->period);
}

int upf__lock_insert(upf_db *db, sqlite3_int64 committee_id, const char *period,
		     int from, int to, sqlite3_int64 report_id)
{
	char today[11];
	upf__today(db, today);
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO period_lock (committee_id, period, from_month, to_month, "
		"report_id, locked_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, committee_id);
	sqlite3_bind_text(st, 2, period, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, from);
	sqlite3_bind_int(st, 4, to);
	if (report_id)
		sqlite3_bind_int64(st, 5, report_id);
	sqlite3_bind_text(st, 6, today, -1, SQLITE_TRANSIENT);
	int status = upf__step_done(db, st);
	upf__cache_invalidate(db);
	return status;
}

/* Whether a lock of the committee already holds the whole period. */
static int already_locked(upf_db *db, sqlite3_int64 committee_id, int from, int to,
			  const char *committee, const char *period)
{
	sqlite3_int64 n;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT count(*) FROM period_lock WHERE committee_id = ?1 "
		"AND unlocked_on IS NULL AND from_month <= ?2 AND to_month >= ?3");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, committee_id);
	sqlite3_bind_int(st, 2, from);
	sqlite3_bind_int(st, 3, to);
	int status = upf__step_int(db, st, &n);
	if (!status && n > 0)
		status = upf__fail(db, UPF_EXISTS, "period '%s': already locked for "
				   "committee '%s'", upf__shown(period), committee);
	return status;
}

int upf_period_lock(upf_db *db, const char *committee, const char *period)
{
	sqlite3_int64 committee_id;
	int from, to;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "committee period", committee, period);
	if (!status)
		status = upf__period_parse(db, "period", period, &from, &to);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = upf__id_of(db, &committee_id, UPF_E_COMMITTEE, "committee", committee);
	if (!status)
		status = already_locked(db, committee_id, from, to, committee, period);
	if (!status)
		status = upf__lock_insert(db, committee_id, period, from, to, 0);
	return upf__end(db, status);
}

int upf_period_unlock(upf_db *db, const char *committee, const char *period,
		      const char *reason)
{
	sqlite3_int64 committee_id;
	char today[11];
	int from, to;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "committee period reason", committee, period, reason);
	if (!status)
		status = upf__period_parse(db, "period", period, &from, &to);
	if (!status)
		status = upf__check_prose(db, "reason", reason, UPF_REASON_MAX);
	if (status || (status = upf__write_begin(db)))
		return status;
	upf__today(db, today);
	status = upf__id_of(db, &committee_id, UPF_E_COMMITTEE, "committee", committee);
	/* What a lock held before and after the period goes on being held. */
	sqlite3_stmt *keep = status ? NULL : upf__stmt(db,
		"INSERT INTO period_lock (committee_id, period, from_month, to_month, report_id, "
		"locked_on) SELECT committee_id, printf('%04d-%02d..%04d-%02d', a / 12, "
		"a % 12 + 1, b / 12, b % 12 + 1), a, b, report_id, locked_on FROM ("
		"SELECT id, committee_id, report_id, locked_on, from_month AS a, ?2 - 1 AS b "
		"FROM period_lock WHERE committee_id = ?1 AND unlocked_on IS NULL "
		"AND from_month <= ?3 AND to_month >= ?2 UNION ALL "
		"SELECT id, committee_id, report_id, locked_on, ?3 + 1, to_month "
		"FROM period_lock WHERE committee_id = ?1 AND unlocked_on IS NULL "
		"AND from_month <= ?3 AND to_month >= ?2) WHERE a <= b ORDER BY id, a");
	sqlite3_stmt *st = status || !keep ? NULL : upf__stmt(db,
		"UPDATE period_lock SET unlocked_on = ?4, reason = ?5, unlocked = ?6 "
		"WHERE committee_id = ?1 AND unlocked_on IS NULL AND from_month <= ?3 "
		"AND to_month >= ?2 AND id <= ?7");
	if (!status && !st)
		status = db->status;
	sqlite3_int64 last = 0;
	if (!status)
		status = upf__query_int(db, "SELECT coalesce(max(id), 0) FROM period_lock", &last);
	if (!status) {
		sqlite3_bind_int64(keep, 1, committee_id);
		sqlite3_bind_int(keep, 2, from);
		sqlite3_bind_int(keep, 3, to);
		status = upf__step_done(db, keep);
	}
	if (!status) {
		sqlite3_bind_int64(st, 1, committee_id);
		sqlite3_bind_int(st, 2, from);
		sqlite3_bind_int(st, 3, to);
		sqlite3_bind_text(st, 4, today, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, reason, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, period, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 7, last);
		status = upf__step_done(db, st);
	}
	if (!status && sqlite3_changes(db->sql) == 0)
		status = upf__fail(db, UPF_NOTFOUND, "period '%s': no lock of committee '%s' "
				   "holds any of it", upf__shown(period), committee);
	upf__cache_invalidate(db);
	return upf__end(db, status);
}

int upf_period_lock_list(upf_table **out, upf_db *db, const char *committee)
{
	int status = upf__table_out(db, out);
	if (status)
		return status;
	sqlite3_int64 committee_id = 0;
	if (committee && (status = upf__id_of(db, &committee_id, UPF_E_COMMITTEE,
					      "committee", committee)))
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT c.code AS committee, k.period, "
		"printf('%04d-%02d', k.from_month / 12, k.from_month % 12 + 1) AS \"from\", "
		"printf('%04d-%02d', k.to_month / 12, k.to_month % 12 + 1) AS \"to\", "
		"k.report_id AS report, r.meeting, k.locked_on, k.unlocked_on, k.unlocked, "
		"k.reason "
		"FROM period_lock k JOIN committee c ON c.id = k.committee_id "
		"LEFT JOIN committee_report r ON r.id = k.report_id "
		"WHERE (?1 IS NULL OR k.committee_id = ?1) AND (upf_scope() IS NULL OR "
		"  k.committee_id IN (SELECT a.committee_id FROM assignment a "
		"  WHERE " UPF_SCOPE_ASSIGNMENT("a.id") ")) "
		"ORDER BY c.code, k.from_month, k.id");
	if (!st)
		return db->status;
	if (committee_id)
		sqlite3_bind_int64(st, 1, committee_id);
	return upf__table_from_stmt(out, db, st);
}
