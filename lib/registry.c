/* Many registries: a registry's identity, and a provider's registry made
 * from the municipality's organisation.
 *
 * upf_org_export writes the part of the municipality's registry that a
 * provider's registry needs, as JSON: the provider's own organisation
 * (its committees, assignments, units and their memberships, read through
 * the scope's views), the catalogue (measures and everything they rest
 * on) and the plans and activities a provider records reviews in. Every
 * row keeps its id, so that what the provider records later names the
 * same measures and units in both registries. upf_org_import makes a new
 * registry the provider's from that document; later, from a document of
 * upf_org_export_for made for it, it brings that registry's organisation
 * and catalogue up to date. */
#include <string.h>

#include "internal.h"

#define ORG_FORMAT "uppfolj-org"
#define ORG_VERSION 1

/* How an import treats a table's rows already there: */
enum {
	UPSERT, /* brought up to date */
	LINK,   /* left as they are, and removed when the document lacks them */
	HISTORY /* left as they are: memberships are never rewritten nor removed */
};

/* The tables of the document, in the order they are inserted (each after
 * what it refers to), with the rows the provider gets (?1: the
 * provider's id; the scope views read it too) and how rows already there
 * are treated. */
static const struct {
	const char *table, *rows;
	int keep;
} org_tables[] = {
	{"committee", "id IN (SELECT committee_id FROM assignment WHERE provider_id = ?1)", UPSERT},
	{"provider", "id = ?1", UPSERT},
	{"service_area", "1", UPSERT},
	{"assignment", "provider_id = ?1", UPSERT},
	{"unit", "id IN (SELECT unit_id FROM scope_unit)", UPSERT},
	{"membership", "unit_id IN (SELECT unit_id FROM scope_unit) AND "
		       "(assignment_id IN (SELECT id FROM scope_assignment) OR "
		       "parent_id IN (SELECT unit_id FROM scope_unit))", HISTORY},
	{"quality_area", "1", UPSERT},
	{"process_goal", "committee_id IS NULL OR committee_id IN "
			 "(SELECT committee_id FROM assignment WHERE provider_id = ?1)", UPSERT},
	{"frequency", "1", UPSERT},
	{"method", "1", UPSERT},
	{"instrument", "1", UPSERT},
	{"criterion", "1", UPSERT},
	{"measure", "1", UPSERT},
	{"measure_area", "1", LINK},
	{"measure_goal", "goal_id IN (SELECT id FROM process_goal WHERE committee_id IS NULL "
			 "OR committee_id IN (SELECT committee_id FROM assignment "
			 "WHERE provider_id = ?1))", LINK},
	{"measure_method", "1", LINK},
	{"indicator", "1", UPSERT},
	{"rule", "1", UPSERT},
	{"deviation_type", "1", UPSERT},
	{"assessment", "1", UPSERT},
	{"deviation_category", "1", UPSERT},
	{"basic_item", "1", UPSERT},
	{"basic_item_area", "1", LINK},
	{"setting", "1", UPSERT},
	{"plan", "committee_id IN (SELECT committee_id FROM assignment WHERE provider_id = ?1)", UPSERT},
	{"activity", "plan_id IN (SELECT id FROM plan WHERE committee_id IN (SELECT committee_id "
		     "FROM assignment WHERE provider_id = ?1)) AND "
		     "(provider_id IS NULL OR provider_id = ?1)", UPSERT},
	{"activity_area", "activity_id IN (SELECT id FROM activity WHERE provider_id IS NULL "
			  "OR provider_id = ?1)", LINK},
	{"activity_method", "activity_id IN (SELECT id FROM activity WHERE provider_id IS NULL "
			    "OR provider_id = ?1)", LINK},
	{"activity_scope", "activity_id IN (SELECT id FROM activity WHERE provider_id IS NULL "
			   "OR provider_id = ?1)", LINK},
};
#define NORG (sizeof org_tables / sizeof org_tables[0])

