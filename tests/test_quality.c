/* Data quality: the reports "quality" and "missing", against findings
 * worked out by hand (the arithmetic is in the comments). */
#include "org_fixture.h"

/* The fixture with three more home-care units, so that A1..A5 make a
 * group of five comparable units; FLOW with a plausible range, STOCK in
 * residential care only, a warning rule FLOW <= GRANTED; and the values:
 *
 *   FLOW  A1  2025-05..2026-04: 100 102 98 101 99 100 103 97 100 101 99 100
 *             2026-05 100, -06 101, -07 101, -08 1900 (confirmed)
 *         A2..A5  2026-05: 110, 90, 105, 400
 *         B2  2026-05..08: 50 each;  B1 nothing
 *   STOCK B1  2026-05..08: 10 each;  B2 nothing
 *   GRANTED A1 2026-06: 100
 *   SHARE A1..A5 2026-05: 9 of 10, 8 of 10, 10 of 10, 17 of 20, 2 of 10 */
static void build(upf_db *db)
{
	static const double history[] = {100, 102, 98, 101, 99, 100,
					 103, 97, 100, 101, 99, 100};
	char period[8];
	build_small_org(db);
	OK(db, upf_unit_add_level3(db, "A3", "Enhet A3", "L2A", "2025-01-01"));
	OK(db, upf_unit_add_level3(db, "A4", "Enhet A4", "L2A", "2025-01-01"));
	OK(db, upf_unit_add_level3(db, "A5", "Enhet A5", "L2A", "2025-01-01"));
	OK(db, upf_measure_edit(db, "FLOW", "{\"max\":1000}"));
	OK(db, upf_measure_edit(db, "STOCK", "{\"areas\":[\"sarskilt_boende\"]}"));
	OK(db, upf_measure_add(db, "GRANTED", "Beviljade timmar", "structure", "amount", NULL));
	OK(db, upf_rule_add(db, "INOM", "FLOW <= GRANTED", "warning"));
	for (int i = 0; i < 12; i++) {
		int m = 2025 * 12 + 4 + i;
		snprintf(period, sizeof period, "%04d-%02d", m / 12, m % 12 + 1);
		set(db, "FLOW", "A1", period, history[i]);
	}
	set(db, "FLOW", "A1", "2026-05", 100);
	set(db, "FLOW", "A1", "2026-06", 101);
	set(db, "FLOW", "A1", "2026-07", 101);
	OK(db, upf_value_set(db, "FLOW", "A1", "2026-08", 1900, NULL, NULL,
			     UPF_WRITE_CONFIRM));
	set(db, "FLOW", "A2", "2026-05", 110);
	set(db, "FLOW", "A3", "2026-05", 90);
	set(db, "FLOW", "A4", "2026-05", 105);
	set(db, "FLOW", "A5", "2026-05", 400);
	static const char *const t2[] = {"2026-05", "2026-06", "2026-07", "2026-08"};
	for (int i = 0; i < 4; i++) {
		set(db, "FLOW", "B2", t2[i], 50);
		set(db, "STOCK", "B1", t2[i], 10);
	}
	set(db, "GRANTED", "A1", "2026-06", 100);
	set_share(db, "SHARE", "A1", "2026-05", 9, 10);
	set_share(db, "SHARE", "A2", "2026-05", 8, 10);
	set_share(db, "SHARE", "A3", "2026-05", 10, 10);
	set_share(db, "SHARE", "A4", "2026-05", 17, 20);
	set_share(db, "SHARE", "A5", "2026-05", 2, 10);
}

/* The rows of a report with an issue (NULL: all) for a unit (NULL: all). */
static int count(const upf_table *t, const char *issue, const char *unit)
{
	int n = 0;
	for (int r = 0; r < upf_table_rows(t); r++)
		n += (!issue || !strcmp(upf_table_value(t, r, 5), issue)) &&
		     (!unit || !strcmp(upf_table_value(t, r, 1), unit));
	return n;
}

