/* The aggregation rules of DESIGN.md section 3, each against figures
 * computed by hand (the arithmetic is in the comments). */
#include <math.h>

#include "org_fixture.h"

/* The report's row for a measure and node (and group, or NULL). */
static int row_of(const upf_table *t, const char *measure, const char *node,
		  const char *group)
{
	for (int r = 0; r < upf_table_rows(t); r++) {
		const char *g = upf_table_value(t, r, 3);
		if (!strcmp(upf_table_value(t, r, 0), measure) &&
		    !strcmp(upf_table_value(t, r, 1), node) &&
		    (group ? g && !strcmp(g, group) : !g))
			return r;
	}
	fail_msg("no row for %s at %s", measure, node);
	return -1;
}

static int col_of(const upf_table *t, const char *name)
{
	for (int c = 0; c < upf_table_columns(t); c++)
		if (!strcmp(upf_table_column(t, c), name))
			return c;
	fail_msg("no column %s", name);
	return -1;
}

static const char *text_at(const upf_table *t, const char *measure,
			   const char *node, const char *column)
{
	return upf_table_value(t, row_of(t, measure, node, NULL), col_of(t, column));
}

static double at(const upf_table *t, const char *measure, const char *node,
		 const char *column)
{
	const char *v = text_at(t, measure, node, column);
	if (!v)
		fail_msg("%s at %s: %s is null", measure, node, column);
	return atof(v);
}

static upf_table *report(upf_db *db, const char *params)
{
	upf_table *t = NULL;
	OK(db, upf_report_table(&t, db, "values", params));
	return t;
}

static void test_share_pools_numerators_and_denominators(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	/* A1 1 of 1 (100 %), A2 1 of 9 (11.1 %): pooled 2 of 10 = 20 %,
	 * where the mean of the percentages would say 55.6 %. */
	set_share(db, "SHARE", "A1", "2026-05", 1, 1);
	set_share(db, "SHARE", "A2", "2026-05", 1, 9);
	upf_table *t = report(db, "{\"period\":\"2026-05\",\"measures\":[\"SHARE\"]}");
	assert_float_equal(at(t, "SHARE", "L2A", "value"), 20.0, 1e-9);
	assert_float_equal(at(t, "SHARE", "L2A", "numerator"), 2, 1e-9);
	assert_float_equal(at(t, "SHARE", "L2A", "denominator"), 10, 1e-9);
	assert_float_equal(at(t, "SHARE", "L2A", "units_reported"), 2, 0);
	assert_float_equal(at(t, "SHARE", "L2A", "units_expected"), 2, 0);
	/* L2B reported nothing: a row with its coverage and no value. */
	assert_null(text_at(t, "SHARE", "L2B", "value"));
	assert_float_equal(at(t, "SHARE", "L2B", "units_reported"), 0, 0);
	assert_float_equal(at(t, "SHARE", "L2B", "units_expected"), 2, 0);
	upf_table_free(t);
}

static void test_mean_pools_by_observations(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	/* A1 mean 4 over 10, A2 mean 2 over 30: (40 + 60) / 40 = 2.5, not
	 * (4 + 2) / 2 = 3. */
	set_share(db, "MEAN", "A1", "2026", 4, 10);
	set_share(db, "MEAN", "A2", "2026", 2, 30);
	upf_table *t = report(db, "{\"period\":\"2026\",\"measures\":[\"MEAN\"]}");
	assert_float_equal(at(t, "MEAN", "L2A", "value"), 2.5, 1e-9);
	assert_float_equal(at(t, "MEAN", "L2A", "denominator"), 40, 1e-9);
	upf_table_free(t);
}

static void test_flow_and_stock_with_a_missing_month(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	/* FLOW sums: A1 10 + 20 + (July missing) + 30 = 60, A2 5: L2A 65.
	 * STOCK averages the reported months per unit, then sums over units:
	 * A1 (10 + 12 + 14) / 3 = 12, A2 4 every month: L2A 16. */
	set(db, "FLOW", "A1", "2026-05", 10);
	set(db, "FLOW", "A1", "2026-06", 20);
	set(db, "FLOW", "A1", "2026-08", 30);
	set(db, "FLOW", "A2", "2026-05", 5);
	set(db, "STOCK", "A1", "2026-05", 10);
	set(db, "STOCK", "A1", "2026-06", 12);
	set(db, "STOCK", "A1", "2026-08", 14);
	for (int m = 5; m <= 8; m++) {
		char period[8];
		snprintf(period, sizeof period, "2026-%02d", m);
		set(db, "STOCK", "A2", period, 4);
	}
	upf_table *t = report(db, "{\"period\":\"2026-T2\",\"measures\":[\"FLOW\",\"STOCK\"]}");
	assert_float_equal(at(t, "FLOW", "L2A", "value"), 65, 1e-9);
	assert_float_equal(at(t, "STOCK", "L2A", "value"), 16, 1e-9);
	assert_null(text_at(t, "FLOW", "L2A", "numerator"));
	upf_table_free(t);
	/* Level 3 shows each unit's own figure over time. */
	t = report(db, "{\"period\":\"2026-T2\",\"level\":3,\"measures\":[\"STOCK\"]}");
	assert_float_equal(at(t, "STOCK", "A1", "value"), 12, 1e-9);
	upf_table_free(t);
}