/* The columns of a table as SQL builds them: each once per `each`, with
 * %1$w for the column's name; the table's own columns, never user data. */
static char *columns(upf_db *db, const char *table, const char *each, const char *sep)
{
	sqlite3_stmt *st = upf__stmt(db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid");
	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_str *s = sqlite3_str_new(db->sql);
	int rc, n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		if (n++)
			sqlite3_str_appendall(s, sep);
		for (const char *e = each; *e; e++)
			if (*e == '@')
				sqlite3_str_appendf(s, "\"%w\"", name);
			else if (*e == '$')
				sqlite3_str_appendf(s, "%Q", name);
			else
				sqlite3_str_appendchar(s, 1, *e);
	}
	sqlite3_reset(st);
	char *text = sqlite3_str_finish(s);
	if (rc != SQLITE_DONE || !text || !n) {
		sqlite3_free(text);
		if (rc != SQLITE_DONE)
			upf__sqlfail(db, rc);
		else
			upf__fail(db, UPF_NOMEM, "out of memory");
		return NULL;
	}
	return text;
}

/* Appends "table":[rows as objects] for one table of the document. */
static int export_table(upf_db *db, sqlite3_str *doc, size_t i, sqlite3_int64 provider)
{
	char *cols = columns(db, org_tables[i].table, "$, @", ", ");
	if (!cols)
		return db->status;
	char *sql = sqlite3_mprintf("SELECT json_group_array(json_object(%s)) FROM "
				    "(SELECT * FROM \"%w\" WHERE %s ORDER BY 1)", cols,
				    org_tables[i].table, org_tables[i].rows);
	sqlite3_free(cols);
	sqlite3_stmt *st = NULL;
	int rc = sql ? sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	if (rc == SQLITE_OK) {
		if (sqlite3_bind_parameter_count(st))
			sqlite3_bind_int64(st, 1, provider);
		rc = sqlite3_step(st);
	}
	int status = UPF_OK;
	const char *rows = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	if (rc == SQLITE_ROW && rows)
		sqlite3_str_appendf(doc, "%s\"%s\":%s", i ? "," : "", org_tables[i].table, rows);
	else
		status = rc == SQLITE_ROW ? upf__fail(db, UPF_NOMEM, "out of memory")
					  : upf__sqlfail(db, rc);
	sqlite3_finalize(st);
	return status;
}

/* Registers the registry the document is for as the municipality's next
 * provider registry: its id (*uid, sqlite3_free), and its number, which
 * says where its records' ids begin. */
static int new_peer(upf_db *db, sqlite3_int64 provider, char **uid)
{
	char today[11];
	upf__today(db, today);
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO sync_peer (uid, number, provider_id, made_on) "
		"SELECT lower(hex(randomblob(16))), coalesce(max(number), 0) + 1, ?1, ?2 "
		"FROM sync_peer RETURNING uid");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, provider);
	sqlite3_bind_text(st, 2, today, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st), status = UPF_OK;
	if (rc == SQLITE_ROW) {
		if (!(*uid = sqlite3_mprintf("%s", sqlite3_column_text(st, 0))))
			status = upf__fail(db, UPF_NOMEM, "out of memory");
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	if (!status && rc != SQLITE_DONE)
		status = upf__sqlfail(db, rc);
	st = status ? NULL : upf__stmt(db,
		"INSERT INTO audit (actor, tbl, op, key, new) VALUES (upf_actor(), 'sync_peer', "
		"'insert', ?1, upf_audit_row('provider', (SELECT code FROM provider WHERE id = ?2)))");
	if (st) {
		sqlite3_bind_text(st, 1, *uid, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, provider);
		status = upf__step_done(db, st);
	} else if (!status) {
		status = db->status;
	}
	return status;
}

/* The head of the document for a provider registry registered in
 * sync_peer: the members that name it (*head), and its provider (*provider,
 * *code); all sqlite3_free. */
