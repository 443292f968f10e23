/* The registry core: open, migrate, refuse, close, statuses, actor. */
#include <sqlite3.h>
#include <sys/stat.h>

#include "helpers.h"
#include "internal.h"
#include "org_fixture.h"

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(h), SQLITE_OK);
}

static void test_version_and_statuses(void **state)
{
	(void)state;
	assert_string_equal(upf_version(), UPF_TEST_VERSION);
	assert_true(upf_schema_version() >= 1);
	assert_string_equal(upf_status_name(UPF_NOTFOUND), "UPF_NOTFOUND");
	assert_string_equal(upf_status_name(UPF_PERSONAL), "UPF_PERSONAL");
	assert_null(upf_status_name(-999));
	assert_string_equal(upf_strerror(UPF_OK), "not an error");
	assert_string_equal(upf_strerror(-999), "unknown status");
	/* The numbers are part of the ABI: they never change. */
	assert_int_equal(UPF_NOMEM, -2);
	assert_int_equal(UPF_NEWER, -7);
	assert_int_equal(UPF_PERSONAL, -13);
}

static void test_free_functions_accept_null(void **state)
{
	(void)state;
	upf_free(NULL);
	upf_db_close(NULL);
	upf_table_free(NULL);
	assert_string_equal(upf_errmsg(NULL),
			    "no handle: it is NULL, or opening ran out of memory");
	assert_int_equal(upf_errcode(NULL), UPF_NOMEM);
	assert_int_equal(upf_table_rows(NULL), 0);
	assert_null(upf_table_value(NULL, 0, 0));
}

