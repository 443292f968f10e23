/* Shared by the cmocka tests: fresh registries in a private temporary
 * directory, and checks that print the library's own message. */
#ifndef UPF_TEST_HELPERS_H
#define UPF_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "uppfolj.h"

/* A call that must succeed; on failure the library's message is shown. */
#define OK(db, call) expect_ok((db), (call), #call, __FILE__, __LINE__)

/* A call that must fail with `status` and a message containing `part`. */
#define FAILS(db, call, status, part) \
	expect_fail((db), (call), (status), (part), #call, __FILE__, __LINE__)

static inline void expect_ok(upf_db *db, int status, const char *call,
			     const char *file, int line)
{
	if (status != UPF_OK) {
		print_error("%s:%d: %s returned %s: %s\n", file, line, call,
			    upf_status_name(status), upf_errmsg(db));
		_fail(file, line);
	}
}

static inline void expect_fail(upf_db *db, int status, int want,
			       const char *part, const char *call,
			       const char *file, int line)
{
	if (status != want) {
		print_error("%s:%d: %s returned %s, expected %s: %s\n", file,
			    line, call, upf_status_name(status),
			    upf_status_name(want), upf_errmsg(db));
		_fail(file, line);
	}
	if (part && !strstr(upf_errmsg(db), part)) {
		print_error("%s:%d: %s: message '%s' lacks '%s'\n", file, line,
			    call, upf_errmsg(db), part);
		_fail(file, line);
	}
}

/* A fresh directory per test, removed with everything in it. */
struct fixture {
	char dir[64];
	char path[96];
	upf_db *db;
};

static inline char *fixture_file(struct fixture *f, const char *name)
{
	static char buf[160];
	snprintf(buf, sizeof buf, "%s/%s", f->dir, name);
	return buf;
}

/* Writes text to a file of the fixture's directory; its path (as
 * fixture_file's, until the next call). */
static inline const char *write_file(struct fixture *f, const char *name,
				     const char *text)
{
	const char *path = fixture_file(f, name);
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

static inline int fixture_setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/upf-test-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/registry.db", f->dir);
	if (upf_db_open(&f->db, f->path) != UPF_OK ||
	    upf_db_set_actor(f->db, "tester") != UPF_OK) {
		print_error("open: %s\n", upf_errmsg(f->db));
		return -1;
	}
	*state = f;
	return 0;
}

static inline int fixture_teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];
	upf_db_close(f->db);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	int rc = system(cmd);
	free(f);
	return rc == 0 ? 0 : -1;
}

/* Counts the rows of a list, or -1 when the call fails, and frees it.
 * Takes &t: the call fills t, and C leaves the order in which arguments
 * are evaluated unspecified. */
static inline int rows_of(int status, upf_table **t)
{
	int n = status == UPF_OK ? upf_table_rows(*t) : -1;
	upf_table_free(*t);
	*t = NULL;
	return n;
}

/* The cell of the first row whose column key_column equals key, or NULL. */
static inline const char *cell_by(const upf_table *t, int key_column,
				  const char *key, const char *column)
{
	int col = -1;
	for (int c = 0; c < upf_table_columns(t); c++)
		if (!strcmp(upf_table_column(t, c), column))
			col = c;
	for (int r = 0; col >= 0 && r < upf_table_rows(t); r++) {
		const char *k = upf_table_value(t, r, key_column);
		if (k && !strcmp(k, key))
			return upf_table_value(t, r, col);
	}
	return NULL;
}

/* The cell of the first row whose column 0 equals key, or NULL. */
static inline const char *cell(const upf_table *t, const char *key,
			       const char *column)
{
	return cell_by(t, 0, key, column);
}

/* A file's bytes, with a NUL after them (free), and their count. */
static inline char *slurp(const char *path, long *n)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	*n = ftell(fp);
	rewind(fp);
	char *buf = malloc((size_t)*n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)*n, fp), (size_t)*n);
	fclose(fp);
	buf[*n] = '\0';
	return buf;
}

/* The SHA-256 of a file as sha256sum(1) computes it, independently of the
 * library's own. */
static inline const char *sha256_of(const char *path)
{
	static char hex[65];
	char cmd[640];
	snprintf(cmd, sizeof cmd, "sha256sum '%s'", path);
	FILE *p = popen(cmd, "r");
	if (!p || fscanf(p, "%64s", hex) != 1)
		hex[0] = '\0';
	if (p)
		pclose(p);
	return hex;
}

/* Every row of every table of the registry at path, as text
 * (sqlite3_free): two dumps are equal when nothing changed. */
static inline char *registry_rows(const char *path)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *tables = NULL, *rows = NULL;
	sqlite3_str *out = sqlite3_str_new(NULL);
	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT name FROM sqlite_schema WHERE "
					    "type = 'table' AND name NOT LIKE 'sqlite_%' "
					    "ORDER BY name", -1, &tables, NULL), SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		char *sql = sqlite3_mprintf("SELECT * FROM \"%w\"", sqlite3_column_text(tables, 0));
		assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &rows, NULL), SQLITE_OK);
		sqlite3_free(sql);
		sqlite3_str_appendf(out, "[%s]\n", sqlite3_column_text(tables, 0));
		while (sqlite3_step(rows) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(rows); c++)
				sqlite3_str_appendf(out, "%s|", sqlite3_column_text(rows, c));
			sqlite3_str_appendchar(out, 1, '\n');
		}
		sqlite3_finalize(rows);
	}
	sqlite3_finalize(tables);
	sqlite3_close(h);
	return sqlite3_str_finish(out);
}

#define TEST(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

/* Every test program reports in TAP, which Meson reads case by case. */
#define RUN(tests) \
	(cmocka_set_message_output(CM_OUTPUT_TAP), \
	 cmocka_run_group_tests_name(__FILE__, tests, NULL, NULL))

#endif
