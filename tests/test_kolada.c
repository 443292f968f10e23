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

static int audit_count(upf_db *db)
{
	upf_table *t = NULL;
	OK(db, upf_audit_list(&t, db, NULL, NULL));
	int n = upf_table_rows(t);
	upf_table_free(t);
	return n;
}

/* A response of two pages, as v3 gives them: both files, or an array of
 * them in one; one alone is refused unless partial is asked for. */
static void test_pages(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	char buf[64];
	measure_with_kpi(db);
	char p1[512], p2[512];
	snprintf(p1, sizeof p1, "%s", fixture("kolada_v3_page1.json"));
	snprintf(p2, sizeof p2, "%s", fixture("kolada_v3_page2.json"));
	int before = audit_count(db);
	FAILS(db, upf_kolada_import(&t, db, p1), UPF_INVALID,
	      "kolada_v3_page1.json': page 1 of its response has a next page "
	      "(next_url), which is not among the files; give every page, or --partial");
	FAILS(db, upf_kolada_import(&t, db, p2), UPF_INVALID,
	      "page 2 of its response follows page 1, which is not among the files");
	const char *twice[] = {p1, p1, p2};
	FAILS(db, upf_kolada_import_files(&t, db, twice, 3, UPF_KOLADA_PARTIAL),
	      UPF_INVALID, "page 1 of its response is here twice");
	assert_int_equal(audit_count(db), before);
	assert_string_equal(report_cell(db, "{\"period\":\"2025\",\"level\":2,"
				       "\"measures\":[\"RES-NOJD-HT\"],\"compare\":\"national\"}",
				       "L2A", "reference_status", buf, sizeof buf), "not imported");

	/* Given in any order. */
	const char *both[] = {p2, p1};
	OK(db, upf_kolada_import_files(&t, db, both, 2, 0));
	assert_string_equal(cell(t, "U21468", "rows"), "7");
	assert_null(cell(t, "U21468", "notes"));
	upf_table_free(t);
	assert_int_equal(audit_count(db), before + 1);
	OK(db, upf_audit_list(&t, db, NULL, NULL));
	const char *entry = upf_table_value(t, upf_table_rows(t) - 1, 7);
	assert_non_null(strstr(entry, "\"files\":[{\"file\":\"kolada_v3_page2.json\""));
	assert_null(strstr(entry, "partial"));
	upf_table_free(t);

	/* Partial: one page, recorded as such. */
	OK(db, upf_kolada_import_files(&t, db, (const char *const[]){p1}, 1,
				       UPF_KOLADA_PARTIAL));
	assert_string_equal(cell(t, "U21468", "notes"),
			    "partial: a page of the response was not imported");
	upf_table_free(t);
	OK(db, upf_audit_list(&t, db, NULL, NULL));
	assert_non_null(strstr(upf_table_value(t, upf_table_rows(t) - 1, 7), "\"partial\":1"));
	upf_table_free(t);

	/* One file that holds the pages as an array. */
	char text[8192];
	FILE *fp = fopen(p1, "r");
	size_t n1 = fread(text + 1, 1, 4000, fp);
	fclose(fp);
	text[0] = '[';
	text[1 + n1] = ',';
	fp = fopen(p2, "r");
	size_t n2 = fread(text + 2 + n1, 1, 4000, fp);
	fclose(fp);
	text[2 + n1 + n2] = ']';
	text[3 + n1 + n2] = '\0';
	OK(db, upf_kolada_import(&t, db, write_file(f, "pages.json", text)));
	assert_string_equal(cell(t, "U21468", "rows"), "7");
	upf_table_free(t);
	text[1 + n1] = ']';
	text[2 + n1] = '\0';
	FAILS(db, upf_kolada_import(&t, db, write_file(f, "page1.json", text)), UPF_INVALID,
	      "page 1 of its response has a next page");

	/* An address without a page parameter cannot be placed. */
	FAILS(db, upf_kolada_import(&t, db, write_file(f, "nopage.json",
	      "{\"values\":[{\"kpi\":\"U1\",\"municipality\":\"0580\",\"period\":2025,"
	      "\"values\":[{\"gender\":\"T\",\"value\":1}]}],\"count\":1,"
	      "\"next_url\":\"https://api.kolada.se/v3/data/kpi/U1/year/2025?cursor=abc\","
	      "\"previous_url\":null}")), UPF_INVALID,
	      "its addresses carry no page number");
	/* A key given in two files is refused, naming where it came first. */
	const char *dup = write_file(f, "dup.json",
		"{\"values\":[{\"kpi\":\"U21468\",\"municipality\":\"0580\",\"period\":2025,"
		"\"values\":[{\"gender\":\"T\",\"value\":1}]}],\"next_url\":null}");
	char v2[512];
	snprintf(v2, sizeof v2, "%s", fixture("kolada_v2.json"));
	const char *dups[] = {v2, dup};
	FAILS(db, upf_kolada_import_files(&t, db, dups, 2, 0), UPF_INVALID,
	      "dup.json': 1 bad value; nothing was written\n$.values[0].values[0]: "
	      "the same kpi, municipality, period and gender as file '");
	assert_non_null(strstr(upf_errmsg(db), "kolada_v2.json' $.values["));
}

