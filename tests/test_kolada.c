/* Kolada reference values: both API shapes, the summary, the comparison
 * in reports, and refusals. Fixtures in tests/data. */
#include "org_fixture.h"

static const char *fixture(const char *name)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/%s", UPF_TEST_DATA, name);
	return path;
}

/* The catalogue's yearly share that carries the KPI U21468 (the user
 * survey's overall judgement of home care), with values for 2025. */
static void measure_with_kpi(upf_db *db)
{
	build_small_org(db);
	set_share(db, "RES-NOJD-HT", "A1", "2025", 10, 20);
	set_share(db, "RES-NOJD-HT", "A2", "2025", 16, 20);
}

static const char *report_cell(upf_db *db, const char *params, const char *node,
			       const char *column, char *buf, size_t size)
{
	upf_table *t = NULL;
	OK(db, upf_report_table(&t, db, "values", params));
	int col = -1;
	for (int c = 0; c < upf_table_columns(t); c++)
		if (!strcmp(upf_table_column(t, c), column))
			col = c;
	const char *v = NULL;
	for (int r = 0; r < upf_table_rows(t); r++)
		if (!strcmp(upf_table_value(t, r, 1), node))
			v = upf_table_value(t, r, col);
	snprintf(buf, size, "%s", v ? v : "(null)");
	upf_table_free(t);
	return buf;
}

static void test_v2_import_and_summary(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	measure_with_kpi(db);
	OK(db, upf_kolada_import(&t, db, fixture("kolada_v2.json")));
	/* KPIs a measure carries come first; the others are listed too. */
	assert_int_equal(upf_table_rows(t), 3);
	assert_string_equal(upf_table_value(t, 0, 0), "U21468");
	assert_string_equal(upf_table_value(t, 0, 1), "RES-NOJD-HT");
	assert_string_equal(upf_table_value(t, 0, 2), "4");
	assert_string_equal(cell(t, "N00945", "rows"), "1");
	assert_null(cell(t, "N00945", "measures"));
	assert_string_equal(cell(t, "U23471", "measures"), "RES-NOJD-SABO");
	upf_table_free(t);
	/* One audit entry for the import. */
	OK(db, upf_audit_list(&t, db, NULL, NULL));
	int last = upf_table_rows(t) - 1;
	assert_string_equal(upf_table_value(t, last, 3), "reference");
	char want[256];
	snprintf(want, sizeof want, "{\"rows\":6,\"deleted\":0,\"file\":\"kolada_v2.json\","
		 "\"bytes\":732,\"sha256\":\"%s\"}", sha256_of(fixture("kolada_v2.json")));
	assert_string_equal(upf_table_value(t, last, 7), want);
	upf_table_free(t);
}

static void test_compare_national_and_municipality(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	char buf[64];
	measure_with_kpi(db);
	OK(db, upf_kolada_import(NULL, db, fixture("kolada_v2.json")));
	/* Ours: (10 + 16) of (20 + 20) = 65 %; the country's 15.5. */
	assert_string_equal(report_cell(db, "{\"period\":\"2025\",\"level\":\"total\","
				       "\"measures\":[\"RES-NOJD-HT\"],\"compare\":\"national\"}",
				       "total", "value", buf, sizeof buf), "65.0");
	assert_string_equal(report_cell(db, "{\"period\":\"2025\",\"level\":\"total\","
				       "\"measures\":[\"RES-NOJD-HT\"],\"compare\":\"national\"}",
				       "total", "reference", buf, sizeof buf), "15.5");
	assert_string_equal(report_cell(db, "{\"period\":\"2025\",\"level\":2,"
				       "\"measures\":[\"RES-NOJD-HT\"],\"compare\":\"municipality\","
				       "\"municipality\":\"0580\",\"gender\":\"K\"}",
				       "L2A", "reference", buf, sizeof buf), "13.0");
	/* Only over a whole year; and not without a comparison. */
	assert_string_equal(report_cell(db, "{\"period\":\"2025\",\"level\":2,"
				       "\"measures\":[\"RES-NOJD-HT\"]}",
				       "L2A", "reference", buf, sizeof buf), "(null)");
	FAILS(db, upf_report_json(&(char *){NULL}, db, "values", "{\"period\":\"2025\",\"compare\":"
				  "\"municipality\"}"),
	      UPF_INVALID, "municipality: missing");
	FAILS(db, upf_report_json(&(char *){NULL}, db, "values", "{\"period\":\"2025\",\"compare\":"
				  "\"municipality\",\"municipality\":\"58\"}"),
	      UPF_INVALID, "municipality '58': must be four digits");
	FAILS(db, upf_report_json(&(char *){NULL}, db, "values", "{\"period\":\"2025\",\"gender\":\"X\"}"),
	      UPF_INVALID, "gender 'X'");
}

