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
	/* Every process measure of the appendix follows a goal of its own
	 * area and names the methods of the catalogue that give it. */
	upf_table *goals = NULL;
	OK(db, upf_goal_list(&goals, db, NULL));
	assert_int_equal(upf_table_rows(goals), 13);
	OK(db, upf_measure_list(&t, db, "process", NULL));
	assert_true(upf_table_rows(t) >= 12);
	for (int r = 0; r < upf_table_rows(t); r++) {
		upf_table *m = NULL;
		const char *code = upf_table_value(t, r, 0);
		OK(db, upf_measure_show(&m, db, code));
		const char *goal = cell(m, code, "goals");
		assert_non_null(goal);
		assert_non_null(cell(m, code, "methods"));
		assert_string_equal(cell(goals, goal, "quality_area"),
				    cell(m, code, "quality_area"));
		upf_table_free(m);
	}
	upf_table_free(t);
	/* The appendix's pairs, corrected: a say with the goal on influence,
	 * new knowledge with the structures for it, the users' experience with
	 * the knowledge insatser are built on. */
	assert_string_equal(cell(goals, "DEL-G1", "measures"), "DEL-INFLYT DEL-INFO");
	assert_string_equal(cell(goals, "KUNS-G1", "measures"), "KUNS-ERFAR KUNS-METOD");
	assert_string_equal(cell(goals, "KUNS-G2", "measures"), "KUNS-NY");
	upf_table_free(goals);
	OK(db, upf_measure_show(&t, db, "PC-METOD"));
	assert_string_equal(cell(t, "PC-METOD", "type"), "share");
	assert_string_equal(cell(t, "PC-METOD", "methods"),
			    "granskning_gp granskning_sip natverk");
	upf_table_free(t);
	OK(db, upf_method_list(&t, db));
	assert_string_equal(cell(t, "hme", "measures"), "LED-HME");
	upf_table_free(t);
	OK(db, upf_measure_list(&t, db, "result", NULL));
	assert_string_equal(cell(t, "RES-GP-PLAN", "type"), "share");
	upf_table_free(t);
	OK(db, upf_measure_list(&t, db, "structure", NULL));
	assert_string_equal(cell(t, "STR-PLATSER", "time_rule"), "stock");
	assert_string_equal(cell(t, "STR-PLATSER", "areas"),
			    "daglig_verksamhet dagverksamhet korttid lss_bostad sarskilt_boende");
	assert_null(cell(t, "STR-ARSARB", "areas"));
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

/* Goals, methods and quality areas are maintained like the rest. */
static void test_catalogue_maintenance(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	OK(db, upf_quality_area_add(db, "trygghet", "Trygghet", "Att känna sig trygg"));
	OK(db, upf_goal_add(db, "TRY-G1", "Den enskilde känner sig trygg i sitt boende",
			    "trygghet", NULL, 0));
	OK(db, upf_method_add(db, "trygghetsvandring", "Trygghetsvandring"));
	OK(db, upf_goal_list(&t, db, "trygghet"));
	assert_int_equal(upf_table_rows(t), 1);
	assert_null(cell(t, "TRY-G1", "measures"));
	upf_table_free(t);
	OK(db, upf_measure_add(db, "TRY-UPPLEVD", "Upplevd trygghet", "result", "share",
			       "{\"quality_area\":\"trygghet\",\"goals\":[\"TRY-G1\"],"
			       "\"methods\":[\"trygghetsvandring\",\"brukarenkat\"]}"));
	OK(db, upf_goal_list(&t, db, "trygghet"));
	assert_string_equal(cell(t, "TRY-G1", "measures"), "TRY-UPPLEVD");
	upf_table_free(t);
	OK(db, upf_quality_area_list(&t, db));
	assert_string_equal(cell(t, "trygghet", "goals"), "1");
	assert_string_equal(cell(t, "trygghet", "measures"), "1");
	upf_table_free(t);
	FAILS(db, upf_goal_add(db, "TRY-G1", "Igen", "trygghet", NULL, 0), UPF_EXISTS,
	      "goal 'TRY-G1' already exists");
	FAILS(db, upf_goal_add(db, "TRY-G2", "Text", "nope", NULL, 0), UPF_NOTFOUND,
	      "quality_area: unknown quality area 'nope'");
	FAILS(db, upf_goal_list(&t, db, "nope"), UPF_NOTFOUND, "unknown quality area");
	FAILS(db, upf_method_add(db, "hme", "HME"), UPF_EXISTS, "method 'hme'");
	FAILS(db, upf_quality_area_add(db, "trygghet", "T", NULL), UPF_EXISTS,
	      "quality area 'trygghet'");
	FAILS(db, upf_measure_add(db, "X", "X", "result", "count",
				  "{\"goals\":[\"NOPE-G1\"]}"),
	      UPF_NOTFOUND, "goals: unknown goal 'NOPE-G1'");
	FAILS(db, upf_measure_add(db, "X", "X", "result", "count", "{\"methods\":\"hme\"}"),
	      UPF_INVALID, "methods 'hme': must be an array of codes");
	FAILS(db, upf_measure_add(db, "X", "X", "result", "count", "{\"areas\":[1]}"),
	      UPF_INVALID, "areas: '1' is not a code in quotes");
}

/* An edit changes what may change, audits old and new, and leaves how
 * values are kept alone once there are values. */
