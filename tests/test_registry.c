/* Many registries: a registry's identity, and a provider's own registry
 * made from the municipality's organisation (org_fixture.h: providers LL
 * and PV, PV's contract with L2B, B1 and B2). */
#include "org_fixture.h"

#include <sqlite3.h>

/* The municipality's organisation for PV, exported to a file. */
static const char *export_pv(struct fixture *f)
{
	char *doc = NULL;
	OK(f->db, upf_org_export(&doc, f->db, "PV"));
	const char *path = write_file(f, "org.json", doc);
	upf_free(doc);
	return path;
}

/* A cell of the registry's one row. */
static char *identity(upf_db *db, const char *column)
{
	static char buf[64];
	upf_table *t = NULL;
	OK(db, upf_registry_show(&t, db));
	assert_int_equal(upf_table_rows(t), 1);
	const char *v = cell_by(t, 0, upf_table_value(t, 0, 0), column);
	snprintf(buf, sizeof buf, "%s", v ? v : "(null)");
	upf_table_free(t);
	return buf;
}

/* "id code" of every row of a table, as SQLite reads the file. */
static char *ids(const char *path, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	sqlite3_str *s = sqlite3_str_new(NULL);
	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		sqlite3_str_appendf(s, "%lld %s\n", sqlite3_column_int64(st, 0),
				    sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return sqlite3_str_finish(s);
}

static void test_provider_registry(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db, *pv = NULL;
	upf_table *t = NULL;
	build_small_org(db);
	char municipality[40];
	snprintf(municipality, sizeof municipality, "%s", identity(db, "registry"));
	assert_int_equal(strlen(municipality), 32);
	assert_string_equal(identity(db, "role"), "municipality");
	char org[160];
	snprintf(org, sizeof org, "%s", export_pv(f));

	char path[160];
	snprintf(path, sizeof path, "%s", fixture_file(f, "pv.db"));
	OK(pv, upf_db_open_v2(&pv, path, UPF_OPEN_CREATE | UPF_OPEN_MIGRATE, "pv"));
	OK(pv, upf_org_import(pv, org));
	assert_string_equal(identity(pv, "role"), "provider");
	assert_string_equal(identity(pv, "provider"), "PV");
	assert_string_equal(identity(pv, "reports_to"), municipality);
	assert_string_not_equal(identity(pv, "registry"), municipality);
	assert_string_equal(upf_db_scope(pv), "provider:PV");

	/* The same ids in both registries: what PV records names the same
	 * units and measures in the municipality's. */
	char *mine = ids(path, "SELECT id, code FROM unit ORDER BY id");
	char *theirs = ids(f->path, "SELECT id, code FROM unit WHERE code IN ('L2B', 'B1', 'B2') "
			   "ORDER BY id");
	assert_string_equal(mine, theirs);
	assert_string_equal(mine, "2 L2B\n5 B1\n6 B2\n");
	sqlite3_free(mine);
	sqlite3_free(theirs);
	theirs = ids(f->path, "SELECT id, code FROM measure ORDER BY id");
	mine = ids(path, "SELECT id, code FROM measure ORDER BY id");
	assert_string_equal(mine, theirs);
	sqlite3_free(mine);
	sqlite3_free(theirs);

	/* It records for PV, and changes nothing of the municipality's. */
	OK(pv, upf_value_set(pv, "FLOW", "B1", "2026-03", 40, NULL, NULL, 0));
	FAILS(pv, upf_value_set(pv, "FLOW", "A1", "2026-03", 4, NULL, NULL, 0), UPF_NOTFOUND,
	      "unknown unit 'A1'");
	FAILS(pv, upf_unit_add_level3(pv, "B3", "Enhet B3", "L2B", "2026-01-01"), UPF_REFUSED,
	      "made in the municipality's registry only; this is the registry of the scope "
	      "provider:PV");
	FAILS(pv, upf_measure_add(pv, "X", "X", "result", "count", NULL), UPF_REFUSED,
	      "provider:PV");
	FAILS(pv, upf_db_set_scope(pv, NULL), UPF_REFUSED, "its scope is always provider:PV");
	FAILS(pv, upf_db_set_scope(pv, "provider:LL"), UPF_REFUSED, "PV's own registry");
	OK(pv, upf_db_set_scope(pv, "provider:PV"));
	/* Its own file: its checks and its copies are its own. */
	OK(pv, upf_db_doctor(&t, pv));
	upf_table_free(t);
	OK(pv, upf_db_backup(pv, fixture_file(f, "pv-copy.db")));
	upf_db_close(pv);

	/* Every handle on it is the provider's. */
	OK(pv, upf_db_open_v2(&pv, path, 0, "pv2"));
	assert_string_equal(upf_db_scope(pv), "provider:PV");
	assert_int_equal(rows_of(upf_provider_list(&t, pv), &t), 1);
	OK(pv, upf_audit_list(&t, pv, NULL, "pv"));
	assert_string_equal(cell_by(t, 3, "registry", "op"), "update");
	upf_table_free(t);
	/* Its own document again brings it up to date: nothing changed. */
	OK(pv, upf_org_import(pv, org));
	upf_db_close(pv);
}

/* The registry id of the municipality's only provider registry. */
static char *peer(upf_db *db)
{
	static char buf[40];
	upf_table *t = NULL;
	OK(db, upf_sync_status(&t, db));
	assert_int_equal(upf_table_rows(t), 1);
	snprintf(buf, sizeof buf, "%s", upf_table_value(t, 0, 0));
	upf_table_free(t);
	return buf;
}

/* The audit entries after `after`, as "table op key" lines. */
static char *entries_after(const char *path, long long after)
{
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT id, tbl || ' ' || op || ' ' || coalesce(key, '') "
		 "FROM audit WHERE id > %lld ORDER BY id", after);
	return ids(path, sql);
}