static void test_new_registry_is_private(void **state)
{
	struct fixture *f = *state;
	struct stat sb;
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* The write-ahead log holds registry data too. */
	OK(f->db, upf_committee_add(f->db, "SON", "Social- och omsorgsnämnden"));
	assert_int_equal(stat(fixture_file(f, "registry.db-wal"), &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
}

static void test_open_sets_identity_and_version(void **state)
{
	struct fixture *f = *state;
	upf_table *t = NULL;
	upf_db_close(f->db);
	f->db = NULL;
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT (SELECT application_id "
					    "FROM pragma_application_id), "
					    "(SELECT user_version FROM pragma_user_version), "
					    "(SELECT journal_mode FROM pragma_journal_mode)",
					    -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0x55504631);
	assert_int_equal(sqlite3_column_int(st, 1), upf_schema_version());
	assert_string_equal((const char *)sqlite3_column_text(st, 2), "wal");
	sqlite3_finalize(st);
	sqlite3_close(h);
	/* Reopening migrates nothing: one 'migrate' entry in the trail, from
	 * version 0 to the library's. */
	OK(f->db, upf_db_open(&f->db, f->path));
	OK(f->db, upf_audit_list(&t, f->db, NULL, "uppfolj"));
	int migrations = 0;
	for (int r = 0; r < upf_table_rows(t); r++)
		if (!strcmp(upf_table_value(t, r, 4), "migrate")) {
			migrations++;
			assert_string_equal(upf_table_value(t, r, 6), "{\"version\":0}");
		}
	assert_int_equal(migrations, 1);
	upf_table_free(t);
}

static void test_newer_registry_refused_unchanged(void **state)
{
	struct fixture *f = *state;
	long before_len, after_len;
	upf_db *db = NULL;
	struct stat sb;
	upf_db_close(f->db);
	f->db = NULL;
	raw_exec(f->path, "PRAGMA user_version = 99");
	char *before = slurp(f->path, &before_len);
	assert_int_equal(upf_db_open(&db, f->path), UPF_NEWER);
	assert_non_null(strstr(upf_errmsg(db), "99"));
	char mine[16];
	snprintf(mine, sizeof mine, "%d", upf_schema_version());
	assert_non_null(strstr(upf_errmsg(db), mine));
	upf_db_close(db);
	char *after = slurp(f->path, &after_len);
	assert_int_equal(before_len, after_len);
	assert_memory_equal(before, after, (size_t)before_len);
	assert_int_not_equal(stat(fixture_file(f, "registry.db-wal"), &sb), 0);
	free(before);
	free(after);
}

static void test_foreign_files_refused(void **state)
{
	struct fixture *f = *state;
	upf_db *db = NULL;
	char *other = fixture_file(f, "other.db");
	raw_exec(other, "CREATE TABLE t (x)");
	FAILS(db, upf_db_open(&db, other), UPF_NOTREGISTRY, "not an uppfolj registry");
	upf_db_close(db);

	char *text = fixture_file(f, "notes.txt");
	FILE *fp = fopen(text, "w");
	assert_non_null(fp);
	fputs("this is not a database, but it is long enough to look at.\n", fp);
	fclose(fp);
	assert_int_equal(upf_db_open(&db, text), UPF_NOTREGISTRY);
	assert_non_null(strstr(upf_errmsg(db), "notes.txt"));
	upf_db_close(db);

	assert_int_equal(upf_db_open(&db, "/nonexistent/dir/x.db"), UPF_IO);
	assert_non_null(strstr(upf_errmsg(db), "/nonexistent/dir/x.db"));
	upf_db_close(db);
}

static void test_writes_need_an_actor(void **state)
{
	struct fixture *f = *state;
	upf_db *db = NULL;
	OK(db, upf_db_open(&db, f->path));
	FAILS(db, upf_committee_add(db, "SON", "Social- och omsorgsnämnden"),
	      UPF_MISUSE, "actor");
	FAILS(db, upf_db_set_actor(db, ""), UPF_INVALID, "actor");
	FAILS(db, upf_db_set_actor(db, "19811218-9876"), UPF_PERSONAL, "actor");
	FAILS(db, upf_db_set_actor(db, "a-name-that-is-far-too-long-for-an-actor-"
				     "because-it-goes-on-and-on-and-on"),
	      UPF_INVALID, "actor");
	OK(db, upf_db_set_actor(db, "handläggare"));
	OK(db, upf_committee_add(db, "SON", "Social- och omsorgsnämnden"));
	assert_int_equal(upf_errcode(db), UPF_OK);
	assert_string_equal(upf_errmsg(db), "not an error");
	upf_db_close(db);
}

/* A rollback that ran out of memory leaves its transaction open; the next
 * write ends it instead of failing with "within a transaction" (the
 * out-of-memory loop found this at one allocation of 440,000). */
static void test_write_after_a_failed_rollback(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	assert_int_equal(sqlite3_exec(db->sql, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	OK(db, upf_committee_add(db, "AN", "Äldrenämnden"));
	assert_int_equal(sqlite3_get_autocommit(db->sql), 1);
}

static void test_busy_timeout(void **state)
{
	struct fixture *f = *state;
	sqlite3 *h = NULL;
	FAILS(f->db, upf_db_set_busy_timeout(f->db, -1), UPF_INVALID, "-1");
	OK(f->db, upf_db_set_busy_timeout(f->db, 0));
	assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL),
			 SQLITE_OK);
	FAILS(f->db, upf_committee_add(f->db, "SON", "Socialnämnden"), UPF_BUSY,
	      NULL);
	assert_int_equal(sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	OK(f->db, upf_committee_add(f->db, "SON", "Socialnämnden"));
}

/* The rows of a query, one per line, fields separated by '|'. */
static char *query_rows(upf_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	sqlite3_str *out = sqlite3_str_new(NULL);
	assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(st); i++) {
			const unsigned char *v = sqlite3_column_text(st, i);
			sqlite3_str_appendf(out, "%s%s", i ? "|" : "", v ? (const char *)v : "-");
		}
		sqlite3_str_appendchar(out, 1, '\n');
	}
	sqlite3_finalize(st);
	return sqlite3_str_finish(out);
}

/* Migration 13 makes the deviations' actions the one table of actions:
 * a registry of schema 12 with actions and immediate measures migrates
 * with every action as it was, each now of the source "deviation", for
 * its deviation's unit, decided the day the trail recorded it (an
 * immediate measure: the day it was taken); the deviation commands work
 * on them, and so do the new ones. */
static void test_actions_survive_migration(void **state)
{
	struct fixture *f = *state;
	upf_db *db = NULL;
	const char *path = fixture_file(f, "v12.db");
	static const char *const actions =
		"SELECT id, deviation_id, text, responsible, due, done, immediate "
		"FROM action ORDER BY id";
	upf__schema_target = 12;
	OK(db, upf_db_open(&db, path));
	OK(db, upf_db_set_actor(db, "tester"));
	build_small_org(db);
	OK(db, upf__exec(db,
		"INSERT INTO deviation (unit_id, type_id, occurred, reported, summary) "
		"SELECT u.id, t.id, '2026-02-01', '2026-02-03', 'Fall ' || u.code "
		"FROM unit u, deviation_type t WHERE u.level = 3 AND t.code = 'care';"
		"INSERT INTO action (deviation_id, text, responsible, due, done, immediate) "
		"VALUES (1, 'Larm på', 'Chef', NULL, '2026-02-01', 1), "
		"(1, 'Halkskydd', 'Chef', '2026-04-30', '2026-04-20', 0), "
		"(2, 'Ny rutin', 'Enhetschef', '2026-05-31', NULL, 0), "
		"(3, 'Utbildning', 'Chef', NULL, NULL, 0)"));
	char *before = query_rows(db, actions);
	assert_int_equal((int)strlen(before) > 0, 1);
	upf_db_close(db);
	db = NULL;

	upf__schema_target = 0;
	OK(db, upf_db_open(&db, path));
	OK(db, upf_db_set_actor(db, "tester"));
	char *after = query_rows(db, actions);
	assert_string_equal(after, before);
	/* Each has its source, its unit, and the day it was decided. */
	char *moved = query_rows(db,
		"SELECT a.id, a.source, u.code, a.decided_on = iif(a.immediate, a.done, "
		"(SELECT substr(at, 1, 10) FROM audit WHERE tbl = 'action' AND op = 'insert' "
		"AND key = CAST(a.id AS TEXT))) FROM action a JOIN unit u ON u.id = a.unit_id "
		"ORDER BY a.id");
	assert_string_equal(moved, "1|deviation|A1|1\n2|deviation|A1|1\n"
				   "3|deviation|A2|1\n4|deviation|B1|1\n");
	/* The fill wrote no audit entry per row: the migration's own records it. */
	char *trail = query_rows(db, "SELECT count(*) FROM audit WHERE tbl = 'action' "
				  "AND op = 'update'");
	assert_string_equal(trail, "0\n");
	upf_table *t = NULL;
	assert_int_equal(rows_of(upf_deviation_action_list(&t, db, 1), &t), 2);
	assert_int_equal(rows_of(upf_action_list(&t, db, "{\"open\": true}"), &t), 2);
	OK(db, upf_action_done(db, 3, "2026-06-01"));
	OK(db, upf_action_evaluate(db, 3, "2026-09-01", "achieved", NULL));
	FAILS(db, upf_action_done(db, 4, "2026-02-02"), UPF_REFUSED,
	      "before the deviation was reported, 2026-02-03");
	sqlite3_free(before);
	sqlite3_free(after);
	sqlite3_free(moved);
	sqlite3_free(trail);
	upf_db_close(db);
}

/* Migration 16 gives municipality groups a kind of their own: a registry
 * of schema 15 whose Kolada import stored G33612 as a municipality keeps
 * every row, the group now a group, each from Kolada; and a new import
 * after it replaces the group's row rather than adding a second. */
static void test_references_survive_migration(void **state)
{
	struct fixture *f = *state;
	upf_db *db = NULL;
	char path[512], doc[512];
	snprintf(path, sizeof path, "%s", fixture_file(f, "v15.db"));
	snprintf(doc, sizeof doc, "%s", fixture_file(f, "g.json"));
	FILE *fp = fopen(doc, "w");
	assert_non_null(fp);
	fputs("{\"values\":[{\"kpi\":\"U1\",\"municipality\":\"G33612\",\"period\":2025,"
	      "\"values\":[{\"gender\":\"T\",\"value\":70,\"count\":1,\"status\":\"\"}]},"
	      "{\"kpi\":\"U1\",\"municipality\":\"0580\",\"period\":2025,"
	      "\"values\":[{\"gender\":\"T\",\"value\":60,\"count\":1,\"status\":\"\"}]}],"
	      "\"next_url\":null}", fp);
	fclose(fp);
	upf__schema_target = 15;
	OK(db, upf_db_open(&db, path));
	OK(db, upf_db_set_actor(db, "tester"));
	OK(db, upf__exec(db, "INSERT INTO reference (kpi, kind, area, year, gender, value, "
			 "count, status) VALUES ('U1', 'municipality', 'G33612', 2025, 'T', 70, "
			 "1, ''), ('U1', 'municipality', '0580', 2025, 'T', 60, 1, '')"));
	char *before = query_rows(db, "SELECT kind, area, value FROM reference ORDER BY area");
	assert_string_equal(before, "municipality|0580|60.0\nmunicipality|G33612|70.0\n");
	upf_db_close(db);
	db = NULL;

	upf__schema_target = 0;
	OK(db, upf_db_open(&db, path));
	OK(db, upf_db_set_actor(db, "tester"));
	char *after = query_rows(db, "SELECT kind, area, value, source FROM reference "
				 "ORDER BY area");
	assert_string_equal(after, "municipality|0580|60.0|kolada\ngroup|G33612|70.0|kolada\n");
	OK(db, upf_kolada_import(NULL, db, doc));
	char *again = query_rows(db, "SELECT count(*) FROM reference");
	assert_string_equal(again, "2\n");
	/* Written only through the library, as before. */
	sqlite3 *raw = NULL;
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(raw, "DELETE FROM reference", NULL, NULL, NULL),
			     SQLITE_OK);
	sqlite3_close(raw);
	sqlite3_free(before);
	sqlite3_free(after);
	sqlite3_free(again);
	upf_db_close(db);
}

