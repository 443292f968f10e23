/* Reviews: instruments and criteria, reviews of units, cases and
 * contracts, their results through the aggregation engine (by hand, with
 * a moved unit), the report "review", correction requests and the
 * import. */
#include "org_fixture.h"

static long long review(upf_db *db, const char *activity, const char *instrument,
			const char *unit, const char *assignment, const char *case_key,
			const char *on)
{
	long long id = 0;
	OK(db, upf_review_add(&id, db, activity, instrument, unit, assignment, case_key, on));
	assert_true(id > 0);
	return id;
}

/* A plan for 2026 with a review of care plans at every unit, and an
 * instrument of three criteria on a yes/no scale. */
static void build(upf_db *db)
{
	build_small_org(db);
	OK(db, upf_plan_add(db, 2026, "AN", NULL));
	OK(db, upf_activity_add(db, "GP", "Granskning av genomförandeplaner", 2026, "AN",
				"individual", "{\"areas\":[\"personcentrerat\"],\"methods\":"
				"[\"granskning_gp\"],\"scope\":[\"all\"],\"start\":\"2026-02-01\","
				"\"due\":\"2026-12-31\"}"));
	OK(db, upf_instrument_add(db, "GP", "Granskning av genomförandeplaner",
				  "granskning_gp", "yes_no"));
	OK(db, upf_criterion_add(db, "GP", "AKTUELL", "Genomförandeplanen är aktuell",
				 "personcentrerat"));
	OK(db, upf_criterion_add(db, "GP", "DELAKTIG", "Brukaren har varit delaktig",
				 "delaktighet"));
	OK(db, upf_criterion_add(db, "GP", "ENLIGT-PLAN", "Avslutad enligt plan", NULL));
}

/* The cases, and the answers on AKTUELL (B2 moves to L2A on 1 July):
 *
 *   2026-05-10  A1 GP-1 yes, A1 GP-2 no, A2 GP-3 yes, B1 GP-4 yes,
 *               B2 GP-5 no, B2 GP-6 na
 *   2026-09-15  B2 GP-7 yes, A1 GP-8 yes
 */
static void answer_cases(upf_db *db)
{
	static const struct {
		const char *unit, *key, *on, *answer;
	} cases[] = {
		{"A1", "GP-1", "2026-05-10", "yes"}, {"A1", "GP-2", "2026-05-10", "no"},
		{"A2", "GP-3", "2026-05-10", "yes"}, {"B1", "GP-4", "2026-05-10", "yes"},
		{"B2", "GP-5", "2026-05-10", "no"},  {"B2", "GP-6", "2026-05-10", "na"},
		{"B2", "GP-7", "2026-09-15", "yes"}, {"A1", "GP-8", "2026-09-15", "yes"},
	};
	OK(db, upf_unit_move(db, "B2", "L2A", NULL, "2026-07-01"));
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		long long id = review(db, "GP", "GP", cases[i].unit, NULL, cases[i].key,
				      cases[i].on);
		OK(db, upf_review_answer(db, id, "AKTUELL", cases[i].answer, NULL, NULL));
		OK(db, upf_review_answer(db, id, "DELAKTIG", "yes", NULL, NULL));
	}
}

static const char *value_at(upf_db *db, const char *params, const char *node,
			    const char *column, char *buf)
{
	upf_table *t = NULL;
	OK(db, upf_report_table(&t, db, "values", params));
	snprintf(buf, 32, "%s", "(no row)");
	for (int c = 0; c < upf_table_columns(t); c++)
		for (int r = 0; r < upf_table_rows(t); r++)
			if (!strcmp(upf_table_column(t, c), column) &&
			    !strcmp(upf_table_value(t, r, 1), node)) {
				const char *v = upf_table_value(t, r, c);
				snprintf(buf, 32, "%s", v ? v : "(null)");
			}
	upf_table_free(t);
	return buf;
}

#define YEAR(level) "{\"period\":\"2026\",\"level\":" level ",\"measures\":[\"REV-GP-AKTUELL\"]}"

