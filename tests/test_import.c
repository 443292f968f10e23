/* Importing values from CSV: the shapes files come in, and all or
 * nothing when a line is bad. */
#include <sys/stat.h>

#include "org_fixture.h"

static int values(upf_db *db)
{
	upf_table *t = NULL;
	return rows_of(upf_value_list(&t, db, NULL, NULL, NULL), &t);
}

static void test_comma_file(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	long rows = -1;
	build_small_org(db);
	const char *path = write_file(f, "v.csv",
		"measure,unit,period,value,denominator,note\n"
		"FLOW,A1,2026-05,12.5,,\n"
		"SHARE,A1,2026-05,3,4,\"kommentar, med komma\"\n"
		"SHARE,A2,2026-05,1,2,\"rad ett\nrad två med \"\"citat\"\"\"\r\n"
		"\n"
		"YESNO,B1,2026,1,,\n");
	OK(db, upf_value_import(&rows, db, path, 0, NULL, NULL));
	assert_int_equal(rows, 4);
	OK(db, upf_value_list(&t, db, "SHARE", NULL, NULL));
	assert_string_equal(upf_table_value(t, 0, 5), "kommentar, med komma");
	assert_string_equal(upf_table_value(t, 1, 5), "rad ett\nrad två med \"citat\"");
	upf_table_free(t);
	/* One audit entry for the import, keyed by the file's name, never its
	 * directory, with its size and SHA-256. */
	OK(db, upf_audit_list(&t, db, NULL, NULL));
	int last = upf_table_rows(t) - 1;
	char want[256];
	assert_string_equal(upf_table_value(t, last, 4), "bulk");
	assert_string_equal(upf_table_value(t, last, 5), "v.csv");
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	upf_table *v = NULL;
	OK(db, upf_value_list(&v, db, "SHARE", NULL, NULL));
	/* Each value names its batch and the line it came from. */
	long long batch = upf_table_int(v, 0, 6);
	assert_true(batch > 0);
	assert_int_equal(upf_table_int(v, 0, 7), 3);
	assert_int_equal(upf_table_int(v, 1, 7), 4);
	upf_table_free(v);
	snprintf(want, sizeof want, "{\"rows\":4,\"batch\":%lld,\"file\":\"v.csv\","
		 "\"bytes\":%lld,\"sha256\":\"%s\"}", batch, (long long)sb.st_size,
		 sha256_of(path));
	assert_string_equal(upf_table_value(t, last, 7), want);
	assert_null(strstr(upf_table_value(t, last, 7), f->dir));
	upf_table_free(t);
}

static void test_semicolon_file_with_decimal_comma_and_bom(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	const char *path = write_file(f, "v.csv",
		"\xef\xbb\xbf" "measure;unit;period;value\r\n"
		"FLOW;A1;2026-05;12,5\r\n"
		"FLOW;A2;2026-05;\"1000,25\"\r\n");
	OK(db, upf_value_import(NULL, db, path, 0, NULL, NULL));
	OK(db, upf_value_list(&t, db, "FLOW", NULL, NULL));
	assert_string_equal(cell(t, "FLOW", "value"), "12.5");
	assert_string_equal(upf_table_value(t, 1, 3), "1000.25");
	upf_table_free(t);
}

static void test_columns_in_any_order(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	const char *path = write_file(f, "v.csv",
		"unit,value,measure,period\nA1,5,FLOW,2026-05\n");
	OK(db, upf_value_import(NULL, db, path, 0, NULL, NULL));
	assert_int_equal(values(db), 1);
}

static void test_bad_lines_write_nothing(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	set(db, "FLOW", "A1", "2026-01", 1);
	int audit = rows_of(upf_audit_list(&t, db, NULL, NULL), &t);
	const char *path = write_file(f, "v.csv",
		"measure,unit,period,value,denominator\n"
		"FLOW,A1,2026-05,10,\n"
		"FLOW,A1,2026-13,10,\n"
		"FLOW,A1,2026-06,tio,\n"
		"SHARE,A1,2026-05,5,4\n"
		"FLOW,A1,2026-07\n"
		"NOPE,A1,2026-05,1,\n"
		"FLOW,A2,2026-05,10,\n");
	int status = upf_value_import(NULL, db, path, 0, NULL, NULL);
	assert_int_equal(status, UPF_INVALID);
	const char *msg = upf_errmsg(db);
	assert_non_null(strstr(msg, "5 bad lines; nothing was written"));
	assert_non_null(strstr(msg, "\nline 3: period '2026-13': month must be 01..12"));
	assert_non_null(strstr(msg, "\nline 4: value 'tio': not a number"));
	assert_non_null(strstr(msg, "\nline 5: value '5': a share's count"));
	assert_non_null(strstr(msg, "\nline 6: 3 fields; the header has 5"));
	assert_non_null(strstr(msg, "\nline 7: measure: unknown measure 'NOPE'"));
	/* Nothing written, not even the good lines; no audit entry. */
	assert_int_equal(values(db), 1);
	assert_int_equal(rows_of(upf_audit_list(&t, db, NULL, NULL), &t), audit);
}