static void test_last_takes_the_latest_reported(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	/* A1 7 in May, 3 in August: 3. A2 5 in June: 5. L2A 8. */
	set(db, "LAST", "A1", "2026-05", 7);
	set(db, "LAST", "A1", "2026-08", 3);
	set(db, "LAST", "A2", "2026-06", 5);
	upf_table *t = report(db, "{\"period\":\"2026-T2\",\"measures\":[\"LAST\"]}");
	assert_float_equal(at(t, "LAST", "L2A", "value"), 8, 1e-9);
	upf_table_free(t);
}

static void test_yesno_is_the_share_of_reporting_units(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	/* Yes from A1 and B1, no from A2, nothing from B2: 2 of the 3 that
	 * reported, 66.67 %, with 3 of 4 units reporting. */
	set(db, "YESNO", "A1", "2026", 1);
	set(db, "YESNO", "A2", "2026", 0);
	set(db, "YESNO", "B1", "2026", 1);
	upf_table *t = report(db, "{\"period\":\"2026\",\"level\":\"total\","
				  "\"measures\":[\"YESNO\"]}");
	assert_float_equal(at(t, "YESNO", "total", "value"), 66.67, 1e-9);
	assert_float_equal(at(t, "YESNO", "total", "numerator"), 2, 0);
	assert_float_equal(at(t, "YESNO", "total", "denominator"), 3, 0);
	assert_float_equal(at(t, "YESNO", "total", "units_reported"), 3, 0);
	assert_float_equal(at(t, "YESNO", "total", "units_expected"), 4, 0);
	upf_table_free(t);
	/* A level-2 measure aggregates over the level-2 units. */
	set(db, "L2YN", "L2A", "2026", 1);
	t = report(db, "{\"period\":\"2026\",\"level\":\"committee\",\"measures\":[\"L2YN\"]}");
	assert_float_equal(at(t, "L2YN", "AN", "value"), 100, 1e-9);
	assert_float_equal(at(t, "L2YN", "AN", "units_expected"), 2, 0);
	upf_table_free(t);
}

static void test_moved_unit_counts_under_each_parent(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	/* B2 is taken in-house from July: its May and June count under L2B
	 * (private), its July and August under L2A. */
	OK(db, upf_unit_move(db, "B2", "L2A", NULL, "2026-07-01"));
	set(db, "FLOW", "B2", "2026-05", 100);
	set(db, "FLOW", "B2", "2026-06", 100);
	set(db, "FLOW", "B2", "2026-07", 1);
	set(db, "FLOW", "B2", "2026-08", 1);
	set(db, "FLOW", "A1", "2026-05", 10);
	upf_table *t = report(db, "{\"period\":\"2026-T2\",\"measures\":[\"FLOW\"]}");
	assert_float_equal(at(t, "FLOW", "L2A", "value"), 12, 1e-9);  /* 10 + 1 + 1 */
	assert_float_equal(at(t, "FLOW", "L2B", "value"), 200, 1e-9); /* 100 + 100 */
	/* B2 is expected under both: it belonged to each for part of T2. */
	assert_float_equal(at(t, "FLOW", "L2A", "units_expected"), 3, 0);
	assert_float_equal(at(t, "FLOW", "L2B", "units_expected"), 2, 0);
	upf_table_free(t);
	t = report(db, "{\"period\":\"2026-T2\",\"level\":1,\"measures\":[\"FLOW\"]}");
	assert_float_equal(at(t, "FLOW", "LL", "value"), 12, 1e-9);
	assert_float_equal(at(t, "FLOW", "PV", "value"), 200, 1e-9);
	upf_table_free(t);
	/* A yearly value spans the move: it counts under the parent at the
	 * end of the year. */
	set(db, "YESNO", "B2", "2026", 1);
	t = report(db, "{\"period\":\"2026\",\"measures\":[\"YESNO\"]}");
	assert_float_equal(at(t, "YESNO", "L2A", "units_reported"), 1, 0);
	assert_float_equal(at(t, "YESNO", "L2B", "units_reported"), 0, 0);
	assert_float_equal(at(t, "YESNO", "L2B", "units_expected"), 1, 0);
	upf_table_free(t);
	/* History is not rewritten: the first tertial is as it was. */
	set(db, "FLOW", "B2", "2026-01", 50);
	t = report(db, "{\"period\":\"2026-T1\",\"measures\":[\"FLOW\"]}");
	assert_float_equal(at(t, "FLOW", "L2B", "value"), 50, 1e-9);
	upf_table_free(t);
}