static void test_criteria_aggregate_like_measures(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	char buf[32];
	build(db);
	OK(db, upf_measure_show(&t, db, "REV-GP-AKTUELL"));
	assert_string_equal(cell(t, "REV-GP-AKTUELL", "type"), "share");
	assert_string_equal(cell(t, "REV-GP-AKTUELL", "quality_area"), "personcentrerat");
	upf_table_free(t);
	answer_cases(db);
	/* Per unit over the year: A1 2 of 3; A2 1 of 1; B1 1 of 1; B2 1 of 2
	 * (GP-6 does not apply). */
	assert_string_equal(value_at(db, YEAR("3"), "A1", "value", buf), "66.67");
	assert_string_equal(value_at(db, YEAR("3"), "B2", "value", buf), "50.0");
	assert_string_equal(value_at(db, YEAR("3"), "B2", "denominator", buf), "2.0");
	/* Per level-2 unit, each answer where its unit stood that month:
	 * L2A A1 2/3 + A2 1/1 + B2's September 1/1 = 4/5 = 80 %; L2B B1 1/1 +
	 * B2's May 0/1 = 1/2 = 50 %. */
	assert_string_equal(value_at(db, YEAR("2"), "L2A", "value", buf), "80.0");
	assert_string_equal(value_at(db, YEAR("2"), "L2A", "units_reported", buf), "3");
	assert_string_equal(value_at(db, YEAR("2"), "L2B", "value", buf), "50.0");
	assert_string_equal(value_at(db, YEAR("2"), "L2B", "units_reported", buf), "2");
	/* Expected: the units in the scope of an activity that reviews with
	 * the instrument (GP: all four), once each in the period. */
	assert_string_equal(value_at(db, YEAR("2"), "L2A", "units_expected", buf), "3");
	assert_string_equal(value_at(db, YEAR("\"total\""), "total", "units_expected", buf),
			    "4");
	assert_string_equal(value_at(db, YEAR("\"total\""), "total", "periods_expected", buf),
			    "4");
	assert_string_equal(value_at(db, YEAR("1"), "LL", "value", buf), "80.0");
	assert_string_equal(value_at(db, YEAR("1"), "PV", "value", buf), "50.0");
	/* In total 5 of 7 = 71.43 %, not the mean of 80 and 50. */
	assert_string_equal(value_at(db, YEAR("\"total\""), "total", "value", buf), "71.43");
	assert_string_equal(value_at(db, YEAR("\"total\""), "total", "numerator", buf), "5.0");
	/* By tertial: T2 L2A 2/3, L2B 1/2; T3 L2A 2/2, L2B nothing reviewed. */
	assert_string_equal(value_at(db, "{\"period\":\"2026-T2\",\"measures\":[\"REV-GP-AKTUELL\"]}",
				     "L2A", "value", buf), "66.67");
	assert_string_equal(value_at(db, "{\"period\":\"2026-T3\",\"measures\":[\"REV-GP-AKTUELL\"]}",
				     "L2A", "value", buf), "100.0");
	assert_string_equal(value_at(db, "{\"period\":\"2026-T3\",\"measures\":[\"REV-GP-AKTUELL\"]}",
				     "L2B", "value", buf), "(null)");
	/* By regime: in-house 4/5, private 1/2. */
	OK(db, upf_report_table(&t, db, "values", "{\"period\":\"2026\",\"level\":\"total\","
				"\"by\":\"regime\",\"measures\":[\"REV-GP-AKTUELL\"]}"));
	assert_string_equal(cell_by(t, 3, "in_house", "value"), "80.0");
	assert_string_equal(cell_by(t, 3, "private", "value"), "50.0");
	upf_table_free(t);
	/* Recorded by reviews, not by hand. */
	FAILS(db, upf_value_set(db, "REV-GP-AKTUELL", "A1", "2026-05", 1, &(double){2}, NULL, 0),
	      UPF_REFUSED, "measure 'REV-GP-AKTUELL': computed");
}

static void test_report_review(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build(db);
	answer_cases(db);
	OK(db, upf_report_table(&t, db, "review", "{\"activity\":\"GP\"}"));
	/* AKTUELL: 8 answers, 5 yes, 2 no, 1 na: 5 of 7 = 71.43 %. */
	assert_int_equal(upf_table_rows(t), 2);
	assert_string_equal(cell_by(t, 1, "AKTUELL", "answers"), "8");
	assert_string_equal(cell_by(t, 1, "AKTUELL", "positive"), "5");
	assert_string_equal(cell_by(t, 1, "AKTUELL", "negative"), "2");
	assert_string_equal(cell_by(t, 1, "AKTUELL", "na"), "1");
	assert_string_equal(cell_by(t, 1, "AKTUELL", "share"), "71.43");
	assert_string_equal(cell_by(t, 1, "DELAKTIG", "share"), "100.0");
	upf_table_free(t);
	OK(db, upf_report_table(&t, db, "review", "{\"activity\":\"GP\",\"by\":\"unit\"}"));
	assert_int_equal(upf_table_rows(t), 8); /* 2 criteria x 4 units */
	assert_string_equal(cell_by(t, 3, "A1", "share"), "66.67");
	upf_table_free(t);
	OK(db, upf_review_list(&t, db, "{\"unit\":\"B2\"}"));
	assert_int_equal(upf_table_rows(t), 3);
	assert_string_equal(cell_by(t, 5, "GP-6", "na"), "1");
	upf_table_free(t);
}