static int peer_head(upf_db *db, const char *registry, sqlite3_int64 *provider, char **code,
		    char **head)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT printf('\"registry\":\"%s\",\"for\":\"%s\",\"id_base\":%lld', "
		"(SELECT uid FROM registry), s.uid, s.number * 4294967296), s.provider_id, p.code "
		"FROM sync_peer s JOIN provider p ON p.id = s.provider_id WHERE s.uid = ?1");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, registry, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st), status = UPF_OK;
	if (rc == SQLITE_ROW) {
		*provider = sqlite3_column_int64(st, 1);
		*head = sqlite3_mprintf("%s", sqlite3_column_text(st, 0));
		*code = sqlite3_mprintf("%s", sqlite3_column_text(st, 2));
		if (!*head || !*code)
			status = upf__fail(db, UPF_NOMEM, "out of memory");
	} else if (rc == SQLITE_DONE) {
		status = upf__fail(db, UPF_NOTFOUND, "registry '%s': no provider registry of "
				   "this registry's has that id ('uppfolj sync status' lists them)",
				   upf__shown(registry));
	} else {
		status = upf__sqlfail(db, rc);
	}
	sqlite3_reset(st);
	return status;
}

/* Writes the document, in the open transaction, which it ends. */
static int org_document(char **out, upf_db *db, int status, sqlite3_int64 id,
			const char *provider, const char *head)
{
	/* How far the trail had come: a later document is a newer state. */
	sqlite3_int64 as_of = 0;
	if (!status)
		status = upf__query_int(db, "SELECT coalesce(max(id), 0) FROM audit", &as_of);
	/* The provider's scope as its views see it, for the reads only. */
	db->scope_id = id;
	sqlite3_str *doc = sqlite3_str_new(db->sql);
	if (!status) {
		sqlite3_str_appendf(doc, "{\"format\":\"" ORG_FORMAT "\",\"version\":%d,"
				    "\"schema\":%d,%s,\"as_of\":%lld,\"provider\":", ORG_VERSION,
				    upf_schema_version(), head, as_of);
		upf__json_string(doc, provider);
		sqlite3_str_appendall(doc, ",\"tables\":{");
	}
	for (size_t i = 0; !status && i < NORG; i++)
		status = export_table(db, doc, i, id);
	db->scope_id = 0;
	if ((status = upf__end(db, status))) {
		sqlite3_free(sqlite3_str_finish(doc));
		return status;
	}
	sqlite3_str_appendall(doc, "}}\n");
	return upf__json_finish(db, doc, out);
}

int upf_org_export(char **out, upf_db *db, const char *provider)
{
	if (out)
		*out = NULL;
	if (!db)
		return UPF_MISUSE;
	if (!out)
		return upf__misuse(db, "out");
	sqlite3_int64 id;
	int status = upf__need(db, "provider", provider);
	if (!status)
		status = upf__scope_admin(db, "the organisation's export");
	if (!status)
		status = upf__id_of(db, &id, UPF_E_PROVIDER, "provider", provider);
	if (status || (status = upf__write_begin(db)))
		return status;
	char *uid = NULL, *head = NULL, *code = NULL;
	status = new_peer(db, id, &uid);
	if (!status)
		status = peer_head(db, uid, &id, &code, &head);
	status = org_document(out, db, status, id, code, head);
	sqlite3_free(uid);
	sqlite3_free(head);
	sqlite3_free(code);
	return status;
}

int upf_org_export_for(char **out, upf_db *db, const char *registry)
{
	if (out)
		*out = NULL;
	if (!db)
		return UPF_MISUSE;
	if (!out)
		return upf__misuse(db, "out");
	int status = upf__need(db, "registry", registry);
	if (!status)
		status = upf__scope_admin(db, "the organisation's export");
	if (status || (status = upf__write_begin(db)))
		return status;
	sqlite3_int64 id = 0;
	char *head = NULL, *code = NULL;
	status = peer_head(db, registry, &id, &code, &head);
	status = org_document(out, db, status, id, code, head);
	sqlite3_free(head);
	sqlite3_free(code);
	return status;
}

