/* Statements, transactions and lookups: the one way the library talks to
 * SQLite. */
#include <string.h>

#include "internal.h"

sqlite3_stmt *upf__stmt(upf_db *db, const char *sql)
{
	for (int i = 0; i < db->nstmts; i++) {
		if (db->stmts[i].sql == sql) {
			sqlite3_stmt *st = db->stmts[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	if (db->nstmts == db->capstmts) {
		int cap = db->capstmts ? 2 * db->capstmts : 32;
		void *p = upf__realloc(db->stmts, (size_t)cap * sizeof *db->stmts);
		if (!p) {
			upf__fail(db, UPF_NOMEM, "out of memory");
			return NULL;
		}
		db->stmts = p;
		db->capstmts = cap;
	}
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT,
				    &st, NULL);
	if (rc != SQLITE_OK) {
		upf__sqlfail(db, rc);
		return NULL;
	}
	db->stmts[db->nstmts].sql = sql;
	db->stmts[db->nstmts].st = st;
	db->nstmts++;
	return st;
}

void upf__stmts_finalize(upf_db *db)
{
	for (int i = 0; i < db->nstmts; i++)
		sqlite3_finalize(db->stmts[i].st);
	upf_free(db->stmts);
	db->stmts = NULL;
	db->nstmts = db->capstmts = 0;
}

int upf__exec(upf_db *db, const char *sql)
{
	int rc = sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? UPF_OK : upf__sqlfail(db, rc);
}

int upf__write_begin(upf_db *db)
{
	if (!db->actor)
		return upf__fail(db, UPF_MISUSE,
				 "actor: not set; call upf_db_set_actor() "
				 "before writing");
	if (db->batch)
		return upf__fail(db, UPF_MISUSE, "batch: open on this handle; "
				 "commit or free it before writing otherwise");
	return upf__exec(db, "BEGIN IMMEDIATE");
}

int upf__end(upf_db *db, int status)
{
	if (sqlite3_get_autocommit(db->sql))
		return status;
	if (status == UPF_OK) {
		int rc = sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
		if (rc == SQLITE_OK) {
			db->wrote = 1;
			return upf__ok(db);
		}
		status = upf__sqlfail(db, rc);
	}
	/* Keep the first failure's message: the rollback's is of no use. */
	sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	return status;
}

int upf__step_done(upf_db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? UPF_OK : upf__sqlfail(db, rc);
}

int upf__step_int(upf_db *db, sqlite3_stmt *st, sqlite3_int64 *out)
{
	int rc = sqlite3_step(st);
	*out = -1;
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		*out = sqlite3_column_int64(st, 0);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return UPF_OK;
	}
	rc = sqlite3_reset(st);
	return upf__sqlfail(db, rc);
}

int upf__step_text(upf_db *db, sqlite3_stmt *st, char **out)
{
	int rc = sqlite3_step(st), status;
	*out = NULL;
	if (rc == SQLITE_ROW) {
		const unsigned char *text = sqlite3_column_text(st, 0);
		*out = text ? upf__strdup((const char *)text) : NULL;
		status = *out ? upf__ok(db) : upf__fail(db, UPF_NOMEM, "out of memory");
	} else {
		status = upf__sqlfail(db, rc == SQLITE_DONE ? SQLITE_ERROR : rc);
	}
	sqlite3_reset(st);
	return status;
}

/* Table names cannot be bound, so each lookup is its own literal. */
static const char *lookup_sql(const char *what)
{
	if (!strcmp(what, "committee"))
		return "SELECT id FROM committee WHERE code = ?1";
	if (!strcmp(what, "provider"))
		return "SELECT id FROM provider WHERE code = ?1";
	if (!strcmp(what, "area"))
		return "SELECT id FROM service_area WHERE code = ?1";
	if (!strcmp(what, "assignment"))
		return "SELECT id FROM assignment WHERE code = ?1";
	if (!strcmp(what, "unit"))
		return "SELECT id FROM unit WHERE code = ?1";
	if (!strcmp(what, "measure"))
		return "SELECT id FROM measure WHERE code = ?1";
	if (!strcmp(what, "deviation type"))
		return "SELECT id FROM deviation_type WHERE code = ?1";
	if (!strcmp(what, "basic item"))
		return "SELECT id FROM basic_item WHERE code = ?1";
	if (!strcmp(what, "category"))
		return "SELECT id FROM deviation_category WHERE code = ?1";
	if (!strcmp(what, "quality area"))
		return "SELECT id FROM quality_area WHERE code = ?1";
	return NULL;
}

int upf__unit_level(upf_db *db, sqlite3_int64 *id, sqlite3_int64 *level,
		    const char *code, const char *from, const char *to)
{
	int status = upf__id_of(db, id, "unit", "unit", code);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT max(level) FROM unit_lineage WHERE unit_id = ?1 "
		"AND valid_from <= ?3 AND (valid_to IS NULL OR valid_to >= ?2)");
	if (status || !st)
		return status ? status : db->status;
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
	return upf__step_int(db, st, level);
}

int upf__id_of(upf_db *db, sqlite3_int64 *id, const char *what,
	       const char *field, const char *code)
{
	int status = upf__check_code(db, field, code);
	if (status)
		return status;
	const char *sql = lookup_sql(what);
	if (!sql)
		return upf__fail(db, UPF_ERROR, "no lookup for '%s'", what);
	sqlite3_stmt *st = upf__stmt(db, sql);
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	status = upf__step_int(db, st, id);
	if (status)
		return status;
	if (*id < 0)
		return upf__fail(db, UPF_NOTFOUND, "%s: unknown %s '%s'", field,
				 what, code);
	return UPF_OK;
}