/* A deficiency in a contract review opens a correction request. */
static void test_contract_review_and_correction(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build(db);
	OK(db, upf_activity_add(db, "AVTAL-PV", "Avtalsuppföljning PV", 2026, "AN", "assignment",
				"{\"areas\":[\"ledning\"],\"methods\":[\"granskning\"],"
				"\"scope\":[\"assignment:PV\"],\"start\":\"2026-03-01\","
				"\"due\":\"2026-06-30\"}"));
	OK(db, upf_instrument_add(db, "AVTAL", "Avtalskrav", "granskning",
				  "met_remark_deficiency"));
	OK(db, upf_criterion_add(db, "AVTAL", "BEMANNING", "Bemanning enligt avtal", "kompetens"));
	OK(db, upf_criterion_add(db, "AVTAL", "HSL", "Rutiner för hälso- och sjukvård", NULL));
	long long id = review(db, "AVTAL-PV", "AVTAL", NULL, "PV", NULL, "2026-04-10");
	OK(db, upf_review_answer(db, id, "BEMANNING", "deficiency", "Natt underbemannad", NULL));
	OK(db, upf_review_answer(db, id, "HSL", "remark", NULL, NULL));
	OK(db, upf_correction_list(&t, db, "{\"open\":true}"));
	assert_int_equal(upf_table_rows(t), 1);
	assert_string_equal(cell_by(t, 4, "BEMANNING", "provider"), "PV");
	assert_string_equal(cell_by(t, 4, "BEMANNING", "text"),
			    "Bemanning enligt avtal: Natt underbemannad");
	assert_string_equal(cell_by(t, 4, "BEMANNING", "due"), "2026-05-10");
	assert_string_equal(cell_by(t, 4, "BEMANNING", "status"), "open");
	long long correction = upf_table_int(t, 0, 0);
	upf_table_free(t);
	FAILS(db, upf_correction_verify(db, correction, "2026-04-01"), UPF_REFUSED,
	      "before the request was opened, 2026-04-10");
	OK(db, upf_correction_reply(db, correction, "2026-05-02", "Nattbemanningen utökad"));
	FAILS(db, upf_correction_verify(db, correction, "2026-05-01"), UPF_REFUSED,
	      "before the provider replied, 2026-05-02");
	OK(db, upf_correction_verify(db, correction, "2026-05-20"));
	FAILS(db, upf_correction_verify(db, correction, "2026-05-21"), UPF_REFUSED,
	      "verified already, on 2026-05-20");
	assert_int_equal(rows_of(upf_correction_list(&t, db, "{\"open\":true}"), &t), 0);
	OK(db, upf_correction_list(&t, db, "{\"provider\":\"PV\"}"));
	assert_string_equal(upf_table_value(t, 0, 11), "verified");
	upf_table_free(t);
	/* The contract's review reports by its assignment. */
	OK(db, upf_report_table(&t, db, "review", "{\"activity\":\"AVTAL-PV\",\"by\":\"unit\"}"));
	assert_string_equal(cell_by(t, 1, "BEMANNING", "subject"), "PV");
	assert_string_equal(cell_by(t, 1, "HSL", "middle"), "1");
	upf_table_free(t);
}