/* A group and a unit are stored as such and compared with by name; a
 * blank reference says why. */
static void test_groups_units_and_status(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	char buf[64];
	measure_with_kpi(db);
	const char *pages[] = {fixture("kolada_v3_page1.json")};
	char p1[512];
	snprintf(p1, sizeof p1, "%s", pages[0]);
	const char *both[] = {p1, fixture("kolada_v3_page2.json")};
	OK(db, upf_kolada_import_files(NULL, db, both, 2, 0));
	OK(db, upf_reference_list(&t, db, "U21468"));
	int groups = 0, units = 0;
	for (int r = 0; r < upf_table_rows(t); r++) {
		groups += !strcmp(upf_table_value(t, r, 1), "group") &&
			  !strcmp(upf_table_value(t, r, 2), "G33612");
		units += !strcmp(upf_table_value(t, r, 1), "ou") &&
			 !strcmp(upf_table_value(t, r, 2), "V21E058000101");
		assert_string_equal(upf_table_value(t, r, 8), "kolada");
	}
	assert_int_equal(groups, 1);
	assert_int_equal(units, 1);
	upf_table_free(t);
#define VALUES(extra) "{\"period\":\"2025\",\"level\":2,\"measures\":[\"RES-NOJD-HT\"]," extra "}"
	assert_string_equal(report_cell(db, VALUES("\"compare\":\"group\",\"group\":\"G33612\""),
				       "L2A", "reference", buf, sizeof buf), "85.5");
	assert_string_equal(report_cell(db, VALUES("\"compare\":\"group\",\"group\":\"G33612\""),
				       "L2A", "reference_status", buf, sizeof buf), "(null)");
	assert_string_equal(report_cell(db, VALUES("\"compare\":\"ou\",\"ou\":\"V21E058000101\""),
				       "L2A", "reference", buf, sizeof buf), "91.0");
	/* A group is not a municipality: its id does not answer as one. */
	FAILS(db, upf_report_json(&(char *){NULL}, db, "values",
				  VALUES("\"compare\":\"municipality\",\"municipality\":\"G33612\"")),
	      UPF_INVALID, "municipality 'G33612': must be four digits");
	FAILS(db, upf_report_json(&(char *){NULL}, db, "values",
				  VALUES("\"compare\":\"group\",\"group\":\"0580\"")),
	      UPF_INVALID, "group '0580': a municipality group's id starts with G");
	FAILS(db, upf_report_json(&(char *){NULL}, db, "values", VALUES("\"compare\":\"ou\"")),
	      UPF_INVALID, "ou: missing; compare 'ou' names one");
	FAILS(db, upf_report_json(&(char *){NULL}, db, "values", VALUES("\"compare\":\"kommun\"")),
	      UPF_INVALID, "compare 'kommun'");
	/* Why a cell is blank. */
	assert_string_equal(report_cell(db, VALUES("\"compare\":\"municipality\","
						   "\"municipality\":\"1480\""),
				       "L2A", "reference_status", buf, sizeof buf), "Missing");
	assert_string_equal(report_cell(db, VALUES("\"compare\":\"municipality\","
						   "\"municipality\":\"0580\",\"gender\":\"K\""),
				       "L2A", "reference_status", buf, sizeof buf),
			    "no figure for gender K");
	assert_string_equal(report_cell(db, VALUES("\"compare\":\"national\",\"gender\":\"K\""),
				       "L2A", "reference", buf, sizeof buf), "84.0");
	assert_string_equal(report_cell(db, VALUES("\"compare\":\"municipality\","
						   "\"municipality\":\"2480\""),
				       "L2A", "reference_status", buf, sizeof buf), "not imported");
	assert_string_equal(report_cell(db, VALUES("\"compare\":\"previous\""),
				       "L2A", "reference_status", buf, sizeof buf), "(null)");
#undef VALUES
}