/* A stock or last figure is a unit's own first, then summed over units
 * (DESIGN §3), also where the unit changed service area inside the node:
 * B2 moves from L2B (särskilt boende) to L2A (hemtjänst) in July, both
 * under committee AN. */
static void test_moved_unit_is_one_unit_in_its_node(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	OK(db, upf_unit_move(db, "B2", "L2A", NULL, "2026-07-01"));
	const char *months[] = {"2026-05", "2026-06", "2026-07", "2026-08"};
	for (int i = 0; i < 4; i++)
		set(db, "STOCK", "B2", months[i], 10);
	set(db, "STOCK", "A1", "2026-05", 4);
	set(db, "LAST", "B2", "2026-06", 5);
	set(db, "LAST", "B2", "2026-08", 7);
	upf_table *t = report(db, "{\"period\":\"2026-T2\",\"level\":\"committee\","
			      "\"measures\":[\"STOCK\",\"LAST\"]}");
	assert_float_equal(at(t, "STOCK", "AN", "value"), 14, 1e-9); /* 10 + 4 */
	assert_float_equal(at(t, "STOCK", "AN", "units_reported"), 2, 0);
	assert_float_equal(at(t, "STOCK", "AN", "units_expected"), 4, 0);
	assert_float_equal(at(t, "STOCK", "AN", "periods_expected"), 16, 0);
	assert_float_equal(at(t, "STOCK", "AN", "periods_reported"), 5, 0);
	assert_float_equal(at(t, "LAST", "AN", "value"), 7, 1e-9);
	assert_float_equal(at(t, "LAST", "AN", "units_reported"), 1, 0);
	upf_table_free(t);
	/* Under each level-2 unit, its months there, as before. */
	t = report(db, "{\"period\":\"2026-T2\",\"measures\":[\"STOCK\"]}");
	assert_float_equal(at(t, "STOCK", "L2A", "value"), 14, 1e-9); /* 10 + 4 */
	assert_float_equal(at(t, "STOCK", "L2B", "value"), 10, 1e-9);
	upf_table_free(t);
}

static void test_targets_follow_direction_and_specificity(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	OK(db, upf_target_set(db, "SHARE", 80, 2026, NULL, NULL));
	OK(db, upf_target_set(db, "SHARE", 85, 2026, "PV", NULL));
	OK(db, upf_target_set(db, "SHARE", 90, 2026, NULL, "A1"));
	OK(db, upf_target_set(db, "LAST", 5, 2026, NULL, NULL));
	set_share(db, "SHARE", "A1", "2026-05", 9, 10); /* 90 >= 90: met */
	set_share(db, "SHARE", "A2", "2026-05", 7, 10); /* 70 < 80: not met */
	set_share(db, "SHARE", "B2", "2026-05", 9, 10); /* 90 >= 85: met */
	set(db, "LAST", "A1", "2026-05", 3);            /* 3 <= 5, down: met */
	set(db, "LAST", "A2", "2026-05", 6);            /* 6 > 5: not met */
	upf_table *t = report(db, "{\"period\":\"2026-05\",\"level\":\"3\","
				  "\"measures\":[\"SHARE\",\"LAST\"]}");
	assert_float_equal(at(t, "SHARE", "A1", "target"), 90, 0);
	assert_string_equal(text_at(t, "SHARE", "A1", "status"), "met");
	assert_float_equal(at(t, "SHARE", "A2", "target"), 80, 0);
	assert_string_equal(text_at(t, "SHARE", "A2", "status"), "not_met");
	assert_float_equal(at(t, "SHARE", "B1", "target"), 85, 0);
	assert_string_equal(text_at(t, "SHARE", "B1", "status"), "no_data");
	assert_string_equal(text_at(t, "SHARE", "B2", "status"), "met");
	assert_string_equal(text_at(t, "LAST", "A1", "status"), "met");
	assert_string_equal(text_at(t, "LAST", "A2", "status"), "not_met");
	upf_table_free(t);
	/* At level 1 the assignment's target, else the general one. */
	t = report(db, "{\"period\":\"2026-05\",\"level\":1,\"measures\":[\"SHARE\"]}");
	assert_float_equal(at(t, "SHARE", "PV", "target"), 85, 0);
	assert_float_equal(at(t, "SHARE", "LL", "target"), 80, 0);
	/* 16 of 20 is 80 %, which meets 80. */
	assert_float_equal(at(t, "SHARE", "LL", "value"), 80, 1e-9);
	assert_string_equal(text_at(t, "SHARE", "LL", "status"), "met");
	upf_table_free(t);
	/* No target in another year: no status. */
	set_share(db, "SHARE", "A1", "2025-05", 9, 10);
	t = report(db, "{\"period\":\"2025-05\",\"measures\":[\"SHARE\"]}");
	assert_null(text_at(t, "SHARE", "L2A", "target"));
	assert_null(text_at(t, "SHARE", "L2A", "status"));
	upf_table_free(t);
}

