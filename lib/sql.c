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

/* Runs a statement without parameters or rows, prepared once per handle:
 * BEGIN and COMMIT are each write's, and parsing them anew each time cost
 * a single write a tenth of its time. */
int upf__run(upf_db *db, const char *sql)
{
	sqlite3_stmt *st = upf__stmt(db, sql);
	return st ? upf__step_done(db, st) : db->status;
}

int upf__read_begin(upf_db *db, int *began)
{
	*began = sqlite3_get_autocommit(db->sql);
	return *began ? upf__run(db, "BEGIN") : UPF_OK;
}

int upf__read_end(upf_db *db, int began, int status)
{
	if (!began || sqlite3_get_autocommit(db->sql))
		return status;
	if (status == UPF_OK)
		return upf__run(db, "COMMIT");
	sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	return status;
}

int upf__write_begin(upf_db *db)
{
	int status = upf__scope_admin(db, "this change");
	return status ? status : upf__write_begin_provider(db);
}

/* Begins a write; with foreign_keys 0, one that does not check them. */
static int begin(upf_db *db, int foreign_keys)
{
	/* A provider's registry records no change it could not send. */
	if (db->capture && !db->session && upf__sync_start(db))
		return db->status;
	if (!db->actor)
		return upf__fail(db, UPF_MISUSE,
				 "actor: not set; call upf_db_set_actor() "
				 "before writing");
	if (db->batch)
		return upf__fail(db, UPF_MISUSE, "batch: open on this handle; "
				 "commit or free it before writing otherwise");
	/* A transaction still open here is one whose rollback failed (out of
	 * memory in the rollback itself): end it before anything else. */
	if (!sqlite3_get_autocommit(db->sql))
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	/* The pragma holds for the connection, and only outside a
	 * transaction: set as this write needs, before it begins. */
	if (db->no_foreign_keys == foreign_keys) {
		if (upf__exec(db, foreign_keys ? "PRAGMA foreign_keys = ON"
					       : "PRAGMA foreign_keys = OFF"))
			return db->status;
		db->no_foreign_keys = !foreign_keys;
	}
	return upf__run(db, "BEGIN IMMEDIATE");
}

int upf__write_begin_provider(upf_db *db)
{
	return begin(db, 1);
}

int upf__write_begin_bulk(upf_db *db)
{
	return begin(db, 0);
}

/* Foreign keys are checked again after a bulk write, for whatever the
 * connection runs next; if that fails, the next write turns them on. */
static void checks_on(upf_db *db)
{
	if (db->no_foreign_keys && sqlite3_get_autocommit(db->sql) &&
	    sqlite3_exec(db->sql, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) == SQLITE_OK)
		db->no_foreign_keys = 0;
}

int upf__end(upf_db *db, int status)
{
	if (sqlite3_get_autocommit(db->sql))
		return status;
	if (status == UPF_OK && db->capture)
		status = upf__sync_keep(db);
	if (status == UPF_OK)
		status = upf__run(db, "COMMIT");
	/* A provider registry's session has kept this write, or saw a write
	 * that is rolled back: either way the next write begins a new one. */
	upf__sync_stop(db);
	if (status == UPF_OK) {
		db->wrote = 1;
		checks_on(db);
		return upf__ok(db);
	}
	/* Keep the first failure's message: the rollback's is of no use. A
	 * rollback that fails (it prepares a statement, which may run out of
	 * memory) is tried again, and the next write ends what is left. */
	for (int tries = 0; tries < 3 && !sqlite3_get_autocommit(db->sql); tries++)
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	checks_on(db);
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

int upf__query_int(upf_db *db, const char *sql, sqlite3_int64 *out)
{
	sqlite3_stmt *st = upf__stmt(db, sql);
	return st ? upf__step_int(db, st, out) : db->status;
}

int upf__column(upf_db *db, sqlite3_stmt *st, int col, const char **out)
{
	*out = (const char *)sqlite3_column_text(st, col);
	if (!*out && sqlite3_column_type(st, col) != SQLITE_NULL)
		return upf__fail(db, UPF_NOMEM, "out of memory");
	return UPF_OK;
}

int upf__step_text(upf_db *db, sqlite3_stmt *st, char **out)
{
	int rc = sqlite3_step(st), status = UPF_OK;
	*out = NULL;
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*out = upf__strdup((const char *)sqlite3_column_text(st, 0));
		if (!*out)
			status = upf__fail(db, UPF_NOMEM, "out of memory");
	} else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		status = upf__sqlfail(db, rc);
	}
	sqlite3_reset(st);
	return status;
}

/* Table names cannot be bound, so each entity has its own statement;
 * a short catalogue also lists its codes, for the message that refuses an
 * unknown one. */
#define CODES(table) "SELECT group_concat(code, ', ') FROM (SELECT code FROM " table \
		     " ORDER BY code)"