/* Migration 22 makes the audit trail's table again: a registry of schema
 * 21 keeps every entry with its id, and the scopes that refer to them;
 * foreign keys are on again after it; the trail refuses what it refused,
 * and goes on from the last id. */
static void test_audit_survives_migration(void **state)
{
	struct fixture *f = *state;
	upf_db *db = NULL;
	const char *path = fixture_file(f, "v21.db");
	static const char *const trail =
		"SELECT id, at, actor, tbl, op, key, old, new FROM audit ORDER BY id";
	upf__schema_target = 21;
	OK(db, upf_db_open(&db, path));
	OK(db, upf_db_set_actor(db, "tester"));
	build_small_org(db);
	OK(db, upf__exec(db, "INSERT INTO audit_scope (audit_id, scope) "
			 "SELECT id, 'provider:P1' FROM audit WHERE tbl = 'unit'"));
	char *before = query_rows(db, trail);
	char *scopes = query_rows(db, "SELECT audit_id, scope FROM audit_scope ORDER BY 1");
	assert_true(strlen(scopes) > 0);
	upf_db_close(db);
	db = NULL;

	upf__schema_target = 0;
	OK(db, upf_db_open(&db, path));
	OK(db, upf_db_set_actor(db, "tester"));
	char *after = query_rows(db, trail);
	/* The migration's own entry follows the trail as it was. */
	assert_memory_equal(after, before, strlen(before));
	char migrated[64];
	snprintf(migrated, sizeof migrated, "|schema|migrate|%d|", upf_schema_version());
	assert_non_null(strstr(after + strlen(before), migrated));
	char *scopes_after = query_rows(db, "SELECT audit_id, scope FROM audit_scope "
				       "ORDER BY 1");
	assert_string_equal(scopes_after, scopes);
	char *checks = query_rows(db, "SELECT (SELECT foreign_keys FROM pragma_foreign_keys), "
				  "(SELECT count(*) FROM pragma_foreign_key_check)");
	assert_string_equal(checks, "1|0\n");
	assert_int_not_equal(upf__exec(db, "INSERT INTO audit (actor, tbl, op) "
				       "VALUES ('x', 'value', 'upsert')"), UPF_OK);
	assert_non_null(strstr(upf_errmsg(db), "CHECK constraint failed: op = 'insert'"));
	OK(db, upf_unit_add_level3(db, "A3", "Enhet A3", "L2A", "2026-01-01"));
	/* Ids go on from the last, with no gap. */
	char *last = query_rows(db, "SELECT max(id) = count(*), (SELECT key FROM audit "
				"ORDER BY id DESC LIMIT 1) FROM audit");
	assert_string_equal(last, "1|A3@2026-01-01\n");
	/* Written only through the library, as before. */
	sqlite3 *raw = NULL;
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(raw, "DELETE FROM audit", NULL, NULL, NULL),
			     SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(raw, "INSERT INTO audit (actor, tbl, op) "
					  "VALUES ('x', 'value', 'insert')", NULL, NULL, NULL),
			     SQLITE_OK);
	sqlite3_close(raw);
	sqlite3_free(before);
	sqlite3_free(after);
	sqlite3_free(scopes);
	sqlite3_free(scopes_after);
	sqlite3_free(checks);
	sqlite3_free(last);
	upf_db_close(db);
}