static void test_derived_indicator_divides_aggregates(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	/* Hours per 1,000 places: FLOW sums to 65, STOCK averages then sums
	 * to 16; 1000 * 65 / 16 = 4062.5. */
	OK(db, upf_indicator_add(db, "IND", "Timmar per 1000 platser", "FLOW",
				 "STOCK", 1000));
	set(db, "FLOW", "A1", "2026-05", 60);
	set(db, "FLOW", "A2", "2026-06", 5);
	set(db, "STOCK", "A1", "2026-05", 10);
	set(db, "STOCK", "A1", "2026-06", 14);
	set(db, "STOCK", "A2", "2026-06", 4);
	upf_table *t = report(db, "{\"period\":\"2026-T2\",\"measures\":[\"IND\"]}");
	/* L2A only: no component rows, and none for L2B, where neither
	 * measure has a figure (an indicator row needs both). */
	assert_int_equal(upf_table_rows(t), 1);
	assert_float_equal(at(t, "IND", "L2A", "value"), 4062.5, 1e-9);
	assert_float_equal(at(t, "IND", "L2A", "numerator"), 65, 1e-9);
	assert_float_equal(at(t, "IND", "L2A", "denominator"), 16, 1e-9);
	upf_table_free(t);
	/* Only the numerator for B1: still no row at L2B, at any level. */
	set(db, "FLOW", "B1", "2026-05", 7);
	t = report(db, "{\"period\":\"2026-T2\",\"measures\":[\"IND\"]}");
	assert_int_equal(upf_table_rows(t), 1);
	upf_table_free(t);
	t = report(db, "{\"period\":\"2026-T2\",\"level\":3,\"measures\":[\"IND\"]}");
	assert_int_equal(upf_table_rows(t), 2); /* A1 and A2 */
	upf_table_free(t);
}

/* A measure is aggregated over the units where it applies, and an
 * indicator over the units where both of its measures do: the catalogue's
 * cost per place (EKO-KR-PLATS) is the residential units' cost over their
 * places, not every unit's cost over them. */
static void test_indicator_over_units_where_both_apply(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	set(db, "EKO-KOSTNAD", "A1", "2026-05", 100); /* home care: no places */
	set(db, "EKO-KOSTNAD", "A2", "2026-05", 50);
	set(db, "EKO-KOSTNAD", "B1", "2026-05", 300);
	set(db, "EKO-KOSTNAD", "B2", "2026-05", 200);
	set(db, "STR-PLATSER", "B1", "2026-05", 10);
	set(db, "STR-PLATSER", "B2", "2026-05", 5);
	upf_table *t = report(db, "{\"period\":\"2026-05\",\"level\":\"total\","
			      "\"measures\":[\"EKO-KR-PLATS\",\"EKO-KOSTNAD\",\"STR-PLATSER\"]}");
	/* (300 + 200) / (10 + 5) = 33.33, not (100 + 50 + 300 + 200) / 15. */
	assert_float_equal(at(t, "EKO-KR-PLATS", "total", "value"), 33.33, 1e-9);
	assert_float_equal(at(t, "EKO-KR-PLATS", "total", "numerator"), 500, 1e-9);
	assert_float_equal(at(t, "EKO-KR-PLATS", "total", "denominator"), 15, 1e-9);
	assert_float_equal(at(t, "EKO-KR-PLATS", "total", "units_expected"), 2, 0);
	/* Cost itself still counts all four; places only where they are. */
	assert_float_equal(at(t, "EKO-KOSTNAD", "total", "value"), 650, 1e-9);
	assert_float_equal(at(t, "EKO-KOSTNAD", "total", "units_expected"), 4, 0);
	assert_float_equal(at(t, "STR-PLATSER", "total", "units_expected"), 2, 0);
	upf_table_free(t);
	/* At level 2, home care has no places and no row of the indicator. */
	t = report(db, "{\"period\":\"2026-05\",\"measures\":[\"EKO-KR-PLATS\",\"STR-PLATSER\"]}");
	assert_int_equal(upf_table_rows(t), 2);
	assert_float_equal(at(t, "EKO-KR-PLATS", "L2B", "value"), 33.33, 1e-9);
	assert_float_equal(at(t, "STR-PLATSER", "L2B", "periods_expected"), 2, 0);
	upf_table_free(t);
}