/* A key twice in one file is refused with both lines, whether the value
 * is new or was there before; a value that was there is replaced once. */
static void test_duplicate_keys(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	set(db, "FLOW", "A2", "2026-05", 1);
	const char *path = write_file(f, "v.csv",
		"measure,unit,period,value\n"
		"FLOW,A1,2026-05,10\n"
		"FLOW,A2,2026-05,20\n"
		"FLOW,A1,2026-05,11\n"
		"FLOW,A2,2026-05,21\n"
		"FLOW,A1,2026-06,12\n");
	FAILS(db, upf_value_import(NULL, db, path, 0, NULL, NULL), UPF_INVALID,
	      "2 bad lines; nothing was written");
	assert_non_null(strstr(upf_errmsg(db), "\nline 4: measure 'FLOW', unit 'A1', "
			       "period '2026-05': also on line 2"));
	assert_non_null(strstr(upf_errmsg(db), "\nline 5: measure 'FLOW', unit 'A2', "
			       "period '2026-05': also on line 3"));
	assert_int_equal(values(db), 1);
	/* Once each, the same file imports; a value there is replaced. */
	path = write_file(f, "w.csv", "measure,unit,period,value\n"
			  "FLOW,A1,2026-05,10\nFLOW,A2,2026-05,20\n");
	OK(db, upf_value_import(NULL, db, path, 0, NULL, NULL));
	OK(db, upf_value_list(&t, db, "FLOW", "A2", NULL));
	assert_string_equal(upf_table_value(t, 0, 3), "20.0");
	upf_table_free(t);
	/* And the same file again: every value replaced, none a duplicate. */
	OK(db, upf_value_import(NULL, db, path, 0, NULL, NULL));
}

/* Numbers as Swedish Excel writes them: thousands apart by a space, a
 * no-break space or a narrow no-break space, a decimal comma. */
static void test_thousands_separators(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	const char *path = write_file(f, "v.csv",
		"measure;unit;period;value\n"
		"FLOW;A1;2026-05;2 345,5\n"
		"FLOW;A2;2026-05;1\xc2\xa0" "234\xc2\xa0" "567,25\n"
		"FLOW;B1;2026-05;12\xe2\x80\xaf" "000\n"
		"FLOW;B2;2026-05;-1 000\n");
	OK(db, upf_value_import(NULL, db, path, 0, NULL, NULL));
	OK(db, upf_value_list(&t, db, "FLOW", NULL, NULL));
	assert_true(upf_table_double(t, 0, 3) == 2345.5);
	assert_true(upf_table_double(t, 1, 3) == 1234567.25);
	assert_true(upf_table_double(t, 2, 3) == 12000);
	assert_true(upf_table_double(t, 3, 3) == -1000);
	upf_table_free(t);
	/* A space is a separator between groups of three only. */
	path = write_file(f, "w.csv", "measure;unit;period;value\n"
			  "FLOW;A1;2026-06;2 34\nFLOW;A1;2026-07;23 4567\n"
			  "FLOW;A1;2026-08;1,234,5\nFLOW;A1;2026-09; 12\n");
	FAILS(db, upf_value_import(NULL, db, path, 0, NULL, NULL), UPF_INVALID,
	      "4 bad lines");
	assert_non_null(strstr(upf_errmsg(db), "line 2: value '2 34': not a number"));
}

/* A NUL byte is refused where it stands, never read as the end. */
static void test_nul_byte(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	char *path = fixture_file(f, "nul.csv");
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	fwrite("measure,unit,period,value,note\nFLOW,A1,2026-05,1,ab\0cd\n", 1, 52, fp);
	fclose(fp);
	FAILS(db, upf_value_import(NULL, db, path, 0, NULL, NULL), UPF_INVALID,
	      "line 2, column 5: a NUL byte");
	assert_int_equal(values(db), 0);
}

/* An export reads back exactly: numbers of 17 significant digits, and
 * notes a spreadsheet would take for formulas, quoted for it and read
 * back as they were. */
