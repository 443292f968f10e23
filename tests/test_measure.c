/* The catalogue: quality areas, measures, targets and indicators. */
#include <math.h>

#include "org_fixture.h"

static void test_default_catalogue(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	OK(db, upf_quality_area_list(&t, db));
	assert_int_equal(upf_table_rows(t), 6);
	assert_string_equal(cell(t, "delaktighet", "name"), "Delaktighet");
	assert_string_equal(cell(t, "ledning", "name"), "Ledning och styrning");
	assert_string_equal(cell(t, "samverkan", "goals"), "2");
	upf_table_free(t);
	/* Every process measure of the appendix follows a goal in its area. */
	OK(db, upf_measure_list(&t, db, "process", NULL));
	assert_true(upf_table_rows(t) >= 12);
	for (int r = 0; r < upf_table_rows(t); r++) {
		upf_table *m = NULL;
		OK(db, upf_measure_show(&m, db, upf_table_value(t, r, 0)));
		assert_non_null(cell(m, upf_table_value(t, r, 0), "goal"));
		assert_non_null(cell(m, upf_table_value(t, r, 0), "method"));
		assert_non_null(cell(m, upf_table_value(t, r, 0), "quality_area"));
		upf_table_free(m);
	}
	upf_table_free(t);
	OK(db, upf_measure_list(&t, db, "result", NULL));
	assert_string_equal(cell(t, "RES-GP-PLAN", "type"), "share");
	upf_table_free(t);
	OK(db, upf_measure_list(&t, db, "structure", NULL));
	assert_string_equal(cell(t, "STR-PLATSER", "time_rule"), "stock");
	assert_string_equal(cell(t, "STR-LOKALER", "level"), "2");
	assert_non_null(cell(t, "STR-KO", "code"));
	upf_table_free(t);
	OK(db, upf_measure_list(&t, db, NULL, "kompetens"));
	assert_string_equal(cell(t, "KOMP-OMSATT", "direction"), "down");
	upf_table_free(t);
}

static void test_measure_definition(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	OK(db, upf_measure_add(db, "HT-TID", "Kontinuitet i hemtjänsten", "process",
			       "mean", "{\"level\": \"2\", \"frequency\": \"half\", "
			       "\"direction\": \"down\", \"quality_area\": \"personcentrerat\", "
			       "\"unit_label\": \"personal per 14 dagar\", \"method\": \"Tidsregistrering\", "
			       "\"kpi\": \"U21468\", \"description\": \"Antal personal\"}"));
	OK(db, upf_measure_show(&t, db, "HT-TID"));
	assert_string_equal(cell(t, "HT-TID", "time_rule"), "pool");
	assert_string_equal(cell(t, "HT-TID", "level"), "2");
	assert_string_equal(cell(t, "HT-TID", "frequency"), "half");
	assert_string_equal(cell(t, "HT-TID", "quality_area"), "personcentrerat");
	assert_string_equal(cell(t, "HT-TID", "kpi"), "U21468");
	upf_table_free(t);
	OK(db, upf_measure_add(db, "C1", "En räkning", "structure", "count", NULL));
	OK(db, upf_measure_show(&t, db, "C1"));
	assert_string_equal(cell(t, "C1", "time_rule"), "flow");
	assert_string_equal(cell(t, "C1", "level"), "3");
	assert_string_equal(cell(t, "C1", "frequency"), "month");
	assert_string_equal(cell(t, "C1", "direction"), "none");
	upf_table_free(t);
}

