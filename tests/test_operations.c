/* Operations: the online backup and the doctor's checks. */
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "internal.h"
#include "org_fixture.h"

/* count(*) of a table in the registry at path, read by a plain SQLite
 * connection: what another program would find in the file. */
static long count_in(const char *path, const char *table)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	long n = -1;
	char *sql = sqlite3_mprintf("SELECT count(*) FROM %s", table);
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	sqlite3_free(sql);
	return n;
}

static void test_backup_copies_what_was_committed(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db, *copy = NULL;
	build_small_org(db);
	set(db, "FLOW", "A1", "2026-01", 12);
	set(db, "FLOW", "B1", "2026-01", 7);
	/* Another connection's write in progress is not in the copy. */
	sqlite3 *other = NULL;
	assert_int_equal(sqlite3_open(f->path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE; CREATE TABLE scratch (x)",
				      NULL, NULL, NULL), SQLITE_OK);
	char *to = fixture_file(f, "copy.db");
	long audit = count_in(f->path, "audit");
	OK(db, upf_db_backup(db, to));
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	struct stat sb;
	assert_int_equal(stat(to, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(count_in(to, "value"), 2);
	assert_int_equal(count_in(to, "unit"), count_in(f->path, "unit"));
	assert_int_equal(count_in(to, "sqlite_schema WHERE name = 'scratch'"), 0);
	/* A read: the trail is as long as before. */
	assert_int_equal(count_in(f->path, "audit"), audit);
	assert_int_equal(count_in(to, "audit"), audit);
	/* The copy is a registry like any, at this library's schema. */
	OK(copy, upf_db_open_v2(&copy, to, 0, "tester"));
	upf_table *t = NULL;
	OK(copy, upf_report_table(&t, copy, "values",
				  "{\"period\":\"2026-01\",\"level\":\"total\",\"measures\":[\"FLOW\"]}"));
	assert_string_equal(cell(t, "FLOW", "value"), "19.0");
	upf_table_free(t);
	upf_db_close(copy);
}

static void test_backup_never_replaces_a_file(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	char to[160];
	snprintf(to, sizeof to, "%s", fixture_file(f, "kept.txt"));
	FILE *fp = fopen(to, "w");
	assert_non_null(fp);
	fputs("något annat\n", fp);
	fclose(fp);
	char before[65];
	snprintf(before, sizeof before, "%s", sha256_of(to));
	FAILS(db, upf_db_backup(db, to), UPF_EXISTS, "exists");
	assert_string_equal(sha256_of(to), before);
	FAILS(db, upf_db_backup(db, fixture_file(f, "19121212-1212.db")), UPF_PERSONAL,
	      "personal identity number");
	assert_int_equal(access(fixture_file(f, "19121212-1212.db"), F_OK), -1);
	FAILS(db, upf_db_backup(db, fixture_file(f, "no/such/dir.db")), UPF_IO, "dir.db");
	FAILS(db, upf_db_backup(db, ":memory:"), UPF_INVALID, "name a file");
	upf_batch *b = NULL;
	OK(db, upf_batch_begin(&b, db, 0));
	FAILS(db, upf_db_backup(db, fixture_file(f, "batch.db")), UPF_MISUSE, "batch");
	upf_batch_free(b);
	assert_int_equal(access(fixture_file(f, "batch.db"), F_OK), -1);
}

static void test_doctor_checks(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	OK(db, upf_db_doctor(&t, db));
	assert_int_equal(upf_table_rows(t), 8);
	for (int r = 0; r < upf_table_rows(t); r++)
		if (strcmp(upf_table_value(t, r, 1), "ok"))
			fail_msg("%s: %s, %s", upf_table_value(t, r, 0), upf_table_value(t, r, 1),
				 upf_table_value(t, r, 2));
	assert_string_equal(cell(t, "file_mode", "detail"), "mode 0600");
	assert_string_equal(cell(t, "integrity", "detail"), "ok");
	assert_string_equal(cell(t, "reports", "detail"),
			    "0 presented committee reports, each as presented");
	assert_string_equal(cell(t, "locks", "detail"), "0 periods locked, 0 unlocked with a reason");
	upf_table_free(t);
	/* A file others can read is a warning, and says what to do. */
	assert_int_equal(chmod(f->path, 0644), 0);
	OK(db, upf_db_doctor(&t, db));
	assert_string_equal(cell(t, "file_mode", "status"), "warning");
	assert_non_null(strstr(cell(t, "file_mode", "detail"), "mode 0644"));
	upf_table_free(t);
	/* 1,200 values and no statistics: a warning; gathered, ok. The
	 * values are written past the library's checks: only their number
	 * matters here. */
	assert_int_equal(sqlite3_exec(db->sql,
		"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1199) "
		"INSERT INTO value (measure_id, start, unit_id, value) "
		"SELECT (SELECT id FROM measure WHERE code = 'FLOW'), i, u.id, i "
		"FROM n, unit u WHERE u.code = 'A1'", NULL, NULL, NULL), SQLITE_OK);
	OK(db, upf_db_doctor(&t, db));
	assert_string_equal(cell(t, "statistics", "status"), "warning");
	assert_non_null(strstr(cell(t, "statistics", "detail"), "1200 values"));
	upf_table_free(t);
	assert_int_equal(sqlite3_exec(db->sql, "ANALYZE", NULL, NULL, NULL), SQLITE_OK);
	OK(db, upf_db_doctor(&t, db));
	assert_string_equal(cell(t, "statistics", "status"), "ok");
	assert_string_equal(cell(t, "statistics", "detail"), "gathered at 1200 values, now 1200");
	upf_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_backup_copies_what_was_committed),
		TEST(test_backup_never_replaces_a_file),
		TEST(test_doctor_checks),
	};
	return RUN(tests);
}
