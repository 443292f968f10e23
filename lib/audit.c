/* The audit trail. The schema's triggers write it, so that no write path
 * can forget it; this file gives them the two functions they call, and
 * reads the trail back. */
#include <string.h>

#include "internal.h"

/* upf_actor(): the actor of the write in progress. Writes are refused
 * without an actor (upf__write_begin), so only migrations see the
 * fallback. */
static void actor_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc, (void)argv;
	upf_db *db = sqlite3_user_data(ctx);
	sqlite3_result_text(ctx, db->actor ? db->actor : "uppfolj", -1,
			    SQLITE_TRANSIENT);
}

static void json_string(sqlite3_str *s, const char *v)
{
	sqlite3_str_appendchar(s, 1, '"');
	for (; *v; v++) {
		unsigned char c = (unsigned char)*v;
		if (c == '"' || c == '\\')
			sqlite3_str_appendf(s, "\\%c", c);
		else if (c < 0x20)
			sqlite3_str_appendf(s, "\\u%04x", c);
		else
			sqlite3_str_appendchar(s, 1, (char)c);
	}
	sqlite3_str_appendchar(s, 1, '"');
}

/* upf_audit_row(key, value, ...): a JSON object of a row. SQLite's own
 * json_object() is not innocuous in 3.40, and the registry runs with
 * trusted_schema=OFF, so the triggers use this one. */
static void row_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	sqlite3_str *s = sqlite3_str_new(sqlite3_context_db_handle(ctx));
	sqlite3_str_appendchar(s, 1, '{');
	for (int i = 0; i + 1 < argc; i += 2) {
		const char *key = (const char *)sqlite3_value_text(argv[i]);
		if (i)
			sqlite3_str_appendchar(s, 1, ',');
		json_string(s, key ? key : "");
		sqlite3_str_appendchar(s, 1, ':');
		switch (sqlite3_value_type(argv[i + 1])) {
		case SQLITE_NULL:
			sqlite3_str_appendall(s, "null");
			break;
		case SQLITE_INTEGER:
			sqlite3_str_appendf(s, "%lld", sqlite3_value_int64(argv[i + 1]));
			break;
		case SQLITE_FLOAT:
			sqlite3_str_appendf(s, "%!.17g", sqlite3_value_double(argv[i + 1]));
			break;
		default:
			json_string(s, (const char *)sqlite3_value_text(argv[i + 1]));
		}
	}
	sqlite3_str_appendchar(s, 1, '}');
	int rc = sqlite3_str_errcode(s);
	char *json = sqlite3_str_finish(s);
	if (rc == SQLITE_NOMEM || !json)
		sqlite3_result_error_nomem(ctx);
	else
		sqlite3_result_text(ctx, json, -1, sqlite3_free);
}

int upf__audit_register(upf_db *db)
{
	int rc = sqlite3_create_function(db->sql, "upf_actor", 0,
					 SQLITE_UTF8 | SQLITE_INNOCUOUS, db,
					 actor_func, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db->sql, "upf_audit_row", -1,
					     SQLITE_UTF8 | SQLITE_INNOCUOUS |
						     SQLITE_DETERMINISTIC,
					     NULL, row_func, NULL, NULL);
	return rc == SQLITE_OK ? UPF_OK : upf__sqlfail(db, rc);
}

int upf_log_list(upf_table **out, upf_db *db, const char *since,
		 const char *actor)
{
	*out = NULL;
	if (!db)
		return UPF_MISUSE;
	int status = since ? upf__check_date(db, "since", since, NULL) : UPF_OK;
	if (!status && actor)
		status = upf__check_text(db, "actor", actor, UPF_ACTOR_MAX);
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT id, at, actor, tbl AS \"table\", op, key, old, new "
		"FROM audit WHERE (?1 IS NULL OR at >= ?1) "
		"AND (?2 IS NULL OR actor = ?2) ORDER BY id");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, since, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, actor, -1, SQLITE_STATIC);
	return upf__table_from_stmt(out, db, st);
}