/* A unit's target is its assignment's at the end of the period, whatever
 * the report keeps to: B2 moved from PV to LL in July. */
static void test_target_does_not_depend_on_the_filter(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	OK(db, upf_target_set(db, "FLOW", 85, 2026, "PV", NULL));
	OK(db, upf_target_set(db, "FLOW", 70, 2026, "LL", NULL));
	OK(db, upf_unit_move(db, "B2", "L2A", NULL, "2026-07-01"));
	set(db, "FLOW", "B2", "2026-05", 10);
	set(db, "FLOW", "B2", "2026-08", 10);
	upf_table *t = report(db, "{\"period\":\"2026-T2\",\"level\":3,\"measures\":[\"FLOW\"]}");
	assert_float_equal(at(t, "FLOW", "B2", "target"), 70, 0);
	upf_table_free(t);
	t = report(db, "{\"period\":\"2026-T2\",\"level\":3,\"measures\":[\"FLOW\"],"
		   "\"assignment\":\"PV\"}");
	assert_float_equal(at(t, "FLOW", "B2", "target"), 70, 0);
	assert_float_equal(at(t, "FLOW", "B1", "target"), 85, 0);
	upf_table_free(t);
	t = report(db, "{\"period\":\"2026-T2\",\"level\":3,\"measures\":[\"FLOW\"],"
		   "\"unit\":\"B2\"}");
	assert_float_equal(at(t, "FLOW", "B2", "target"), 70, 0);
	upf_table_free(t);
}

/* A count computed from deviations has no previous year where nothing
 * was expected a year earlier; 0 where units were expected and none was
 * registered. */
static void test_computed_previous_where_nothing_was_expected(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	OK(db, upf_unit_add_level2(db, "L2C", "Ny", "PV", "korttid", "2026-01-01"));
	OK(db, upf_unit_add_level3(db, "C1", "Enhet C1", "L2C", "2026-01-01"));
	long long id;
	OK(db, upf_deviation_add(&id, db, "C1", "care", "2026-03-02", "2026-03-02", NULL, "Fall", NULL));
	upf_table *t = report(db, "{\"period\":\"2026-03\",\"measures\":[\"AVV-ANTAL\"],"
				  "\"compare\":\"previous\"}");
	assert_float_equal(at(t, "AVV-ANTAL", "L2C", "value"), 1, 0);
	assert_null(text_at(t, "AVV-ANTAL", "L2C", "previous"));
	assert_null(text_at(t, "AVV-ANTAL", "L2C", "change"));
	assert_float_equal(at(t, "AVV-ANTAL", "L2A", "previous"), 0, 0);
	assert_float_equal(at(t, "AVV-ANTAL", "L2A", "change"), 0, 0);
	upf_table_free(t);
}

static void test_previous_year_and_change(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	set(db, "FLOW", "A1", "2025-06", 40);
	set(db, "FLOW", "A1", "2026-06", 65);
	upf_table *t = report(db, "{\"period\":\"2026-T2\",\"measures\":[\"FLOW\"],"
				  "\"compare\":\"previous\"}");
	assert_float_equal(at(t, "FLOW", "L2A", "previous"), 40, 1e-9);
	assert_float_equal(at(t, "FLOW", "L2A", "change"), 25, 1e-9);
	assert_null(text_at(t, "FLOW", "L2B", "previous"));
	upf_table_free(t);
}