static void test_export_round_trip(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db, *copy = NULL;
	upf_table *a = NULL, *b = NULL;
	char *csv = NULL;
	static const double numbers[] = {0.1 + 0.2, 1.0 / 3, 123456789.12345679,
					 -2.5e-7, 9.8765432109876543e14};
	static const char *const notes[] = {"=SUM(A1:A9)", "+46 70", "-minus", "@home",
					    "'=already", "vanlig", "\tflik"};
	build_small_org(db);
	for (int i = 0; i < 7; i++) {
		char period[8];
		snprintf(period, sizeof period, "2026-%02d", i + 1);
		OK(db, upf_value_set(db, "FLOW", "A1", period, numbers[i % 5], NULL,
				     notes[i], 0));
	}
	OK(db, upf_value_export(&csv, db, NULL, "csv"));
	/* No cell begins with what a spreadsheet would run. */
	for (const char *p = strchr(csv, '\n'); p && p[1]; p = strchr(p + 1, '\n'))
		assert_null(strchr("=+-@", p[1]));
	assert_non_null(strstr(csv, ",'=SUM(A1:A9)\n"));
	assert_non_null(strstr(csv, ",''=already\n"));
	assert_non_null(strstr(csv, ",0.30000000000000004,"));
	char path[160];
	snprintf(path, sizeof path, "%s", write_file(f, "export.csv", csv));
	upf_free(csv);
	OK(copy, upf_db_open(&copy, fixture_file(f, "copy.db")));
	OK(copy, upf_db_set_actor(copy, "tester"));
	build_small_org(copy);
	OK(copy, upf_value_import(NULL, copy, path, 0, NULL, NULL));
	OK(db, upf_value_list(&a, db, NULL, NULL, NULL));
	OK(copy, upf_value_list(&b, copy, NULL, NULL, NULL));
	assert_int_equal(upf_table_rows(a), 7);
	assert_int_equal(upf_table_rows(b), 7);
	for (int r = 0; r < 7; r++) {
		assert_true(upf_table_double(a, r, 3) == upf_table_double(b, r, 3));
		assert_string_equal(upf_table_value(a, r, 5), upf_table_value(b, r, 5));
	}
	upf_table_free(a);
	upf_table_free(b);
	upf_db_close(copy);
}

static void test_many_bad_lines_are_counted(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	char text[4096] = "measure,unit,period,value\n";
	for (int i = 0; i < 30; i++)
		strcat(text, "FLOW,A1,2026-05,x\n");
	const char *path = write_file(f, "v.csv", text);
	assert_int_equal(upf_value_import(NULL, db, path, 0, NULL, NULL), UPF_INVALID);
	const char *msg = upf_errmsg(db);
	assert_non_null(strstr(msg, "30 bad lines"));
	assert_non_null(strstr(msg, "line 21: value 'x'"));
	assert_null(strstr(msg, "line 22:"));
	assert_non_null(strstr(msg, "\n... and 10 more"));
}

static void test_bad_files(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	FAILS(db, upf_value_import(NULL, db, fixture_file(f, "missing.csv"), 0, NULL, NULL),
	      UPF_IO, "cannot be opened");
	FAILS(db, upf_value_import(NULL, db, write_file(f, "e.csv", ""), 0, NULL, NULL),
	      UPF_INVALID, "empty");
	FAILS(db, upf_value_import(NULL, db, write_file(f, "h.csv", "measure,unit,period\n"), 0, NULL, NULL),
	      UPF_INVALID, "the header lacks the column 'value'");
	FAILS(db, upf_value_import(NULL, db, write_file(f, "x.csv",
						   "measure,unit,period,value,colour\n"), 0, NULL, NULL),
	      UPF_INVALID, "line 1, column 5: 'colour' is not a column");
	FAILS(db, upf_value_import(NULL, db, write_file(f, "q.csv",
		"measure,unit,period,value,note\nFLOW,A1,2026-05,1,\"open\n"), 0, NULL, NULL),
	      UPF_INVALID, "line 2: a quoted field is not closed");
	FAILS(db, upf_value_import(NULL, db, write_file(f, "q2.csv",
		"measure,unit,period,value,note\nFLOW,A1,2026-05,1,\"a\"b\n"), 0, NULL, NULL),
	      UPF_INVALID, "line 2: text after a closing quote");
	assert_int_equal(values(db), 0);
}

/* Found by the fuzzer: an empty code reached the lookup cache. */
static void test_empty_fields(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	const char *path = write_file(f, "v.csv",
		"measure,unit,period,value\n,A1,2026-05,1\nFLOW,,2026-05,1\nFLOW,A1,,1\n");
	assert_int_equal(upf_value_import(NULL, db, path, 0, NULL, NULL), UPF_INVALID);
	assert_non_null(strstr(upf_errmsg(db), "\nline 2: measure: missing"));
	assert_non_null(strstr(upf_errmsg(db), "\nline 3: unit: missing"));
	assert_non_null(strstr(upf_errmsg(db), "\nline 4: period: missing"));
	assert_int_equal(values(db), 0);
}

static long long progress_done;

static void on_progress(void *ctx, long long done, long long total)
{
	(void)ctx;
	assert_true(done <= total);
	progress_done = done;
}

static void test_progress_reaches_the_end(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	const char *text = "measure,unit,period,value\nFLOW,A1,2026-05,1\n";
	const char *path = write_file(f, "v.csv", text);
	OK(db, upf_value_import(NULL, db, path, 0, on_progress, NULL));
	assert_int_equal(progress_done, (long long)strlen(text));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_comma_file),
		TEST(test_semicolon_file_with_decimal_comma_and_bom),
		TEST(test_columns_in_any_order),
		TEST(test_bad_lines_write_nothing),
		TEST(test_duplicate_keys),
		TEST(test_thousands_separators),
		TEST(test_nul_byte),
		TEST(test_export_round_trip),
		TEST(test_many_bad_lines_are_counted),
		TEST(test_bad_files),
		TEST(test_progress_reaches_the_end),
		TEST(test_empty_fields),
	};
	return RUN(tests);
}