static void test_v3_shape(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	char buf[64];
	measure_with_kpi(db);
	OK(db, upf_kolada_import(NULL, db, fixture("kolada_v2.json")));
	OK(db, upf_kolada_import(&t, db, fixture("kolada_v3.json")));
	assert_string_equal(cell(t, "U21468", "rows"), "3");
	assert_string_equal(cell(t, "U21468", "deleted"), "1");
	upf_table_free(t);
	/* isdeleted removed 0580's 2025 values, every gender. */
	assert_string_equal(report_cell(db, "{\"period\":\"2025\",\"level\":2,"
				       "\"measures\":[\"RES-NOJD-HT\"],\"compare\":\"municipality\","
				       "\"municipality\":\"0580\"}",
				       "L2A", "reference", buf, sizeof buf), "(null)");
	assert_string_equal(report_cell(db, "{\"period\":\"2025\",\"level\":2,"
				       "\"measures\":[\"RES-NOJD-HT\"],\"compare\":\"municipality\","
				       "\"municipality\":\"1480\"}",
				       "L2A", "reference", buf, sizeof buf), "12.0");
}

/* A municipality that came as a number lost its leading zero on the way:
 * read as four digits, and said so. */
static void test_municipality_as_a_number(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	char path[160], buf[64];
	measure_with_kpi(db);
	snprintf(path, sizeof path, "%s/k.json", f->dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("{\"values\":[{\"kpi\":\"U21468\",\"municipality\":580,\"period\":2025,"
	      "\"values\":[{\"gender\":\"T\",\"value\":70.5,\"count\":1,\"status\":\"\"}]}],"
	      "\"count\":1,\"next_url\":null,\"previous_url\":null}", fp);
	fclose(fp);
	OK(db, upf_kolada_import(&t, db, path));
	assert_string_equal(cell(t, "U21468", "notes"), "municipality 580 read as 0580");
	upf_table_free(t);
	assert_string_equal(report_cell(db, "{\"period\":\"2025\",\"level\":2,"
				       "\"measures\":[\"RES-NOJD-HT\"],\"compare\":\"municipality\","
				       "\"municipality\":\"0580\"}",
				       "L2A", "reference", buf, sizeof buf), "70.5");
	/* The fixture's own rows, with municipalities as text, have no note. */
	OK(db, upf_kolada_import(&t, db, fixture("kolada_v2.json")));
	assert_null(cell(t, "U21468", "notes"));
	upf_table_free(t);
}

static void test_bad_documents_write_nothing(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	measure_with_kpi(db);
	const char *bad = fixture_file(f, "bad.json");
	FILE *fp = fopen(bad, "w");
	assert_non_null(fp);
	fputs("{\"values\": [{\"kpi\": \"U1\", \"municipality\": \"0580\", \"period\": 2025,"
	      " \"values\": [{\"gender\": \"T\", \"value\": 1},"
	      " {\"gender\": \"X\", \"value\": 2}]},"
	      " {\"kpi\": \"U1\", \"municipality\": \"0580\", \"period\": \"tjugo\","
	      " \"values\": []},"
	      " {\"kpi\": \"U1\", \"municipality\": \"0580\", \"period\": 2025,"
	      " \"values\": [{\"gender\": \"K\", \"value\": \"hög\"}]}]}", fp);
	fclose(fp);
	int status = upf_kolada_import(&t, db, bad);
	assert_int_equal(status, UPF_INVALID);
	const char *msg = upf_errmsg(db);
	assert_non_null(strstr(msg, "3 bad values; nothing was written"));
	assert_non_null(strstr(msg, "\n$.values[0].values[1]: gender 'X': must be T, K or M"));
	assert_non_null(strstr(msg, "\n$.values[1]: period 'tjugo': not a year"));
	assert_non_null(strstr(msg, "\n$.values[2].values[0]: value 'hög': not a number"));
	assert_null(t);
	FAILS(db, upf_kolada_import(&t, db, fixture("kolada_missing.json")), UPF_IO,
	      "cannot be opened");
	fp = fopen(bad, "w");
	fputs("{\"values\": [", fp);
	fclose(fp);
	FAILS(db, upf_kolada_import(&t, db, bad), UPF_INVALID, "not valid JSON");
	fp = fopen(bad, "w");
	fputs("{\"rows\": []}", fp);
	fclose(fp);
	FAILS(db, upf_kolada_import(&t, db, bad), UPF_INVALID, "no \"values\" array");
	/* Nothing was imported by any of them. */
	char buf[64];
	assert_string_equal(report_cell(db, "{\"period\":\"2025\",\"level\":2,"
				       "\"measures\":[\"RES-NOJD-HT\"],\"compare\":\"municipality\","
				       "\"municipality\":\"0580\"}",
				       "L2A", "reference", buf, sizeof buf), "(null)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_v2_import_and_summary),
		TEST(test_compare_national_and_municipality),
		TEST(test_v3_shape),
		TEST(test_municipality_as_a_number),
		TEST(test_bad_documents_write_nothing),
	};
	return RUN(tests);
}