static const struct {
	const char *sql, *label, *codes;
} entities[] = {
	[UPF_E_COMMITTEE] = {"SELECT id FROM committee WHERE code = ?1", "committee", NULL},
	[UPF_E_PROVIDER] = {"SELECT id FROM provider WHERE code = ?1", "provider", NULL},
	[UPF_E_AREA] = {"SELECT id FROM service_area WHERE code = ?1", "area",
			CODES("service_area")},
	[UPF_E_ASSIGNMENT] = {"SELECT id FROM assignment WHERE code = ?1", "assignment", NULL},
	[UPF_E_UNIT] = {"SELECT id FROM unit WHERE code = ?1", "unit", NULL},
	[UPF_E_MEASURE] = {"SELECT id FROM measure WHERE code = ?1", "measure", NULL},
	[UPF_E_DEVIATION_TYPE] = {"SELECT id FROM deviation_type WHERE code = ?1",
				  "deviation type", CODES("deviation_type")},
	[UPF_E_CATEGORY] = {"SELECT id FROM deviation_category WHERE code = ?1",
			    "category", CODES("deviation_category")},
	[UPF_E_BASIC_ITEM] = {"SELECT id FROM basic_item WHERE code = ?1", "basic item", NULL},
	[UPF_E_QUALITY_AREA] = {"SELECT id FROM quality_area WHERE code = ?1",
				"quality area", CODES("quality_area")},
	[UPF_E_GOAL] = {"SELECT id FROM process_goal WHERE code = ?1", "goal", NULL},
	[UPF_E_METHOD] = {"SELECT id FROM method WHERE code = ?1", "method",
			  CODES("method")},
	[UPF_E_RULE] = {"SELECT id FROM rule WHERE code = ?1", "rule", NULL},
	[UPF_E_ACTIVITY] = {"SELECT id FROM activity WHERE code = ?1", "activity", NULL},
	[UPF_E_INSTRUMENT] = {"SELECT id FROM instrument WHERE code = ?1", "instrument", NULL},
	[UPF_E_STAKEHOLDER] = {"SELECT id FROM stakeholder WHERE code = ?1", "stakeholder", NULL},
	[UPF_E_INDICATOR] = {"SELECT id FROM indicator WHERE code = ?1",
			     "indicator", NULL},
};

const char *upf__entity_label(enum upf_entity e) { return entities[e].label; }

int upf__id_of(upf_db *db, sqlite3_int64 *id, enum upf_entity e,
	       const char *field, const char *code)
{
	int status = upf__check_code(db, field, code);
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db, entities[e].sql);
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	status = upf__step_int(db, st, id);
	if (status)
		return status;
	if (*id >= 0)
		return upf__scope_check(db, e, *id, field, code);
	char *codes = NULL;
	if (entities[e].codes) {
		st = upf__stmt(db, entities[e].codes);
		if (!st || (status = upf__step_text(db, st, &codes)))
			return st ? status : db->status;
	}
	status = upf__fail(db, UPF_NOTFOUND, "%s: unknown %s '%s'%s%s", field, entities[e].label,
			   code, codes ? "; known: " : "", codes ? codes : "");
	upf_free(codes);
	return status;
}

int upf__insert_coded(upf_db *db, sqlite3_stmt *st, enum upf_entity e,
		      const char *code)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return UPF_OK;
	if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return upf__fail(db, UPF_EXISTS, "code: %s '%s' already exists",
				 entities[e].label, code);
	return upf__sqlfail(db, rc);
}

int upf__add_named(upf_db *db, const char *sql, enum upf_entity e,
		   const char *code, const char *name)
{
	if (!db)
		return UPF_MISUSE;
	int status = upf__check_code(db, "code", code);
	if (!status)
		status = upf__check_text(db, "name", name, UPF_NAME_MAX);
	if (status || (status = upf__write_begin(db)))
		return status;
	sqlite3_stmt *st = upf__stmt(db, sql);
	if (!st)
		return upf__end(db, db->status);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	upf__cache_invalidate(db);
	return upf__end(db, upf__insert_coded(db, st, e, code));
}

int upf__list(upf_table **out, upf_db *db, const char *sql)
{
	int status = upf__table_out(db, out);
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db, sql);
	return st ? upf__table_from_stmt(out, db, st) : db->status;
}

int upf__set_links(upf_db *db, sqlite3_int64 owner, const char *list,
		   const char *drop_sql, const char *add_sql, enum upf_entity e,
		   const char *field)
{
	if (!list)
		return UPF_OK;
	sqlite3_stmt *st = upf__stmt(db, drop_sql);
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, owner);
	int status = upf__step_done(db, st);
	sqlite3_stmt *each = status ? NULL : upf__stmt(db,
		"SELECT DISTINCT value FROM json_each(?1)");
	if (!status && !each)
		status = db->status;
	if (status)
		return status;
	sqlite3_bind_text(each, 1, list, -1, SQLITE_STATIC);
	int rc;
	while (!status && (rc = sqlite3_step(each)) == SQLITE_ROW) {
		sqlite3_int64 id;
		char *code = upf__strdup((const char *)sqlite3_column_text(each, 0));
		if (!code) {
			status = upf__fail(db, UPF_NOMEM, "out of memory");
			break;
		}
		status = upf__id_of(db, &id, e, field, code);
		upf_free(code);
		if (!status && !(st = upf__stmt(db, add_sql)))
			status = db->status;
		if (!status) {
			sqlite3_bind_int64(st, 1, owner);
			sqlite3_bind_int64(st, 2, id);
			status = upf__step_done(db, st);
		}
	}
	/* The list read short (out of memory, say) must not pass for whole. */
	if (!status && rc != SQLITE_DONE)
		status = upf__sqlfail(db, rc);
	sqlite3_reset(each);
	return status;
}