static long long last_entry(upf_db *db)
{
	upf_table *t = NULL;
	OK(db, upf_audit_list(&t, db, NULL, NULL));
	long long id = atoll(upf_table_value(t, upf_table_rows(t) - 1, 0));
	upf_table_free(t);
	return id;
}

/* The municipality changes the organisation and the catalogue; the
 * provider's registry takes the changes from a document made for it. */
static void test_organisation_update(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db, *pv = NULL;
	upf_table *t = NULL;
	char *doc = NULL;
	build_small_org(db);
	OK(db, upf_measure_edit(db, "FLOW", "{\"areas\": [\"hemtjanst\", \"sarskilt_boende\"]}"));
	char org[160], path[160];
	snprintf(org, sizeof org, "%s", export_pv(f));
	snprintf(path, sizeof path, "%s", fixture_file(f, "pv.db"));
	OK(pv, upf_db_open_v2(&pv, path, UPF_OPEN_CREATE | UPF_OPEN_MIGRATE, "pv"));
	OK(pv, upf_org_import(pv, org));
	OK(pv, upf_value_set(pv, "FLOW", "B1", "2026-03", 40, NULL, NULL, 0));

	OK(db, upf_unit_rename(db, "B1", "Enhet B1, Solgården"));
	OK(db, upf_unit_add_level3(db, "B3", "Enhet B3", "L2B", "2026-04-01"));
	OK(db, upf_unit_add_level3(db, "A3", "Enhet A3", "L2A", "2026-04-01"));
	OK(db, upf_measure_add(db, "NEW", "Ny", "structure", "count", NULL));
	OK(db, upf_measure_edit(db, "FLOW", "{\"areas\": [\"hemtjanst\"]}"));
	/* A document for the registry made before; not for an unknown one. */
	FAILS(db, upf_org_export_for(&doc, db, "0123456789abcdef0123456789abcdef"), UPF_NOTFOUND,
	      "no provider registry");
	assert_null(doc);
	OK(db, upf_org_export_for(&doc, db, peer(db)));
	char update[160];
	snprintf(update, sizeof update, "%s", write_file(f, "update.json", doc));
	upf_free(doc);

	long long before = last_entry(pv);
	OK(pv, upf_org_import(pv, update));
	char *changed = entries_after(path, before);
	/* Each change once, the others' unit not at all, and the import. */
	assert_non_null(strstr(changed, "unit update B1\n"));
	assert_non_null(strstr(changed, "unit insert B3\n"));
	assert_non_null(strstr(changed, "membership insert B3@2026-04-01\n"));
	assert_non_null(strstr(changed, "measure insert NEW\n"));
	assert_non_null(strstr(changed, "measure_area delete FLOW/sarskilt_boende\n"));
	assert_non_null(strstr(changed, "organisation bulk"));
	assert_null(strstr(changed, "A3"));
	assert_null(strstr(changed, "update FLOW"));
	assert_null(strstr(changed, "update L2B"));
	sqlite3_free(changed);
	/* What the municipality decided holds there: B3 records, FLOW no
	 * longer applies in PV's area; what was recorded stays. */
	OK(pv, upf_value_set(pv, "NEW", "B3", "2026-04", 2, NULL, NULL, 0));
	FAILS(pv, upf_value_set(pv, "FLOW", "B1", "2026-04", 1, NULL, NULL, 0), UPF_REFUSED,
	      "does not apply");
	OK(pv, upf_value_list(&t, pv, "FLOW", "B1", NULL));
	assert_int_equal(upf_table_rows(t), 1);
	upf_table_free(t);
	assert_int_equal(rows_of(upf_unit_list(&t, pv, "2026-05-01"), &t), 4);
	/* The organisation does not travel back: the changeset holds values. */
	OK(pv, upf_sync_export(&t, pv, fixture_file(f, "pv.sync"), -1));
	assert_int_equal(upf_table_rows(t), 1);
	assert_string_equal(cell(t, "value", "inserts"), "2");
	upf_table_free(t);
	/* The same document again changes nothing but says it was taken. */
	before = last_entry(pv);
	OK(pv, upf_org_import(pv, update));
	changed = entries_after(path, before);
	assert_int_equal(strchr(changed, '\n') - changed + 1, (long)strlen(changed));
	assert_non_null(strstr(changed, "organisation bulk"));
	sqlite3_free(changed);

	/* The first document, older, would turn the organisation back. */
	before = last_entry(pv);
	FAILS(pv, upf_org_import(pv, org), UPF_REFUSED, "older than the organisation this "
	      "registry took last");
	assert_int_equal(last_entry(pv), before);
	/* A document made for another registry is refused, changing nothing. */
	OK(db, upf_unit_rename(db, "B2", "Enhet B2, Ängen"));
	char other[160];
	snprintf(other, sizeof other, "%s", export_pv(f)); /* a second PV registry */
	before = last_entry(pv);
	FAILS(pv, upf_org_import(pv, other), UPF_REFUSED, "made for another registry");
	assert_int_equal(last_entry(pv), before);
	/* And the municipality's scoped handle makes none. */
	OK(db, upf_db_set_scope(db, "provider:PV"));
	FAILS(db, upf_org_export_for(&doc, db, "0123456789abcdef0123456789abcdef"), UPF_REFUSED,
	      "refused under the scope");
	upf_db_close(pv);
}

