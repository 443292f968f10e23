/* The audit trail. The schema's triggers write it, so that no write path
 * can forget it (they call the functions of functions.c); this file reads
 * the trail back. */
#include <string.h>

#include "internal.h"

int upf__audit_import(upf_db *db, const char *table, long rows,
		      const struct upf_file_id *file)
{
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), ?1, "
		"'bulk', ?3, upf_audit_row('rows', ?2, 'file', ?3, 'bytes', ?4, "
		"'sha256', ?5))");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, rows);
	sqlite3_bind_text(st, 3, file->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, file->bytes);
	sqlite3_bind_text(st, 5, file->sha256, -1, SQLITE_STATIC);
	return upf__step_done(db, st);
}

int upf_audit_list(upf_table **out, upf_db *db, const char *since,
		 const char *actor)
{
	int status = upf__table_out(db, out);
	if (status)
		return status;
	status = since ? upf__check_date(db, "since", since, NULL) : UPF_OK;
	if (!status && actor)
		status = upf__check_text(db, "actor", actor, UPF_ACTOR_MAX);
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT a.id, a.at, a.actor, a.tbl AS \"table\", a.op, a.key, a.old, a.new, "
		"s.scope FROM audit a LEFT JOIN audit_scope s ON s.audit_id = a.id "
		"WHERE (?1 IS NULL OR a.at >= ?1) AND (?2 IS NULL OR a.actor = ?2) "
		"AND (?3 OR a.id IN (SELECT audit_id FROM scope_audit)) ORDER BY a.id");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, since, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, actor, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, db->scope_fixed); /* a provider's own trail is whole */
	return upf__table_from_stmt(out, db, st);
}
