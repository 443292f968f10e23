/* Scopes: a handle narrowed to one provider. What such a handle may see
 * is defined once, in SQL (schema/0018_scopes.sql: scope_assignment,
 * scope_unit, scope_lineage, all reading upf_scope()); this file holds
 * what enforces it on the handle:
 *
 *  - the lookups of a unit, an assignment, a provider or a committee by
 *    code refuse one outside the scope (upf__scope_check), so that a call
 *    naming another provider's unit is refused before it reads or writes;
 *  - an authorizer refuses every write to a table that only the
 *    administration changes (the organisation, the catalogue, plans,
 *    findings, assessments, committee reports), whatever the call;
 *  - temporary triggers refuse a row of a provider's own tables (values,
 *    deviations, actions, basic follow-up, reviews) outside the scope,
 *    and record the scope of each audited write in audit_scope.
 *
 * It is a guard inside a process trusted with the file, not access
 * control: whoever holds the file can open it unscoped. */
#include <ctype.h>
#include <string.h>

#include "internal.h"

/* A row of a provider's table belongs to the scope when its unit or its
 * assignment does; each guard names its table in the RAISE, which
 * upf__scope_failure turns into the handle's message. */
static const struct {
	const char *table, *row_in_scope;
} guards[] = {
	{"value", UPF_SCOPE_UNIT("R.unit_id")},
	{"deviation", UPF_SCOPE_UNIT("R.unit_id")},
	{"basic_record", UPF_SCOPE_UNIT("R.unit_id")},
	{"basic_analysis", UPF_SCOPE_UNIT("R.unit_id")},
	{"review", UPF_SCOPE_SUBJECT("R.unit_id", "R.assignment_id")},
	{"review_answer", "EXISTS (SELECT 1 FROM main.review v WHERE v.id = R.review_id AND "
			  UPF_SCOPE_SUBJECT("v.unit_id", "v.assignment_id") ")"},
	{"action", UPF_SCOPE_SUBJECT("R.unit_id", "R.assignment_id")},
	{"correction", "R.provider_id = upf_scope()"},
};

/* The tables a scoped handle writes: what a provider records (each has a
 * guard), and the bookkeeping of its writes. Every other table of the
 * main schema is the administration's. */
static const char *const bookkeeping[] = {"audit", "audit_scope", "sync_change",
					  "sync_export", NULL};

static int provider_table(const char *table)
{
	/* The full-text index of deviations' summaries, and its own tables. */
	if (!strncmp(table, "deviation_fts", 13))
		return 1;
	for (size_t g = 0; g < sizeof guards / sizeof guards[0]; g++)
		if (!strcmp(guards[g].table, table))
			return 1;
	for (int i = 0; bookkeeping[i]; i++)
		if (!strcmp(bookkeeping[i], table))
			return 1;
	return 0;
}

static int authorize(void *arg, int action, const char *a, const char *b,
		     const char *schema, const char *trigger)
{
	upf_db *db = arg;
	(void)b, (void)trigger;
	if (action != SQLITE_INSERT && action != SQLITE_UPDATE && action != SQLITE_DELETE)
		return SQLITE_OK;
	/* SQLite's own tables pass: declaring a virtual table such as
	 * json_each is an insert into the schema as the authorizer sees it. */
	if ((schema && !strcmp(schema, "temp")) || !a || !strncmp(a, "sqlite_", 7) ||
	    provider_table(a))
		return SQLITE_OK;
	snprintf(db->scope_denied, sizeof db->scope_denied, "%s", a);
	return SQLITE_DENY;
}

#define SCOPE_RAISE "upf-scope:"

/* Appends a guard's condition with its row alias R. made NEW. or OLD. */
static void append_condition(sqlite3_str *s, const char *cond, const char *row)
{
	for (const char *c = cond; *c; c++)
		if (c[0] == 'R' && c[1] == '.' && (c == cond || !isalnum((unsigned char)c[-1])))
			sqlite3_str_appendall(s, row);
		else
			sqlite3_str_appendchar(s, 1, *c);
}