static void test_breakdown_and_scope(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	set(db, "FLOW", "A1", "2026-05", 60);
	set(db, "FLOW", "A2", "2026-05", 5);
	set(db, "FLOW", "B1", "2026-05", 7);
	upf_table *t = report(db, "{\"period\":\"2026-05\",\"level\":\"total\","
				  "\"by\":\"regime\",\"measures\":[\"FLOW\"]}");
	assert_int_equal(upf_table_rows(t), 2);
	assert_float_equal(atof(upf_table_value(t, row_of(t, "FLOW", "total", "in_house"),
						col_of(t, "value"))), 65, 1e-9);
	assert_float_equal(atof(upf_table_value(t, row_of(t, "FLOW", "total", "private"),
						col_of(t, "value"))), 7, 1e-9);
	upf_table_free(t);
	t = report(db, "{\"period\":\"2026-05\",\"level\":\"total\",\"by\":\"area\","
		       "\"measures\":[\"FLOW\"]}");
	assert_float_equal(atof(upf_table_value(t, row_of(t, "FLOW", "total", "hemtjanst"),
						col_of(t, "value"))), 65, 1e-9);
	upf_table_free(t);
	/* Under a node: only its units. */
	t = report(db, "{\"period\":\"2026-05\",\"level\":3,\"unit\":\"L2A\","
		       "\"measures\":[\"FLOW\"]}");
	assert_int_equal(upf_table_rows(t), 2);
	assert_float_equal(at(t, "FLOW", "A2", "value"), 5, 1e-9);
	upf_table_free(t);
	t = report(db, "{\"period\":\"2026-05\",\"level\":\"committee\","
		       "\"assignment\":\"PV\",\"measures\":[\"FLOW\"]}");
	assert_float_equal(at(t, "FLOW", "AN", "value"), 7, 1e-9);
	assert_float_equal(at(t, "FLOW", "AN", "units_expected"), 2, 0);
	upf_table_free(t);
}

static void test_refused_parameters(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	char *json = NULL;
	build_small_org(db);
	FAILS(db, upf_report_table(&t, db, "values", "{\"period\":\"2026-T2\","
				   "\"measures\":[\"YESNO\"]}"),
	      UPF_INVALID, "period '2026-T2': finer than measure 'YESNO', which is "
			   "recorded per year");
	FAILS(db, upf_report_table(&t, db, "values", "{\"period\":\"2026-Q2\","
				   "\"measures\":[\"TERT\"]}"),
	      UPF_INVALID, "finer than measure 'TERT', which is recorded per tertial");
	FAILS(db, upf_report_table(&t, db, "values", "{\"period\":\"2026-H1\","
				   "\"measures\":[\"TERT\"]}"),
	      UPF_INVALID, "period '2026-H1': does not align with measure 'TERT'");
	FAILS(db, upf_report_table(&t, db, "values", "{\"period\":\"2026\",\"level\":3,"
				   "\"measures\":[\"L2YN\"]}"),
	      UPF_INVALID, "level '3': measure 'L2YN' is recorded at level 2");
	FAILS(db, upf_report_table(&t, db, "values", "{\"period\":\"2026\","
				   "\"measures\":[\"NOPE\"]}"),
	      UPF_NOTFOUND, "unknown measure or indicator 'NOPE'");
	FAILS(db, upf_report_table(&t, db, "values", "{\"period\":\"2026\","
				   "\"measures\":\"FLOW\"}"),
	      UPF_INVALID, "must be an array");
	FAILS(db, upf_report_table(&t, db, "values", "{\"period\":\"2026\",\"level\":4}"),
	      UPF_INVALID, "level '4'");
	FAILS(db, upf_report_table(&t, db, "values", "{\"period\":\"2026\",\"by\":\"sex\"}"),
	      UPF_INVALID, "by 'sex'");
	FAILS(db, upf_report_table(&t, db, "values", "{\"level\":2}"), UPF_INVALID,
	      "period: missing");
	FAILS(db, upf_report_table(&t, db, "values", "{\"period\":\"2026\",\"unit\":\"X9\"}"),
	      UPF_NOTFOUND, "unit: unknown unit 'X9'");
	FAILS(db, upf_report_table(&t, db, "values", "{\"period\":\"2026\",\"typo\":1}"),
	      UPF_INVALID, "params: unknown key 'typo'");
	FAILS(db, upf_report_table(&t, db, "costs", "{\"period\":\"2026\"}"),
	      UPF_INVALID, "report 'costs': unknown");
	FAILS(db, upf_report_json(&json, db, "values", "{\"period\":\"2026-13\"}"),
	      UPF_INVALID, "period '2026-13'");
	assert_null(json);
	assert_null(t);
}