/* The audit keys of values replaced and deleted, one of each frequency,
 * in a registry at schema `version` (0: the library's). */
static char *value_keys_at(struct fixture *f, const char *name, int version)
{
	static const char *const measures[][2] = {
		{"MO", "month"}, {"QU", "quarter"}, {"TE", "tertial"}, {"HA", "half"},
		{"YE", "year"}};
	static const char *const periods[] = {"2026-05", "2026-Q4", "2026-T2", "2026-H2",
					      "2026"};
	char options[64];
	upf_db *db = NULL;
	upf__schema_target = version;
	OK(db, upf_db_open(&db, fixture_file(f, name)));
	upf__schema_target = 0;
	OK(db, upf_db_set_actor(db, "tester"));
	build_small_org(db);
	for (int i = 0; i < 5; i++) {
		snprintf(options, sizeof options, "{\"frequency\": \"%s\"}", measures[i][1]);
		OK(db, upf_measure_add(db, measures[i][0], "Mått", "structure", "count",
				       options));
		OK(db, upf_value_set(db, measures[i][0], "A1", periods[i], 1, NULL, NULL, 0));
		OK(db, upf_value_set(db, measures[i][0], "A1", periods[i], 2, NULL, NULL, 0));
		OK(db, upf_value_delete(db, measures[i][0], "A1", periods[i]));
	}
	char *keys = query_rows(db, "SELECT op, key, old, new FROM audit "
				"WHERE tbl = 'value' ORDER BY id");
	upf_db_close(db);
	return keys;
}