static void test_measure_edit(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	OK(db, upf_measure_edit(db, "FLOW", "{\"name\":\"Utförda timmar\",\"kpi\":\"N00001\","
			       "\"direction\":\"up\",\"areas\":[\"hemtjanst\"],"
			       "\"goals\":[\"PC-G1\"],\"min\":0,\"max\":5000}"));
	OK(db, upf_measure_show(&t, db, "FLOW"));
	assert_string_equal(cell(t, "FLOW", "name"), "Utförda timmar");
	assert_string_equal(cell(t, "FLOW", "kpi"), "N00001");
	assert_string_equal(cell(t, "FLOW", "direction"), "up");
	assert_string_equal(cell(t, "FLOW", "areas"), "hemtjanst");
	assert_string_equal(cell(t, "FLOW", "goals"), "PC-G1");
	assert_string_equal(cell(t, "FLOW", "min"), "0.0");
	assert_string_equal(cell(t, "FLOW", "max"), "5000.0");
	upf_table_free(t);
	/* A key left out keeps its value; "" clears; an empty array of areas
	 * applies everywhere again. */
	OK(db, upf_measure_edit(db, "FLOW", "{\"kpi\":\"\",\"max\":\"\",\"areas\":[]}"));
	OK(db, upf_measure_show(&t, db, "FLOW"));
	assert_null(cell(t, "FLOW", "kpi"));
	assert_null(cell(t, "FLOW", "max"));
	assert_null(cell(t, "FLOW", "areas"));
	assert_string_equal(cell(t, "FLOW", "min"), "0.0");
	assert_string_equal(cell(t, "FLOW", "name"), "Utförda timmar");
	upf_table_free(t);
	/* The trail has the old and the new name. */
	OK(db, upf_audit_list(&t, db, NULL, NULL));
	int found = 0;
	for (int r = 0; r < upf_table_rows(t); r++)
		found += !strcmp(upf_table_value(t, r, 3), "measure") &&
			 !strcmp(upf_table_value(t, r, 4), "update") &&
			 strstr(upf_table_value(t, r, 6), "\"name\":\"Timmar\"") &&
			 strstr(upf_table_value(t, r, 7), "\"name\":\"Utförda timmar\"");
	assert_int_equal(found, 1);
	upf_table_free(t);
	/* Type, time rule and frequency change while there are no values. */
	OK(db, upf_measure_edit(db, "TERT", "{\"type\":\"amount\",\"frequency\":\"month\"}"));
	set(db, "TERT", "A1", "2026-03", 4.5);
	FAILS(db, upf_measure_edit(db, "TERT", "{\"frequency\":\"year\"}"), UPF_REFUSED,
	      "measure 'TERT': 1 value recorded; its frequency changes only while it "
	      "has no values");
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_HAS_VALUES);
	FAILS(db, upf_measure_edit(db, "AVV-ANTAL", "{\"type\":\"amount\"}"), UPF_REFUSED,
	      "computed from the registry's records");
	FAILS(db, upf_measure_edit(db, "SHARE", "{\"time\":\"flow\"}"), UPF_INVALID,
	      "a share measure always uses 'pool'");
	FAILS(db, upf_measure_edit(db, "NOPE", "{\"name\":\"X\"}"), UPF_NOTFOUND,
	      "code: unknown measure 'NOPE'");
	FAILS(db, upf_measure_edit(db, "FLOW", "{\"kind\":\"result\"}"), UPF_INVALID,
	      "options: unknown key 'kind'");
	FAILS(db, upf_measure_edit(db, "FLOW", "{\"min\":\"lots\"}"), UPF_INVALID,
	      "min 'lots': not a number");
	FAILS(db, upf_measure_edit(db, "FLOW", "{\"areas\":[\"nope\"]}"), UPF_NOTFOUND,
	      "areas: unknown area 'nope'");
}

/* A retired measure is neither expected nor recorded from its period on. */
static void test_measure_retire(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	set(db, "FLOW", "A1", "2026-06", 10);
	OK(db, upf_measure_retire(db, "FLOW", "2026-07"));
	FAILS(db, upf_value_set(db, "FLOW", "A1", "2026-07", 1, NULL, NULL, 0),
	      UPF_REFUSED, "period '2026-07': measure 'FLOW' is retired from 2026-07");
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_RETIRED);
	set(db, "FLOW", "A2", "2026-06", 5);
	OK(db, upf_measure_list(&t, db, "structure", NULL));
	assert_string_equal(cell(t, "FLOW", "retired_from"), "2026-07");
	upf_table_free(t);
	/* The second tertial (May to August) expects its two months before
	 * the retirement: 4 units x 2 months. The third is not reported. */
	OK(db, upf_report_table(&t, db, "values", "{\"period\":\"2026-T2\",\"level\":\"total\","
			       "\"measures\":[\"FLOW\"]}"));
	assert_string_equal(cell(t, "FLOW", "value"), "15.0");
	assert_string_equal(cell(t, "FLOW", "periods_expected"), "8");
	assert_string_equal(cell(t, "FLOW", "periods_reported"), "2");
	upf_table_free(t);
	OK(db, upf_report_table(&t, db, "values", "{\"period\":\"2026-T3\",\"level\":\"total\"}"));
	assert_null(cell(t, "FLOW", "measure"));
	upf_table_free(t);
	FAILS(db, upf_measure_retire(db, "FLOW", "2026-13"), UPF_INVALID, "period '2026-13'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_default_catalogue),
		TEST(test_measure_definition),
		TEST(test_measure_refusals),
		TEST(test_targets),
		TEST(test_indicators),
		TEST(test_catalogue_maintenance),
		TEST(test_measure_edit),
		TEST(test_measure_retire),
	};
	return RUN(tests);
}