static void test_measure_refusals(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	FAILS(db, upf_measure_add(db, "X", "X", "outcome", "count", NULL),
	      UPF_INVALID, "kind 'outcome'");
	FAILS(db, upf_measure_add(db, "X", "X", "result", "ratio", NULL),
	      UPF_INVALID, "type 'ratio'");
	FAILS(db, upf_measure_add(db, "X", "X", "result", "share", "{\"time\":\"flow\"}"),
	      UPF_INVALID, "time 'flow': a share measure always uses 'pool'");
	FAILS(db, upf_measure_add(db, "X", "X", "result", "yesno", "{\"time\":\"stock\"}"),
	      UPF_INVALID, "always uses 'last'");
	FAILS(db, upf_measure_add(db, "X", "X", "result", "count", "{\"time\":\"pool\"}"),
	      UPF_INVALID, "time 'pool'");
	FAILS(db, upf_measure_add(db, "X", "X", "result", "count", "{\"level\":1}"),
	      UPF_INVALID, "level '1'");
	FAILS(db, upf_measure_add(db, "X", "X", "result", "count", "{\"frequency\":\"week\"}"),
	      UPF_INVALID, "frequency 'week'");
	FAILS(db, upf_measure_add(db, "X", "X", "result", "count", "{\"direction\":\"left\"}"),
	      UPF_INVALID, "direction 'left'");
	FAILS(db, upf_measure_add(db, "X", "X", "result", "count", "{\"colour\":\"red\"}"),
	      UPF_INVALID, "options: unknown key 'colour'");
	FAILS(db, upf_measure_add(db, "X", "X", "result", "count", "{\"level\":"),
	      UPF_INVALID, "not a JSON object");
	FAILS(db, upf_measure_add(db, "X", "X", "result", "count", "[1,2]"),
	      UPF_INVALID, "not a JSON object");
	FAILS(db, upf_measure_add(db, "X", "X", "result", "count",
				  "{\"quality_area\":\"gladje\"}"),
	      UPF_NOTFOUND, "quality_area: unknown quality area 'gladje'");
	FAILS(db, upf_measure_add(db, "RES-GP-PLAN", "X", "result", "count", NULL),
	      UPF_EXISTS, "'RES-GP-PLAN' already exists");
	FAILS(db, upf_measure_add(db, "EKO-KR-PLATS", "X", "result", "count", NULL),
	      UPF_EXISTS, "indicator 'EKO-KR-PLATS' already exists");
}

static void test_targets(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	OK(db, upf_target_set(db, "SHARE", 80, 2026, NULL, NULL));
	OK(db, upf_target_set(db, "SHARE", 85, 2026, "PV", NULL));
	OK(db, upf_target_set(db, "SHARE", 90, 2026, NULL, "A1"));
	OK(db, upf_target_set(db, "SHARE", 82, 2026, NULL, NULL)); /* replaces 80 */
	OK(db, upf_target_list(&t, db, "SHARE"));
	assert_int_equal(upf_table_rows(t), 3);
	assert_string_equal(upf_table_value(t, 0, 4), "82.0");
	upf_table_free(t);
	FAILS(db, upf_target_set(db, "NOPE", 1, 2026, NULL, NULL), UPF_NOTFOUND,
	      "measure: unknown measure 'NOPE'");
	FAILS(db, upf_target_set(db, "SHARE", 1, 2026, "PV", "A1"), UPF_INVALID,
	      "not both");
	FAILS(db, upf_target_set(db, "SHARE", 1, 26, NULL, NULL), UPF_INVALID,
	      "year '26'");
	FAILS(db, upf_target_set(db, "SHARE", NAN, 2026, NULL, NULL), UPF_INVALID,
	      "value: not a finite number");
}

static void test_indicators(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	OK(db, upf_indicator_add(db, "PER1000", "Kö per 1000 timmar", "LAST", "FLOW",
				 1000));
	OK(db, upf_indicator_list(&t, db));
	assert_string_equal(cell(t, "PER1000", "numerator"), "LAST");
	assert_string_equal(cell(t, "PER1000", "factor"), "1000.0");
	assert_string_equal(cell(t, "EKO-KR-PLATS", "denominator"), "STR-PLATSER");
	upf_table_free(t);
	FAILS(db, upf_indicator_add(db, "X", "X", "NOPE", "FLOW", 1), UPF_NOTFOUND,
	      "numerator: unknown measure 'NOPE'");
	FAILS(db, upf_indicator_add(db, "X", "X", "FLOW", "FLOW", 0), UPF_INVALID,
	      "factor");
	FAILS(db, upf_indicator_add(db, "FLOW", "X", "FLOW", "LAST", 1), UPF_EXISTS,
	      "'FLOW' already exists");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_default_catalogue),
		TEST(test_measure_definition),
		TEST(test_measure_refusals),
		TEST(test_targets),
		TEST(test_indicators),
	};
	return RUN(tests);
}