/* The detail of the one row of a unit, period and issue. */
static const char *detail(const upf_table *t, const char *unit, const char *period,
			  const char *issue)
{
	for (int r = 0; r < upf_table_rows(t); r++)
		if (!strcmp(upf_table_value(t, r, 1), unit) &&
		    !strcmp(upf_table_value(t, r, 4), period) &&
		    !strcmp(upf_table_value(t, r, 5), issue))
			return upf_table_value(t, r, 7);
	fail_msg("no %s for %s in %s", issue, unit, period);
	return NULL;
}

static upf_table *quality(upf_db *db, const char *params)
{
	upf_table *t = NULL;
	OK(db, upf_report_table(&t, db, "quality", params));
	return t;
}

static void test_findings(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build(db);
	upf_table *t = quality(db, "{\"period\":\"2026-T2\",\"measures\":[\"FLOW\",\"STOCK\"]}");
	/* Missing: FLOW of A2..A5 in June to August (4 x 3) and of B1 in all
	 * four months; STOCK of B2 in all four, and of no home-care unit,
	 * where it does not apply. */
	assert_int_equal(count(t, "missing", NULL), 20);
	assert_int_equal(count(t, "missing", "B2"), 4);
	assert_int_equal(count(t, "missing", "A5"), 3);
	/* Out of range: A1's August, confirmed when it was recorded. */
	assert_int_equal(count(t, "out_of_range", NULL), 1);
	assert_string_equal(detail(t, "A1", "2026-08", "out_of_range"),
			    "outside ..1000; confirmed when recorded");
	/* The warning rule: A1's June 101 hours against 100 granted. */
	assert_int_equal(count(t, "rule", NULL), 1);
	assert_string_equal(detail(t, "A1", "2026-06", "rule"),
			    "INOM: FLOW <= GRANTED; GRANTED is 100 (warning)");
	/* Outliers. A1's August against its 12 months before (Aug 2025 to
	 * July 2026): median 100, absolute deviations 0 0 0 0 1 1 1 1 1 1 3
	 * 3, MAD 1, z = 0.6745 * 1800 / 1 = 1214.1. A1's May, June and July
	 * score 0, 0.7, 0.7. A5's 400 hours in May are not compared with the
	 * other units: hours grow with a unit's size. */
	assert_int_equal(count(t, "outlier", NULL), 1);
	assert_string_equal(detail(t, "A1", "2026-08", "outlier"),
			    "against its own 12 periods before: median 100, "
			    "modified z-score 1214.1");
	assert_int_equal(upf_table_rows(t), 23);
	upf_table_free(t);
	/* Under L2A only. */
	t = quality(db, "{\"period\":\"2026-T2\",\"measures\":[\"FLOW\",\"STOCK\"],"
			"\"unit\":\"L2A\"}");
	assert_int_equal(upf_table_rows(t), 15); /* 12 + 1 + 1 + 1 */
	assert_int_equal(count(t, NULL, "B1"), 0);
	upf_table_free(t);
	/* A share is compared with the same month of the five home-care
	 * units: 90 80 100 85 20, median 85, deviations 5 5 15 0 65, sorted
	 * 0 5 5 15 65, MAD 5; A5: 0.6745 * (20 - 85) / 5 = -8.8, A3's 2.0
	 * is within 3.5. Under A5's own node it is still compared with all
	 * five. */
	t = quality(db, "{\"period\":\"2026-05\",\"measures\":[\"SHARE\"],\"unit\":\"A5\"}");
	assert_int_equal(count(t, "outlier", NULL), 1);
	assert_string_equal(detail(t, "A5", "2026-05", "outlier"),
			    "against 5 units in hemtjanst: median 85, modified "
			    "z-score -8.8");
	upf_table_free(t);
	/* A higher threshold: -8.8 is no longer beyond it. */
	t = quality(db, "{\"period\":\"2026-05\",\"measures\":[\"SHARE\"],\"z\":10}");
	assert_int_equal(count(t, "outlier", NULL), 0);
	upf_table_free(t);
}