/* The document's header: its format, version and schema, the registry it
 * came from and the provider it is for; and no text of its rows that looks
 * like a personal identity number (the registries' ids are random hex,
 * whose digits may happen to). */
struct org_head {
	char from[33], self[33]; /* the municipality's registry; this one */
	char provider[UPF_CODE_MAX + 1];
	sqlite3_int64 id_base, as_of;
};

static int check_document(upf_db *db, const char *path, const char *doc,
			  struct org_head *h)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT CASE WHEN json_type(?1) IS NOT 'object' THEN 'not a JSON object' "
		"WHEN json_extract(?1, '$.format') IS NOT '" ORG_FORMAT "' "
		"  THEN 'not an organisation written by uppfolj org export' "
		"WHEN json_extract(?1, '$.version') IS NOT ?2 "
		"  THEN printf('version %s; this uppfolj reads %d', "
		"    json_extract(?1, '$.version'), ?2) "
		"WHEN json_extract(?1, '$.schema') IS NOT ?3 "
		"  THEN printf('written at schema version %s; this registry is at %d: "
		"export it again with this version', json_extract(?1, '$.schema'), ?3) "
		"WHEN length(json_extract(?1, '$.registry')) IS NOT 32 "
		"  OR length(json_extract(?1, '$.for')) IS NOT 32 "
		"  OR json_type(?1, '$.id_base') IS NOT 'integer' "
		"  THEN 'no registry id' "
		"WHEN json_type(?1, '$.as_of') IS NOT 'integer' THEN 'no as_of' "
		"WHEN json_type(?1, '$.tables') IS NOT 'object' THEN 'no tables' "
		"WHEN EXISTS (SELECT 1 FROM json_tree(?1, '$.tables') WHERE type = 'text' "
		"  AND upf_personal(atom)) "
		"  THEN 'a text looks like a personal identity number' END, "
		"json_extract(?1, '$.registry'), json_extract(?1, '$.provider'), "
		"json_extract(?1, '$.for'), json_extract(?1, '$.id_base'), "
		"json_extract(?1, '$.as_of')");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, doc, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, ORG_VERSION);
	sqlite3_bind_int(st, 3, upf_schema_version());
	int rc = sqlite3_step(st), status = UPF_OK;
	const char *problem = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	if (rc != SQLITE_ROW)
		status = rc == SQLITE_ERROR ? upf__fail(db, UPF_INVALID, "file '%s': not JSON",
							upf__shown(path))
					    : upf__sqlfail(db, rc);
	else if (problem)
		status = upf__fail(db, strstr(problem, "personal") ? UPF_PERSONAL : UPF_INVALID,
				   "file '%s': %s; nothing was written", upf__shown(path), problem);
	else {
		const char *p = (const char *)sqlite3_column_text(st, 2);
		snprintf(h->from, sizeof h->from, "%s", sqlite3_column_text(st, 1));
		snprintf(h->provider, sizeof h->provider, "%s", p ? p : "");
		snprintf(h->self, sizeof h->self, "%s", sqlite3_column_text(st, 3));
		h->id_base = sqlite3_column_int64(st, 4);
		h->as_of = sqlite3_column_int64(st, 5);
	}
	sqlite3_reset(st);
	return status;
}

/* Runs sql (sqlite3_free'd here) once, with the document (?1) and the
 * path of one table's rows in it (?2). */
static int run_on_rows(upf_db *db, char *sql, const char *doc, const char *table)
{
	char *where = sqlite3_mprintf("$.tables.%s", table);
	sqlite3_stmt *st = NULL;
	int rc = sql && where ? sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) : SQLITE_NOMEM;
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, doc, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, where, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
	}
	sqlite3_finalize(st);
	sqlite3_free(sql);
	sqlite3_free(where);
	return rc == SQLITE_DONE ? UPF_OK : upf__sqlfail(db, rc);
}