/* Migration 23 labels the period of a replaced or deleted value's audit
 * key in C: every frequency's key is what schema 22's SQL wrote. */
static void test_value_keys_survive_migration(void **state)
{
	struct fixture *f = *state;
	char *before = value_keys_at(f, "v22.db", 22);
	char *after = value_keys_at(f, "v23.db", 0);
	assert_string_equal(after, before);
	assert_non_null(strstr(after, "update|MO/A1/2026-05|"));
	assert_non_null(strstr(after, "delete|QU/A1/2026-Q4|"));
	assert_non_null(strstr(after, "update|TE/A1/2026-T2|"));
	assert_non_null(strstr(after, "delete|HA/A1/2026-H2|"));
	assert_non_null(strstr(after, "update|YE/A1/2026|"));
	sqlite3_free(before);
	sqlite3_free(after);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version_and_statuses),
		cmocka_unit_test(test_free_functions_accept_null),
		TEST(test_new_registry_is_private),
		TEST(test_open_sets_identity_and_version),
		TEST(test_newer_registry_refused_unchanged),
		TEST(test_foreign_files_refused),
		TEST(test_writes_need_an_actor),
		TEST(test_busy_timeout),
		TEST(test_write_after_a_failed_rollback),
		TEST(test_actions_survive_migration),
		TEST(test_references_survive_migration),
		TEST(test_audit_survives_migration),
		TEST(test_value_keys_survive_migration),
	};
	return RUN(tests);
}