/* Replaces the first occurrence of what in a file's text by with. */
static const char *edited(struct fixture *f, const char *path, const char *name,
			  const char *what, const char *with)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	static char text[1 << 20];
	size_t n = fread(text, 1, sizeof text - 1, fp);
	fclose(fp);
	text[n] = '\0';
	char *at = strstr(text, what);
	assert_non_null(at);
	static char out[(1 << 20) + 256];
	snprintf(out, sizeof out, "%.*s%s%s", (int)(at - text), text, with, at + strlen(what));
	return write_file(f, name, out);
}

static void test_refused_documents(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db, *pv = NULL;
	char schema[64], older[64], org[160];
	build_small_org(db);
	snprintf(org, sizeof org, "%s", export_pv(f));
	char path[160];
	snprintf(path, sizeof path, "%s", fixture_file(f, "pv.db"));
	OK(pv, upf_db_open_v2(&pv, path, UPF_OPEN_CREATE | UPF_OPEN_MIGRATE, "pv"));
	assert_null(upf_db_scope(pv));

	FAILS(pv, upf_org_import(pv, write_file(f, "x.json", "{\"format\":")), UPF_INVALID,
	      "not JSON");
	FAILS(pv, upf_org_import(pv, write_file(f, "x.json", "[1,2]")), UPF_INVALID,
	      "not a JSON object");
	FAILS(pv, upf_org_import(pv, edited(f, org, "x.json", "uppfolj-org", "other")),
	      UPF_INVALID, "not an organisation written by uppfolj org export");
	snprintf(schema, sizeof schema, "\"schema\":%d", upf_schema_version());
	snprintf(older, sizeof older, "\"schema\":%d", upf_schema_version() - 1);
	FAILS(pv, upf_org_import(pv, edited(f, org, "x.json", schema, older)), UPF_INVALID,
	      "export it again with this version");
	/* A personal identity number in a name: refused, and never echoed. */
	FAILS(pv, upf_org_import(pv, edited(f, org, "x.json", "Enhet B1", "121212-1212")),
	      UPF_PERSONAL, "looks like a personal identity number");
	assert_null(strstr(upf_errmsg(pv), "1212"));
	/* A row whose parent the document lacks. */
	FAILS(pv, upf_org_import(pv, edited(f, org, "x.json", "\"assignment\":[{",
					    "\"assignment\":[],\"x\":[{")),
	      UPF_INVALID, "refers to a row of assignment that the file does not hold");
	FAILS(pv, upf_org_import(pv, fixture_file(f, "none.json")), UPF_IO, "cannot be opened");
	/* Nothing was written by any of them. */
	upf_table *t = NULL;
	assert_int_equal(rows_of(upf_unit_list(&t, pv, "2026-01-01"), &t), 0);
	assert_string_equal(identity(pv, "role"), "municipality");
	assert_null(upf_db_scope(pv));
	upf_db_close(pv);

	/* The municipality's own registry never becomes a provider's. */
	FAILS(db, upf_org_import(db, org), UPF_REFUSED, "holds an organisation");
	assert_string_equal(identity(db, "role"), "municipality");
	/* A scoped handle exports nothing. */
	char *doc = NULL;
	OK(db, upf_db_set_scope(db, "provider:PV"));
	FAILS(db, upf_org_export(&doc, db, "PV"), UPF_REFUSED, "refused under the scope");
	assert_null(doc);
	OK(db, upf_db_set_scope(db, NULL));
	FAILS(db, upf_org_export(&doc, db, "NOPE"), UPF_NOTFOUND, "unknown provider 'NOPE'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_provider_registry),
		TEST(test_organisation_update),
		TEST(test_refused_documents),
	};
	return RUN(tests);
}