/* The triggers of a scope, as one script: for each guarded table, a row
 * added, changed (as it was and as it becomes) or deleted must be the
 * scope's. NULL when memory ran out. */
static char *guard_script(const char *label)
{
	static const struct {
		const char *name, *when, *row;
	} ops[] = {
		{"i", "BEFORE INSERT", "NEW"}, {"u", "BEFORE UPDATE", "OLD"},
		{"v", "BEFORE UPDATE", "NEW"}, {"d", "BEFORE DELETE", "OLD"}};
	sqlite3_str *s = sqlite3_str_new(NULL);
	for (size_t g = 0; g < sizeof guards / sizeof guards[0]; g++)
		for (size_t o = 0; o < sizeof ops / sizeof ops[0]; o++) {
			sqlite3_str_appendf(s, "CREATE TEMP TRIGGER upf_scope_%s_%s %s ON main.%s "
					    "WHEN NOT ", guards[g].table, ops[o].name,
					    ops[o].when, guards[g].table);
			append_condition(s, guards[g].row_in_scope, ops[o].row);
			sqlite3_str_appendf(s, " BEGIN SELECT RAISE(ABORT, '" SCOPE_RAISE
					    "%s'); END;\n", guards[g].table);
		}
	sqlite3_str_appendf(s,
		"CREATE TEMP TRIGGER upf_scope_audit AFTER INSERT ON main.audit BEGIN "
		"INSERT INTO audit_scope (audit_id, scope) VALUES (NEW.id, %Q); END;",
		label);
	return sqlite3_str_finish(s);
}

/* Runs a script that changes the temporary schema whole or not at all. */
static int run_whole(upf_db *db, const char *script)
{
	int status = upf__exec(db, "SAVEPOINT upf_scope");
	if (status)
		return status;
	status = upf__exec(db, script);
	if (status) /* the failure's message is kept */
		sqlite3_exec(db->sql, "ROLLBACK TO upf_scope", NULL, NULL, NULL);
	sqlite3_exec(db->sql, "RELEASE upf_scope", NULL, NULL, NULL);
	return status;
}

/* The statements that drop the scope's triggers, if any: *out NULL when
 * there are none. */
static int drop_script(upf_db *db, char **out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->sql, "SELECT group_concat('DROP TRIGGER temp.' || name, ';') "
				    "FROM temp.sqlite_schema WHERE type = 'trigger' "
				    "AND name LIKE 'upf\\_scope\\_%' ESCAPE '\\'", -1, &st, NULL);
	int status = rc == SQLITE_OK ? upf__step_text(db, st, out) : upf__sqlfail(db, rc);
	sqlite3_finalize(st);
	return status;
}

void upf__scope_suspend(upf_db *db, int suspended)
{
	sqlite3_set_authorizer(db->sql, db->scope_id && !suspended ? authorize : NULL, db);
}

/* Narrows the handle to a provider, or widens it again (provider 0): the
 * old triggers dropped and the new made in one step, so that a failure
 * leaves the scope as it was. */
static int apply(upf_db *db, sqlite3_int64 provider, const char *label)
{
	char *drop = NULL, *make = NULL;
	int status = drop_script(db, &drop);
	if (!status && provider && !(make = guard_script(label)))
		status = upf__fail(db, UPF_NOMEM, "out of memory");
	char *script = status ? NULL : sqlite3_mprintf("%s%s%s", drop ? drop : "",
						       drop ? ";" : "", make ? make : "");
	if (!status && !script)
		status = upf__fail(db, UPF_NOMEM, "out of memory");
	if (!status)
		status = run_whole(db, script);
	sqlite3_free(script);
	sqlite3_free(make);
	upf_free(drop);
	if (status)
		return status;
	db->scope_id = provider;
	snprintf(db->scope, sizeof db->scope, "%s", provider ? label : "");
	upf__scope_suspend(db, 0);
	return UPF_OK;
}