/* National figures from elsewhere, as CSV in the Swedish dialect. */
static void test_reference_csv(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	char buf[64];
	measure_with_kpi(db);
	const char *csv = write_file(f, "socialstyrelsen.csv",
		"\xEF\xBB\xBFkpi;kind;area;year;gender;value;status\r\n"
		"U21468;municipality;0000;2025;T;79,5;\r\n"
		"U21468;municipality;0000;2025;K;;Missing\r\n"
		"U99999;group;G33612;2025;T;12;\r\n");
	OK(db, upf_reference_import(&t, db, csv));
	assert_int_equal(upf_table_rows(t), 2);
	assert_string_equal(cell(t, "U21468", "rows"), "2");
	assert_string_equal(cell(t, "U21468", "measures"), "RES-NOJD-HT");
	upf_table_free(t);
	assert_string_equal(report_cell(db, "{\"period\":\"2025\",\"level\":2,\"measures\":"
					"[\"RES-NOJD-HT\"],\"compare\":\"national\"}",
				       "L2A", "reference", buf, sizeof buf), "79.5");
	assert_string_equal(report_cell(db, "{\"period\":\"2025\",\"level\":2,\"measures\":"
					"[\"RES-NOJD-HT\"],\"compare\":\"national\",\"gender\":\"K\"}",
				       "L2A", "reference_status", buf, sizeof buf), "Missing");
	OK(db, upf_reference_list(&t, db, "U21468"));
	assert_string_equal(upf_table_value(t, 0, 8), "csv");
	upf_table_free(t);
	/* Every bad line listed, nothing written. */
	int before = audit_count(db);
	FAILS(db, upf_reference_import(&t, db, write_file(f, "bad.csv",
		"kpi,kind,area,year,gender,value\n"
		"U1,kommun,0580,2025,T,1\n"
		"U1,municipality,580,2025,T,1\n"
		"U1,group,0580,2025,T,1\n"
		"U1,municipality,0580,2025,X,1\n"
		"U1,municipality,0580,2025,T,\n"
		"U1,municipality,0580,2025,T,hög\n"
		"U1,ou,V21E0580,2025,T,1\n"
		"U1,ou,V21E0580,2025,T,2\n")), UPF_INVALID,
	      "7 bad lines; nothing was written\n"
	      "line 2: kind 'kommun': must be one of municipality, group, ou\n"
	      "line 3: area '580': a municipality is four digits");
	const char *msg = upf_errmsg(db);
	assert_non_null(strstr(msg, "\nline 4: area '0580': a municipality group's id starts with G"));
	assert_non_null(strstr(msg, "\nline 5: gender 'X'"));
	assert_non_null(strstr(msg, "\nline 6: value: missing; an empty value needs a status"));
	assert_non_null(strstr(msg, "\nline 7: value 'hög': not a number"));
	assert_non_null(strstr(msg, "\nline 9: the same kpi, kind, area, year and gender as line 8"));
	FAILS(db, upf_reference_import(&t, db, write_file(f, "hdr.csv", "kpi,kind,area\nU1,ou,X\n")),
	      UPF_INVALID, "year");
	assert_int_equal(audit_count(db), before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_v2_import_and_summary),
		TEST(test_compare_national_and_municipality),
		TEST(test_v3_shape),
		TEST(test_municipality_as_a_number),
		TEST(test_bad_documents_write_nothing),
		TEST(test_pages),
		TEST(test_groups_units_and_status),
		TEST(test_reference_csv),
	};
	return RUN(tests);
}