static void test_json_shape(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	char *json = NULL;
	build_small_org(db);
	set_share(db, "SHARE", "A1", "2026-05", 1, 4);
	OK(db, upf_report_json(&json, db, "values", "{\"period\":\"2026-05..2026-06\","
			       "\"level\":\"2\",\"measures\":[\"SHARE\"]}"));
	assert_non_null(strstr(json, "\"report\":\"values\",\"period\":\"2026-05..2026-06\","
				     "\"from\":\"2026-05\",\"to\":\"2026-06\",\"level\":2,"
				     "\"rows\":[{\"measure\":\"SHARE\",\"node\":\"L2A\","
				     "\"node_name\":\"Hemtjänst egen regi\",\"group\":null,"
				     "\"value\":25.0,\"numerator\":1.0,\"denominator\":4.0,"
				     "\"units_reported\":1,\"units_expected\":2,"
				     "\"periods_reported\":1,\"periods_expected\":4,\"target\":null,"
				     "\"status\":null,\"previous\":null,\"change\":null,"
				     "\"reference\":null,\"reference_status\":null,\"measure_name\":\"Andel enligt plan\"}"));
	upf_free(json);
}

static void test_all_measures_of_a_period(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	/* Without a list: every measure that tiles the period, so the yearly
	 * ones are left out of a tertial and the catalogue's are in. */
	upf_table *t = report(db, "{\"period\":\"2026-T2\"}");
	for (int r = 0; r < upf_table_rows(t); r++) {
		assert_string_not_equal(upf_table_value(t, r, 0), "YESNO");
		assert_string_not_equal(upf_table_value(t, r, 0), "MEAN");
	}
	row_of(t, "TERT", "L2A", NULL);
	row_of(t, "RES-GP-PLAN", "L2B", NULL);
	upf_table_free(t);
}

static void row_of_trend(const upf_table *t, const char *measure)
{
	for (int r = 0; r < upf_table_rows(t); r++)
		if (!strcmp(upf_table_value(t, r, 1), measure))
			return;
	fail_msg("no row of %s", measure);
}

/* A trend is a row per period at each measure's own frequency, each row
 * the report of that period alone, sorted by measure and node. */
static void test_trend_is_the_report_period_by_period(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	set(db, "FLOW", "A1", "2026-05", 10);
	set(db, "FLOW", "A1", "2026-06", 20);
	set(db, "FLOW", "A2", "2026-05", 5);
	set(db, "TERT", "A1", "2026-T2", 7);
	upf_table *t = report(db, "{\"period\":\"2026-05..2026-08\",\"trend\":true,"
			      "\"measures\":[\"FLOW\",\"TERT\"]}");
	assert_string_equal(upf_table_column(t, 0), "period");
	assert_string_equal(upf_table_column(t, 1), "measure");
	/* FLOW: L2A and L2B over May to August; TERT: 2026-T2 alone. */
	assert_int_equal(upf_table_rows(t), 2 * 4 + 2);
	static const char *const expect[][3] = {
		{"2026-05", "FLOW", "L2A"}, {"2026-06", "FLOW", "L2A"},
		{"2026-07", "FLOW", "L2A"}, {"2026-08", "FLOW", "L2A"},
		{"2026-05", "FLOW", "L2B"}, {"2026-06", "FLOW", "L2B"},
		{"2026-07", "FLOW", "L2B"}, {"2026-08", "FLOW", "L2B"},
		{"2026-T2", "TERT", "L2A"}, {"2026-T2", "TERT", "L2B"}};
	for (int r = 0; r < 10; r++)
		for (int c = 0; c < 3; c++)
			assert_string_equal(upf_table_value(t, r, c), expect[r][c]);
	int value = col_of(t, "value");
	/* Each row agrees with the report of its period alone. */
	for (int r = 0; r < upf_table_rows(t); r++) {
		char params[128];
		snprintf(params, sizeof params, "{\"period\":\"%s\",\"measures\":[\"%s\"]}",
			 upf_table_value(t, r, 0), upf_table_value(t, r, 1));
		upf_table *one = report(db, params);
		const char *v = text_at(one, upf_table_value(t, r, 1), upf_table_value(t, r, 2),
					"value");
		const char *w = upf_table_value(t, r, value);
		if (v || w)
			assert_string_equal(v ? v : "null", w ? w : "null");
		upf_table_free(one);
	}
	assert_string_equal(upf_table_value(t, 0, value), "15.0");
	upf_table_free(t);
	/* Without a list, each measure whose period the range holds whole:
	 * over a month, the monthly ones only. */
	t = report(db, "{\"period\":\"2026-05\",\"trend\":true}");
	for (int r = 0; r < upf_table_rows(t); r++) {
		assert_string_equal(upf_table_value(t, r, 0), "2026-05");
		assert_string_not_equal(upf_table_value(t, r, 1), "TERT");
		assert_string_not_equal(upf_table_value(t, r, 1), "MEAN");
	}
	row_of_trend(t, "FLOW");
	upf_table_free(t);
	FAILS(db, upf_report_table(&t, db, "values", "{\"period\":\"2026-05\",\"trend\":true,"
				   "\"measures\":[\"MEAN\"]}"), UPF_INVALID,
	      "finer than measure 'MEAN'");
}