int upf_db_set_scope(upf_db *db, const char *scope)
{
	if (!db)
		return UPF_MISUSE;
	if (db->batch)
		return upf__fail(db, UPF_MISUSE, "scope: a batch is open on the handle; "
				 "commit or free it first");
	if (db->scope_fixed && (!scope || strcmp(scope, db->scope)))
		return upf__refuse(db, UPF_DETAIL_SCOPE, "scope: this is %s's own registry; its "
				   "scope is always %s", db->scope + 9, db->scope);
	if (!scope || !*scope)
		return apply(db, 0, NULL) ? db->status : upf__ok(db);
	if (strncmp(scope, "provider:", 9))
		return upf__fail(db, UPF_INVALID, "scope '%s': must be provider:CODE",
				 upf__shown(scope));
	const char *code = scope + 9;
	int status = upf__check_code(db, "scope", code);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db, "SELECT id FROM provider WHERE code = ?1");
	if (status || !st)
		return status ? status : db->status;
	sqlite3_int64 id;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	if ((status = upf__step_int(db, st, &id)))
		return status;
	if (id < 0)
		return upf__fail(db, UPF_NOTFOUND, "scope '%s': unknown provider '%s'",
				 scope, code);
	upf__cache_invalidate(db);
	return apply(db, id, scope) ? db->status : upf__ok(db);
}

const char *upf_db_scope(const upf_db *db)
{
	return db && db->scope_id ? db->scope : NULL;
}

/* What each entity's "in the scope" is, bound to its id (?1). */
static const char *const in_scope_sql[] = {
	[UPF_E_UNIT] = "SELECT EXISTS (SELECT 1 FROM scope_unit WHERE unit_id = ?1)",
	[UPF_E_ASSIGNMENT] = "SELECT EXISTS (SELECT 1 FROM scope_assignment WHERE id = ?1)",
	[UPF_E_PROVIDER] = "SELECT ?1 = upf_scope()",
	[UPF_E_COMMITTEE] = "SELECT EXISTS (SELECT 1 FROM assignment a JOIN scope_assignment s "
			    "ON s.id = a.id WHERE a.committee_id = ?1)",
};

int upf__scope_check(upf_db *db, enum upf_entity e, sqlite3_int64 id,
		     const char *field, const char *code)
{
	if (!db->scope_id || (size_t)e >= sizeof in_scope_sql / sizeof in_scope_sql[0] ||
	    !in_scope_sql[e])
		return UPF_OK;
	sqlite3_stmt *st = upf__stmt(db, in_scope_sql[e]);
	sqlite3_int64 in;
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, id);
	int status = upf__step_int(db, st, &in);
	if (status || in == 1)
		return status;
	return upf__refuse(db, UPF_DETAIL_SCOPE, "%s: %s '%s' is outside the scope %s",
			   field, upf__entity_label(e), code, db->scope);
}

const char *upf__scope_where(const upf_db *db)
{
	static _Thread_local char where[sizeof db->scope + 16];
	if (!db->scope_id)
		return "";
	snprintf(where, sizeof where, " in the scope %s", db->scope);
	return where;
}

int upf__scope_admin(upf_db *db, const char *what)
{
	if (!db->scope_id)
		return UPF_OK;
	if (db->scope_fixed)
		return upf__refuse(db, UPF_DETAIL_SCOPE, "%s: made in the municipality's "
				   "registry only; this is the registry of the scope %s", what,
				   db->scope);
	return upf__refuse(db, UPF_DETAIL_SCOPE, "%s: the administration's alone, "
			   "refused under the scope %s", what, db->scope);
}

int upf__scope_failure(upf_db *db, int rc)
{
	const char *msg = sqlite3_errmsg(db->sql);
	if ((rc & 0xff) == SQLITE_AUTH && db->scope_denied[0])
		return upf__refuse(db, UPF_DETAIL_SCOPE, "scope %s: %s is changed only by "
				   "the administration; nothing was changed", db->scope,
				   db->scope_denied);
	if ((rc & 0xff) == SQLITE_CONSTRAINT && msg && !strncmp(msg, SCOPE_RAISE, strlen(SCOPE_RAISE)))
		return upf__refuse(db, UPF_DETAIL_SCOPE, "scope %s: a row of %s outside it; "
				   "nothing was changed", db->scope, msg + strlen(SCOPE_RAISE));
	return UPF_OK;
}
