/* Stakeholders (intressenter) of the follow-up, and the duty to inform
 * them: that an activity's results were fed back, to whom, when and how. */
#include <string.h>

#include "internal.h"

#define UPF_NOTE_MAX 2000

static const char *const kinds[] = {"users", "relatives", "provider", "partner",
				    "staff", "union", "committee", "other", NULL};
static const char *const ways[] = {"meeting", "letter", "web", "report", NULL};

int upf_stakeholder_add(upf_db *db, const char *code, const char *name, const char *kind)
{
	if (!db)
		return UPF_MISUSE;
	int status = upf__check_code(db, "code", code);
	if (!status)
		status = upf__check_text(db, "name", name, UPF_NAME_MAX);
	if (!status)
		status = upf__check_choice(db, "kind", kind, kinds);
	if (status || (status = upf__write_begin(db)))
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO stakeholder (code, name, kind) VALUES (?1, ?2, ?3)");
	if (!st)
		return upf__end(db, db->status);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	return upf__end(db, upf__insert_coded(db, st, UPF_E_STAKEHOLDER, code));
}

int upf_stakeholder_list(upf_table **out, upf_db *db)
{
	int status = upf__table_out(db, out);
	if (!status) /* whom the administration informs */
		status = upf__scope_admin(db, "stakeholders");
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT k.code, k.name, k.kind, (SELECT count(*) FROM activity_stakeholder x "
		"WHERE x.stakeholder_id = k.id) AS activities FROM stakeholder k ORDER BY k.code");
	return st ? upf__table_from_stmt(out, db, st) : db->status;
}

/* The activity is done, not after the day, and names the stakeholder. */
static int check_informable(upf_db *db, const char *activity, sqlite3_int64 activity_id,
			    const char *stakeholder, sqlite3_int64 stakeholder_id,
			    const char *day)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT a.status, a.done_on, EXISTS (SELECT 1 FROM activity_stakeholder x "
		"WHERE x.activity_id = a.id AND x.stakeholder_id = ?2) FROM activity a "
		"WHERE a.id = ?1");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, activity_id);
	sqlite3_bind_int64(st, 2, stakeholder_id);
	int rc = sqlite3_step(st), status = UPF_OK;
	if (rc != SQLITE_ROW)
		status = upf__sqlfail(db, rc == SQLITE_DONE ? SQLITE_INTERNAL : rc);
	else if (strcmp((const char *)sqlite3_column_text(st, 0), "done"))
		status = upf__refuse(db, UPF_DETAIL_OUT_OF_ORDER, "activity '%s': its status "
				     "is '%s'; results are fed back once it is done", activity,
				     sqlite3_column_text(st, 0));
	else if (!sqlite3_column_int(st, 2))
		status = upf__refuse(db, UPF_DETAIL_OUT_OF_SCOPE, "stakeholder '%s': not a "
				     "stakeholder of activity '%s'; name it with "
				     "upf_activity_edit", stakeholder, activity);
	else
		status = upf__not_before(db, day, (const char *)sqlite3_column_text(st, 1),
					 "the activity was done");
	sqlite3_reset(st);
	return status;
}

int upf_activity_inform(upf_db *db, const char *activity, const char *stakeholder,
			const char *on, const char *how, const char *note)
{
	char day[11];
	sqlite3_int64 activity_id, stakeholder_id;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "activity stakeholder how", activity, stakeholder, how);
	if (!status)
		status = upf__check_date(db, "on", on, day);
	if (!status)
		status = upf__check_choice(db, "how", how, ways);
	if (!status && note)
		status = upf__check_prose(db, "note", note, UPF_NOTE_MAX);
	if (status || (status = upf__write_begin(db)))
		return status;
	status = upf__id_of(db, &activity_id, UPF_E_ACTIVITY, "activity", activity);
	if (!status)
		status = upf__id_of(db, &stakeholder_id, UPF_E_STAKEHOLDER, "stakeholder",
				    stakeholder);
	if (!status)
		status = check_informable(db, activity, activity_id, stakeholder,
					  stakeholder_id, day);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"INSERT INTO information (activity_id, stakeholder_id, informed_on, how, note) "
		"VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, activity_id);
		sqlite3_bind_int64(st, 2, stakeholder_id);
		sqlite3_bind_text(st, 3, day, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, how, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, note, -1, SQLITE_STATIC);
		status = upf__step_done(db, st);
	}
	return upf__end(db, status);
}