/* A trend of more rows than the table keeps in one block of rows (256),
 * sorted across the blocks: fifteen years of a monthly measure at two
 * nodes, each node's months in order, each value in its own row. */
static void test_long_trend_keeps_every_row_in_order(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	set(db, "FLOW", "A1", "2025-01", 3);
	set(db, "FLOW", "A1", "2032-07", 4);
	set(db, "FLOW", "B1", "2039-12", 5);
	upf_table *t = report(db, "{\"period\":\"2025-01..2039-12\",\"trend\":true,"
			      "\"measures\":[\"FLOW\"]}");
	assert_int_equal(upf_table_rows(t), 2 * 180);
	int value = col_of(t, "value");
	for (int r = 0; r < 360; r++) {
		char month[8];
		snprintf(month, sizeof month, "%d-%02d", 2025 + r % 180 / 12, r % 12 + 1);
		assert_string_equal(upf_table_value(t, r, 0), month);
		assert_string_equal(upf_table_value(t, r, 2), r < 180 ? "L2A" : "L2B");
	}
	assert_string_equal(upf_table_value(t, 0, value), "3.0");
	assert_string_equal(upf_table_value(t, 90, value), "4.0");
	assert_string_equal(upf_table_value(t, 359, value), "5.0");
	upf_table_free(t);
}

/* A report's rows pass through the handle's temporary table: each report
 * on one handle has its own rows, none of the one before, and a trend
 * (one statement per period) each period's. */
static void test_reports_on_one_handle_share_no_rows(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	set(db, "FLOW", "A1", "2026-05", 10);
	set(db, "FLOW", "B1", "2026-05", 4);
	upf_table *by_node = report(db, "{\"period\":\"2026-05\",\"measures\":[\"FLOW\"]}");
	upf_table *by_unit = report(db, "{\"period\":\"2026-05\",\"measures\":[\"FLOW\"],"
				    "\"level\":3}");
	upf_table *trend = report(db, "{\"period\":\"2026-05..2026-06\",\"trend\":true,"
				  "\"measures\":[\"FLOW\"]}");
	upf_table *again = report(db, "{\"period\":\"2026-05\",\"measures\":[\"FLOW\"]}");
	assert_int_equal(upf_table_rows(by_node), 2);
	assert_int_equal(upf_table_rows(by_unit), 4);
	assert_int_equal(upf_table_rows(trend), 2 * 2);
	assert_int_equal(upf_table_rows(again), 2);
	for (int r = 0; r < 2; r++)
		for (int c = 0; c < upf_table_columns(by_node); c++) {
			const char *a = upf_table_value(by_node, r, c);
			const char *b = upf_table_value(again, r, c);
			if (a || b)
				assert_string_equal(a ? a : "null", b ? b : "null");
		}
	assert_string_equal(text_at(by_unit, "FLOW", "B1", "value"), "4.0");
	upf_table_free(by_node);
	upf_table_free(by_unit);
	upf_table_free(trend);
	upf_table_free(again);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_trend_is_the_report_period_by_period),
		TEST(test_long_trend_keeps_every_row_in_order),
		TEST(test_reports_on_one_handle_share_no_rows),
		TEST(test_indicator_over_units_where_both_apply),
		TEST(test_target_does_not_depend_on_the_filter),
		TEST(test_computed_previous_where_nothing_was_expected),
		TEST(test_share_pools_numerators_and_denominators),
		TEST(test_mean_pools_by_observations),
		TEST(test_flow_and_stock_with_a_missing_month),
		TEST(test_last_takes_the_latest_reported),
		TEST(test_yesno_is_the_share_of_reporting_units),
		TEST(test_moved_unit_counts_under_each_parent),
		TEST(test_moved_unit_is_one_unit_in_its_node),
		TEST(test_targets_follow_direction_and_specificity),
		TEST(test_derived_indicator_divides_aggregates),
		TEST(test_previous_year_and_change),
		TEST(test_breakdown_and_scope),
		TEST(test_refused_parameters),
		TEST(test_json_shape),
		TEST(test_all_measures_of_a_period),
	};
	return RUN(tests);
}
