/* The registry core: open, migrate, refuse, close, statuses, actor. */
#include <sqlite3.h>
#include <sys/stat.h>

#include "helpers.h"
#include "internal.h"

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(h), SQLITE_OK);
}

static char *slurp(const char *path, long *len)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	*len = ftell(fp);
	rewind(fp);
	char *buf = malloc((size_t)*len + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)*len, fp), (size_t)*len);
	fclose(fp);
	return buf;
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
	};
	return RUN(tests);
}