static void test_missing_reminders(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build(db);
	OK(db, upf_report_table(&t, db, "missing", "{\"period\":\"2026-T2\","
				"\"measures\":[\"FLOW\",\"STOCK\"]}"));
	/* Per provider, unit and measure, the periods in order. */
	assert_int_equal(upf_table_rows(t), 6);
	assert_string_equal(cell_by(t, 2, "A2", "periods"), "2026-06 2026-07 2026-08");
	assert_string_equal(cell_by(t, 2, "A2", "missing"), "3");
	assert_string_equal(cell_by(t, 2, "A2", "provider"), "LL");
	assert_string_equal(cell_by(t, 2, "B1", "periods"),
			    "2026-05 2026-06 2026-07 2026-08");
	assert_string_equal(cell_by(t, 2, "B2", "measure"), "STOCK");
	assert_string_equal(cell_by(t, 2, "B2", "provider_name"), "Privat Vård AB");
	upf_table_free(t);
	/* A unit closed in June is not expected from July. */
	OK(db, upf_unit_close(db, "A5", "2026-06-15"));
	OK(db, upf_report_table(&t, db, "missing", "{\"period\":\"2026-T2\","
				"\"measures\":[\"FLOW\"]}"));
	assert_string_equal(cell_by(t, 2, "A5", "periods"), "2026-06");
	upf_table_free(t);
	/* A retired measure is not expected from its retirement. */
	OK(db, upf_measure_retire(db, "FLOW", "2026-08"));
	OK(db, upf_report_table(&t, db, "missing", "{\"period\":\"2026-T2\","
				"\"measures\":[\"FLOW\"]}"));
	assert_string_equal(cell_by(t, 2, "A2", "periods"), "2026-06 2026-07");
	upf_table_free(t);
}

static void test_parameters(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	char *json = NULL;
	build(db);
	OK(db, upf_report_json(&json, db, "quality", "{\"period\":\"2026-05\",\"level\":3,"
			       "\"measures\":[\"STOCK\"]}"));
	assert_non_null(strstr(json, "\"report\":\"quality\",\"period\":\"2026-05\""));
	assert_non_null(strstr(json, "\"level\":3"));
	assert_non_null(strstr(json, "{\"measure\":\"STOCK\",\"unit\":\"B2\","
			       "\"unit_name\":\"Enhet B2\",\"provider\":\"PV\","
			       "\"period\":\"2026-05\",\"issue\":\"missing\",\"value\":null,"
			       "\"detail\":\"expected; no value recorded\"}"));
	upf_free(json);
	OK(db, upf_report_json(&json, db, "missing", "{\"period\":\"2026-05\"}"));
	assert_non_null(strstr(json, "\"level\":null"));
	upf_free(json);
	FAILS(db, upf_report_table(&t, db, "quality", "{\"period\":\"2026-T2\",\"z\":0}"),
	      UPF_INVALID, "z '0': must be a number above 0");
	FAILS(db, upf_report_table(&t, db, "quality", "{\"period\":\"2026-T2\",\"z\":\"high\"}"),
	      UPF_INVALID, "z 'high'");
	FAILS(db, upf_report_table(&t, db, "quality", "{\"period\":\"2026-T2\",\"level\":1}"),
	      UPF_INVALID, "level '1'");
	FAILS(db, upf_report_table(&t, db, "quality", "{\"period\":\"2026-T2\","
				   "\"measures\":[\"AVV-ANTAL\"]}"),
	      UPF_INVALID, "measures: 'AVV-ANTAL' is not a recorded measure");
	FAILS(db, upf_report_table(&t, db, "missing", "{\"level\":2}"), UPF_INVALID,
	      "period: missing");
	FAILS(db, upf_report_table(&t, db, "missing", "{\"period\":\"2026\",\"z\":3}"),
	      UPF_INVALID, "params: unknown key 'z'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_findings),
		TEST(test_missing_reminders),
		TEST(test_parameters),
	};
	return RUN(tests);
}