/* Inserts one table's rows of the document, keeping their ids. */
static int import_table(upf_db *db, const char *doc, size_t i)
{
	const char *t = org_tables[i].table;
	char *cols = columns(db, t, "@", ", ");
	char *vals = cols ? columns(db, t, "value->>$", ", ") : NULL;
	int upsert = org_tables[i].keep == UPSERT;
	char *sets = vals && upsert ? columns(db, t, "@ = excluded.@", ", ") : NULL;
	/* A row as it was is left alone, and leaves no audit entry. */
	char *same = sets ? columns(db, t, "@ IS excluded.@", " AND ") : NULL;
	if (!vals || (upsert && !same)) {
		sqlite3_free(cols);
		sqlite3_free(vals);
		sqlite3_free(sets);
		return db->status;
	}
	char *sql = upsert ? sqlite3_mprintf("INSERT INTO \"%w\" (%s) SELECT %s FROM "
					     "json_each(?1, ?2) WHERE true ON CONFLICT DO UPDATE "
					     "SET %s WHERE NOT (%s)", t, cols, vals, sets, same)
			   : sqlite3_mprintf("INSERT INTO \"%w\" (%s) SELECT %s FROM "
					     "json_each(?1, ?2) WHERE true ON CONFLICT DO NOTHING",
					     t, cols, vals);
	sqlite3_free(cols);
	sqlite3_free(vals);
	sqlite3_free(sets);
	sqlite3_free(same);
	return run_on_rows(db, sql, doc, t);
}

/* Removes the links of one table that the document no longer holds: an
 * applicability or a method the municipality took away. */
static int prune_table(upf_db *db, const char *doc, size_t i)
{
	const char *t = org_tables[i].table;
	char *same = columns(db, t, "x.@ IS j.value->>$", " AND ");
	if (!same)
		return db->status;
	char *sql = sqlite3_mprintf("DELETE FROM \"%w\" AS x WHERE NOT EXISTS (SELECT 1 FROM "
				    "json_each(?1, ?2) j WHERE %s)", t, same);
	sqlite3_free(same);
	return run_on_rows(db, sql, doc, t);
}

/* Every reference of what was inserted holds: else the first that does
 * not, named. */
static int check_references(upf_db *db, const char *path)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->sql, "SELECT \"table\", parent "
				    "FROM pragma_foreign_key_check LIMIT 1", -1, &st, NULL);
	int status = UPF_OK;
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		status = upf__fail(db, UPF_INVALID, "file '%s': a row of %s refers to a row "
				   "of %s that the file does not hold; nothing was written",
				   upf__shown(path), sqlite3_column_text(st, 0),
				   sqlite3_column_text(st, 1));
	else if (rc != SQLITE_DONE)
		status = upf__sqlfail(db, rc);
	sqlite3_finalize(st);
	return status;
}

/* A provider's registry takes a document made for it (the same registry,
 * provider and municipality's registry), and none older than the last it
 * took: that would turn its organisation back. */
static int check_same(upf_db *db, const char *path, const struct org_head *h)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT iif(r.uid = ?1 AND r.reports_to = ?2 AND p.code = ?3, "
		"coalesce(r.org_as_of, 0), -1) FROM registry r JOIN provider p ON p.id = r.provider_id");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, h->self, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, h->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, h->provider, -1, SQLITE_STATIC);
	sqlite3_int64 taken = -1;
	int status = upf__step_int(db, st, &taken);
	if (!status && taken < 0)
		status = upf__refuse(db, UPF_DETAIL_NONE, "file '%s': made for another registry "
				     "than this one; the municipality's registry makes this one's "
				     "with 'uppfolj org export --for' and its id; nothing was written",
				     upf__shown(path));
	else if (!status && h->as_of < taken)
		status = upf__refuse(db, UPF_DETAIL_NONE, "file '%s': older than the organisation "
				     "this registry took last (as of entry %lld, this of %lld); "
				     "export it again; nothing was written", upf__shown(path),
				     (long long)taken, (long long)h->as_of);
	return status;
}