static void test_refusals(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	long long id = 0;
	build(db);
	OK(db, upf_activity_add(db, "HT", "Hemtjänst", 2026, "AN", "thematic",
				"{\"areas\":[\"samverkan\"],\"methods\":[\"fokusgrupper\"],"
				"\"scope\":[\"area:hemtjanst\"],\"start\":\"2026-03-01\","
				"\"due\":\"2026-06-30\"}"));
	FAILS(db, upf_review_add(&id, db, "HT", "GP", "B1", NULL, NULL, "2026-04-01"),
	      UPF_REFUSED, "unit 'B1': outside the scope of activity 'HT'");
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_OUT_OF_SCOPE);
	FAILS(db, upf_review_add(&id, db, "HT", "GP", NULL, "PV", NULL, "2026-04-01"),
	      UPF_REFUSED, "assignment 'PV': outside the scope of activity 'HT'");
	FAILS(db, upf_review_add(&id, db, "GP", "GP", "A1", NULL, "811218-9876", "2026-04-01"),
	      UPF_PERSONAL, "case: looks like a personal identity number");
	FAILS(db, upf_review_add(&id, db, "GP", "GP", "A1", NULL, "Anna Andersson",
				 "2026-04-01"),
	      UPF_INVALID, "case");
	static const char *const births[] = {"19811218", "811218", "1981-12-18", "GP-811218"};
	for (int i = 0; i < 4; i++)
		FAILS(db, upf_review_add(&id, db, "GP", "GP", "A1", NULL, births[i], "2026-04-01"),
		      UPF_INVALID, "case: looks like a date of birth");
	/* A reference with four digits, or six that are no date, is a case. */
	review(db, "GP", "GP", "A1", NULL, "GP-123456", "2026-04-01");
	FAILS(db, upf_review_add(&id, db, "GP", "GP", "L2A", NULL, NULL, "2026-04-01"),
	      UPF_REFUSED, "unit 'L2A': a level-2 unit");
	FAILS(db, upf_review_add(&id, db, "GP", "GP", "A1", "PV", NULL, "2026-04-01"),
	      UPF_INVALID, "give a unit or an assignment, one of them");
	FAILS(db, upf_review_add(&id, db, "GP", "GP", "A1", NULL, NULL, "2024-04-01"),
	      UPF_REFUSED, "unit 'A1': not active on 2024-04-01");
	id = review(db, "GP", "GP", "A1", NULL, "GP-1", "2026-04-01");
	FAILS(db, upf_review_add(&(long long){0}, db, "GP", "GP", "A1", NULL, "GP-1",
				 "2026-04-02"),
	      UPF_EXISTS, "unit 'A1', case GP-1: reviewed with 'GP' in activity 'GP' already");
	FAILS(db, upf_review_answer(db, id, "AKTUELL", "partly", NULL, NULL), UPF_INVALID,
	      "answer 'partly': must be one of");
	FAILS(db, upf_review_answer(db, id, "NOPE", "yes", NULL, NULL), UPF_NOTFOUND,
	      "criterion: unknown criterion 'NOPE'");
	FAILS(db, upf_review_answer(db, 999, "AKTUELL", "yes", NULL, NULL), UPF_NOTFOUND,
	      "review: no review 999");
	FAILS(db, upf_criterion_add(db, "GP", "AKTUELL", "Igen", NULL), UPF_EXISTS,
	      "instrument 'GP' has a criterion 'AKTUELL' already");
	FAILS(db, upf_criterion_add(db, "GP", "EN-MYCKET-LANG-KRITERIEKOD-X", "Lång", NULL),
	      UPF_INVALID, "its measure 'REV-GP-EN-MYCKET-LANG-KRITERIEKOD-X' would be longer");
	FAILS(db, upf_instrument_add(db, "X", "X", "granskning_gp", "grade"), UPF_INVALID,
	      "scale 'grade'");
	OK(db, upf_activity_cancel(db, "HT", "2026-04-01", "Ingår i GP"));
	FAILS(db, upf_review_add(&id, db, "HT", "GP", "A1", NULL, NULL, "2026-04-01"),
	      UPF_REFUSED, "activity 'HT': cancelled");
}

static void test_import(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	long rows = 0;
	build(db);
	const char *path = fixture_file(f, "r.csv");
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("\xef\xbb\xbf" "activity;instrument;unit;assignment;case;date;criterion;answer;note\n"
	      "GP;GP;A1;;GP-1;2026-05-10;AKTUELL;yes;\n"
	      "GP;GP;A1;;GP-1;2026-05-10;DELAKTIG;no;\"Ej delaktig; anhörig svarade\"\n"
	      "GP;GP;B1;;GP-2;2026-05-11;AKTUELL;yes;\n", fp);
	fclose(fp);
	OK(db, upf_review_import(&rows, db, path));
	assert_int_equal(rows, 3);
	assert_int_equal(rows_of(upf_review_list(&t, db, NULL), &t), 2);
	fp = fopen(path, "w");
	fputs("activity,instrument,unit,assignment,case,date,criterion,answer,note\n"
	      "GP,GP,A2,,GP-3,2026-05-12,AKTUELL,yes,\n"
	      "GP,GP,A2,,GP-3,2026-05-12,AKTUELL,no,\n"
	      "GP,GP,A2,,GP-4,2026-05-12,AKTUELL,maybe,\n"
	      "GP,GP,A1,,GP-1,2026-05-13,ENLIGT-PLAN,yes,\n"
	      "GP,GP,A2,,19121212-1212,2026-05-12,AKTUELL,yes,\n", fp);
	fclose(fp);
	FAILS(db, upf_review_import(&rows, db, path), UPF_INVALID,
	      "4 bad lines; nothing was written");
	assert_non_null(strstr(upf_errmsg(db), "\nline 3: criterion 'AKTUELL': also answered "
			       "on line 2"));
	assert_non_null(strstr(upf_errmsg(db), "\nline 4: answer 'maybe'"));
	assert_non_null(strstr(upf_errmsg(db), "\nline 5: date '2026-05-13': the review is of "
			       "2026-05-10"));
	assert_non_null(strstr(upf_errmsg(db), "\nline 6: case: looks like a personal"));
	assert_null(strstr(upf_errmsg(db), "1212"));
	assert_int_equal(rows_of(upf_review_list(&t, db, NULL), &t), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_criteria_aggregate_like_measures),
		TEST(test_report_review),
		TEST(test_contract_review_and_correction),
		TEST(test_refusals),
		TEST(test_import),
	};
	return RUN(tests);
}