/* A registry becomes a provider's only while it holds no organisation
 * and no records. */
static int check_new(upf_db *db)
{
	sqlite3_int64 n;
	int status = upf__query_int(db,
		"SELECT (SELECT count(*) FROM registry WHERE provider_id IS NOT NULL) + "
		"(SELECT count(*) FROM committee) + (SELECT count(*) FROM provider) + "
		"(SELECT count(*) FROM unit) + (SELECT count(*) FROM value) + "
		"(SELECT count(*) FROM deviation)", &n);
	if (!status && n > 0)
		status = upf__refuse(db, UPF_DETAIL_NONE, "registry: not a provider's, and "
				     "holds an organisation or records already; a provider's "
				     "registry is made from a new one (uppfolj init --from-org)");
	return status;
}

int upf_org_import(upf_db *db, const char *path)
{
	char *doc = NULL;
	struct org_head h;
	struct upf_file_id file;
	sqlite3_int64 update = 0; /* a provider's registry, brought up to date */
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "path", path);
	if (!status)
		status = upf__read_document(db, path, &doc, &file);
	if (!status)
		status = check_document(db, path, doc, &h);
	if (!status)
		status = upf__query_int(db, "SELECT provider_id IS NOT NULL FROM registry", &update);
	if (!status)
		status = update ? upf__write_begin_provider(db) : upf__write_begin(db);
	if (status) {
		upf_free(doc);
		return status;
	}
	status = update ? check_same(db, path, &h) : check_new(db);
	if (!status)
		status = upf__exec(db, "PRAGMA defer_foreign_keys = ON");
	/* The organisation is the administration's: its scope lets no handle
	 * on this registry write it, but for this. */
	upf__scope_suspend(db, 1);
	for (size_t i = 0; !status && i < NORG; i++) {
		status = import_table(db, doc, i);
		if (!status && update && org_tables[i].keep == LINK)
			status = prune_table(db, doc, i);
	}
	if (!status)
		status = check_references(db, path);
	sqlite3_stmt *st = status ? NULL : update ? upf__stmt(db,
		"UPDATE registry SET org_as_of = ?5") : upf__stmt(db,
		"UPDATE registry SET provider_id = (SELECT id FROM provider WHERE code = ?1), "
		"reports_to = ?2, uid = ?3, id_base = ?4, org_as_of = ?5");
	if (!status && !st)
		status = db->status;
	if (st) {
		sqlite3_bind_text(st, 1, h.provider, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, h.from, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, h.self, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, h.id_base);
		sqlite3_bind_int64(st, 5, h.as_of);
		status = upf__step_done(db, st);
	}
	upf__scope_suspend(db, 0);
	if (!status)
		status = upf__audit_import(db, update ? "organisation" : "registry", 1, &file);
	upf__cache_invalidate(db);
	upf_free(doc);
	status = upf__end(db, status);
	return status || update ? status : upf__registry_scope(db);
}

int upf__registry_scope(upf_db *db)
{
	char *code = NULL;
	sqlite3_stmt *st = upf__stmt(db, "SELECT 'provider:' || p.code FROM registry r "
				     "JOIN provider p ON p.id = r.provider_id");
	int status = st ? upf__step_text(db, st, &code) : db->status;
	if (!status && code) {
		status = upf_db_set_scope(db, code);
		db->scope_fixed = !status;
	}
	upf_free(code);
	if (!status && code)
		status = upf__query_int(db, "SELECT id_base FROM registry", &db->id_base);
	/* What it records is kept, write by write, to be sent. */
	if (!status && code)
		status = upf__sync_start(db);
	return status;
}

int upf_registry_show(upf_table **out, upf_db *db)
{
	return upf__list(out, db,
		"SELECT r.uid AS registry, iif(r.provider_id IS NULL, 'municipality', "
		"'provider') AS role, p.code AS provider, r.reports_to "
		"FROM registry r LEFT JOIN provider p ON p.id = r.provider_id");
}
