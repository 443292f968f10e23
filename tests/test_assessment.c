/* Findings and the overall assessment: findings placed where their
 * subject stood, evidence kept as it was, an assessment superseded and
 * kept, and the report "assessment" against a grid computed by hand. */
#include <sqlite3.h>

#include "internal.h"
#include "org_fixture.h"

/* B2 moves from L2B (PV, private, sarskilt_boende) to L2A (LL, in house,
 * hemtjanst) on 2026-07-01. Two yearly share measures with targets for
 * 2026, values as count/base:
 *
 *            target  A1     A2    B2     B1    in house (A1 A2 B2)  private (B1)  all
 *   NOJD up  80      10/10  9/10  6/10   5/10  25/30 83.33 met      50 not met    30/40 75 not met
 *   KOMP up  50      6/10   6/10  2/10   6/10  14/30 46.67 not met  60 met        20/40 50 met
 *
 * NOJD is of the quality area delaktighet, KOMP of kompetens; DELT, of
 * delaktighet, has no target and counts for nothing. B2's yearly values
 * stand where it was at the year's end: in house. */
static void build(upf_db *db)
{
	build_small_org(db);
	OK(db, upf_unit_move(db, "B2", "L2A", NULL, "2026-07-01"));
	OK(db, upf_measure_add(db, "NOJD", "Nöjdhet", "result", "share",
			       "{\"frequency\":\"year\",\"direction\":\"up\","
			       "\"quality_area\":\"delaktighet\"}"));
	OK(db, upf_measure_add(db, "KOMP", "Kompetens", "structure", "share",
			       "{\"frequency\":\"year\",\"direction\":\"up\","
			       "\"quality_area\":\"kompetens\"}"));
	OK(db, upf_measure_add(db, "DELT", "Delaktighet", "result", "share",
			       "{\"frequency\":\"year\",\"direction\":\"up\","
			       "\"quality_area\":\"delaktighet\"}"));
	OK(db, upf_target_set(db, "NOJD", 80, 2026, NULL, NULL));
	OK(db, upf_target_set(db, "KOMP", 50, 2026, NULL, NULL));
	static const struct {
		const char *unit;
		double nojd, komp;
	} v[] = {{"A1", 10, 6}, {"A2", 9, 6}, {"B2", 6, 2}, {"B1", 5, 6}};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		set_share(db, "NOJD", v[i].unit, "2026", v[i].nojd, 10);
		set_share(db, "KOMP", v[i].unit, "2026", v[i].komp, 10);
		set_share(db, "DELT", v[i].unit, "2026", 1, 10);
	}
	OK(db, upf_plan_add(db, 2025, "AN", NULL));
	OK(db, upf_plan_add(db, 2026, "AN", NULL));
	OK(db, upf_activity_add(db, "TEMA", "Tema delaktighet", 2026, "AN", "thematic",
				"{\"areas\":[\"delaktighet\",\"kompetens\"],\"methods\":"
				"[\"fokusgrupper\"],\"scope\":[\"all\"],\"start\":\"2026-03-01\","
				"\"due\":\"2026-11-30\"}"));
}

static long long finding(upf_db *db, const char *subject, const char *area,
			 const char *grade, const char *on, const char *evidence)
{
	long long id = 0;
	OK(db, upf_finding_add(&id, db, "TEMA", subject, area, grade, "Iakttagelse", on,
			       evidence));
	assert_true(id > 0);
	return id;
}

/* The findings, and where each counts:
 *
 *   unit:A1           delaktighet strength     in house  LL  hemtjanst
 *   unit:B2 (May)     delaktighet deficiency   private   PV  sarskilt_boende
 *   regime:private    delaktighet improvement  private   -   -
 *   assignment:PV     kompetens   deficiency   private   PV  -
 *   area:hemtjanst    kompetens   strength     -         -   hemtjanst
 *   unit:B2 (Sept)    kompetens   improvement  in house  LL  hemtjanst
 */
static void add_findings(upf_db *db)
{
	finding(db, "unit:A1", "delaktighet", "strength", "2026-05-10", NULL);
	finding(db, "unit:B2", "delaktighet", "deficiency", "2026-05-10", NULL);
	finding(db, "regime:private", "delaktighet", "improvement", "2026-06-01", NULL);
	finding(db, "assignment:PV", "kompetens", "deficiency", "2026-06-01", NULL);
	finding(db, "area:hemtjanst", "kompetens", "strength", "2026-06-01", NULL);
	finding(db, "unit:B2", "kompetens", "improvement", "2026-09-01", NULL);
}

/* Serious lex Sarah and lex Maria cases: A1 in March, B2 in August (in
 * house by then); B1's is only a risk, and one of December 2025 is the
 * year before. */
static void add_deviations(upf_db *db)
{
	static const struct {
		const char *unit, *type, *reported, *assessment;
	} d[] = {{"A1", "lex_sarah", "2026-03-01", "serious"},
		 {"B2", "lex_maria", "2026-08-01", "serious"},
		 {"B1", "lex_sarah", "2026-04-01", "risk"},
		 {"B1", "lex_sarah", "2025-12-20", "serious"}};
	for (size_t i = 0; i < sizeof d / sizeof *d; i++) {
		long long id = 0;
		OK(db, upf_deviation_add(&id, db, d[i].unit, d[i].type, d[i].reported,
					 d[i].reported, NULL, "Händelse", NULL));
		OK(db, upf_deviation_investigate(db, id, d[i].reported));
		OK(db, upf_deviation_assess(db, id, d[i].assessment, d[i].reported));
	}
}

static void test_findings_and_their_evidence(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build(db);
	long long a1 = finding(db, "unit:A1", "delaktighet", "strength", "2026-05-10",
			       "[\"NOJD:2026\",\"KOMP:2026\"]");
	long long priv = finding(db, "regime:private", "delaktighet", "improvement",
				 "2026-06-01", "[\"NOJD:2026\"]");
	long long area = finding(db, "area:hemtjanst", "kompetens", "strength",
				 "2026-06-01", "[\"KOMP:2026\"]");
	long long pv = finding(db, "assignment:PV", "kompetens", "deficiency",
			       "2026-06-01", "[\"KOMP:2026\"]");
	/* A later correction does not change what the finding rested on. */
	set_share(db, "NOJD", "A1", "2026", 5, 10);
	OK(db, upf_finding_evidence(&t, db, a1));
	assert_int_equal(upf_table_rows(t), 2);
	assert_string_equal(cell_by(t, 0, "NOJD", "value"), "100.0");
	assert_string_equal(cell_by(t, 0, "NOJD", "numerator"), "10.0");
	assert_string_equal(cell_by(t, 0, "NOJD", "node"), "A1");
	assert_string_equal(cell_by(t, 0, "KOMP", "value"), "60.0");
	upf_table_free(t);
	OK(db, upf_finding_evidence(&t, db, priv));
	assert_string_equal(cell_by(t, 0, "NOJD", "value"), "50.0");
	assert_string_equal(cell_by(t, 0, "NOJD", "node"), "private");
	upf_table_free(t);
	/* hemtjanst at the year's end: A1, A2 and B2, 14/30. */
	OK(db, upf_finding_evidence(&t, db, area));
	assert_string_equal(cell_by(t, 0, "KOMP", "value"), "46.67");
	assert_string_equal(cell_by(t, 0, "KOMP", "units_reported"), "3");
	upf_table_free(t);
	OK(db, upf_finding_evidence(&t, db, pv));
	assert_string_equal(cell_by(t, 0, "KOMP", "value"), "60.0");
	upf_table_free(t);
	/* What is refused changes nothing. */
	long long id = 0;
	FAILS(db, upf_finding_add(&id, db, "TEMA", "unit:A1", "delaktighet", "strength",
				  "x", NULL, "[\"NOJD\"]"),
	      UPF_INVALID, "evidence 'NOJD': not MEASURE:PERIOD");
	FAILS(db, upf_finding_add(&id, db, "TEMA", "unit:A1", "delaktighet", "strength",
				  "x", NULL, "[\"NOPE:2026\"]"),
	      UPF_NOTFOUND, "unknown measure 'NOPE'");
	FAILS(db, upf_finding_add(&id, db, "TEMA", "unit:A1", "delaktighet", "strength",
				  "x", NULL, "[\"NOJD:2026\",\"NOJD:2026\"]"),
	      UPF_INVALID, "given twice");
	FAILS(db, upf_finding_add(&id, db, "TEMA", "unit:A1", "delaktighet", "strength",
				  "x", NULL, "[\"NOJD:2024\"]"),
	      UPF_NOTFOUND, "no figure for unit 'A1'");
	FAILS(db, upf_finding_add(&id, db, "TEMA", "team:A1", "delaktighet", "strength",
				  "x", NULL, NULL),
	      UPF_INVALID, "subject 'team:A1': not unit:U");
	FAILS(db, upf_finding_add(&id, db, "TEMA", "regime:public", "delaktighet",
				  "strength", "x", NULL, NULL),
	      UPF_INVALID, "a regime is in_house or private");
	FAILS(db, upf_finding_add(&id, db, "TEMA", "unit:A1", "delaktighet", "good", "x",
				  NULL, NULL),
	      UPF_INVALID, "grade 'good'");
	FAILS(db, upf_finding_add(&id, db, "TEMA", "unit:A1", "delaktighet", "strength",
				  "Brukare 811218-9876 nöjd", NULL, NULL),
	      UPF_PERSONAL, "text");
	assert_int_equal(id, 0);
	assert_int_equal(rows_of(upf_finding_list(&t, db, "{\"grade\":\"strength\"}"), &t), 2);
	assert_int_equal(rows_of(upf_finding_list(&t, db, "{\"quality_area\":\"kompetens\","
						   "\"year\":2026}"), &t), 2);
	assert_int_equal(rows_of(upf_finding_list(&t, db, "{\"year\":2025}"), &t), 0);
	FAILS(db, upf_finding_list(&t, db, "{\"activity\":\"NOPE\"}"), UPF_NOTFOUND,
	      "unknown activity 'NOPE'");
	FAILS(db, upf_finding_evidence(&t, db, 99), UPF_NOTFOUND, "no finding 99");
	/* Only about what the activity followed up: here Privat Vård's units.
	 * B2 left them for L2A in July, but was followed up only while it
	 * was theirs: L2A, LL and hemtjanst are still outside. */
	OK(db, upf_activity_add(db, "PV-AVTAL", "Avtal PV", 2026, "AN", "assignment",
				"{\"areas\":[\"ledning\"],\"methods\":[\"granskning\"],"
				"\"scope\":[\"assignment:PV\"],\"start\":\"2026-03-01\","
				"\"due\":\"2026-06-30\"}"));
	static const char *const outside[] = {"unit:A1", "unit:L2A", "assignment:LL",
					      "area:hemtjanst", "regime:in_house"};
	for (size_t i = 0; i < sizeof outside / sizeof *outside; i++) {
		FAILS(db, upf_finding_add(&id, db, "PV-AVTAL", outside[i], "ledning", "strength",
					  "x", NULL, NULL),
		      UPF_REFUSED, "outside the scope of activity 'PV-AVTAL'");
		assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_OUT_OF_SCOPE);
	}
	assert_int_equal(id, 0);
	static const char *const inside[] = {"unit:B1", "unit:L2B", "assignment:PV",
					     "area:sarskilt_boende", "regime:private"};
	for (size_t i = 0; i < sizeof inside / sizeof *inside; i++)
		OK(db, upf_finding_add(&id, db, "PV-AVTAL", inside[i], "ledning", "strength", "x",
				       NULL, NULL));
	assert_int_equal(rows_of(upf_finding_list(&t, db, "{\"activity\":\"PV-AVTAL\"}"), &t),
			 5);
}

static void test_an_assessment_is_superseded_and_kept(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build(db);
	OK(db, upf_assessment_set(db, "AN", 2026, "delaktighet", NULL, "good", "Bra",
				  "2026-11-01"));
	OK(db, upf_assessment_set(db, "AN", 2026, "delaktighet", "all",
				  "improvement_needed", "Brister i privat regi", "2026-11-20"));
	OK(db, upf_assessment_set(db, "AN", 2026, "delaktighet", "regime:private",
				  "insufficient", "Brister", "2026-11-20"));
	OK(db, upf_assessment_history(&t, db, "AN", 2026, NULL));
	assert_int_equal(upf_table_rows(t), 3);
	assert_string_equal(upf_table_value(t, 0, 3), "good");
	assert_string_equal(upf_table_value(t, 0, 6), upf_table_value(t, 1, 0));
	assert_string_equal(upf_table_value(t, 0, 7), "0");
	assert_string_equal(upf_table_value(t, 1, 7), "1");
	assert_string_equal(upf_table_value(t, 2, 2), "regime:private");
	upf_table_free(t);
	/* The trail refuses a rewrite of an assessment. */
	assert_int_not_equal(sqlite3_exec(db->sql, "UPDATE overall_assessment SET grade = "
					  "'good' WHERE id = 2", NULL, NULL, NULL), SQLITE_OK);
	FAILS(db, upf_assessment_set(db, "AN", 2026, "delaktighet", "unit:A1", "good", "x",
				     NULL),
	      UPF_INVALID, "scope 'unit:A1': an assessment is of all units");
	FAILS(db, upf_assessment_set(db, "AN", 2026, "trivsel", NULL, "good", "x", NULL),
	      UPF_NOTFOUND, "unknown quality area 'trivsel'");
	FAILS(db, upf_assessment_set(db, "AN", 2026, "delaktighet", NULL, "fine", "x", NULL),
	      UPF_INVALID, "grade 'fine'");
	assert_int_equal(rows_of(upf_assessment_history(&t, db, "AN", 2026, "delaktighet"),
				 &t), 3);
	assert_int_equal(rows_of(upf_assessment_history(&t, db, "AN", 2026, "kompetens"), &t),
			 0);
}

/* One cell of the report: the row of a quality area and a scope. */
static const char *grid(const upf_table *t, const char *area, const char *scope,
			const char *column)
{
	int col = -1;
	for (int c = 0; c < upf_table_columns(t); c++)
		if (!strcmp(upf_table_column(t, c), column))
			col = c;
	assert_true(col >= 0);
	for (int r = 0; r < upf_table_rows(t); r++)
		if (!strcmp(upf_table_value(t, r, 1), area) &&
		    !strcmp(upf_table_value(t, r, 2), scope))
			return upf_table_value(t, r, col) ? upf_table_value(t, r, col) : "-";
	fail_msg("no row %s %s", area, scope);
	return NULL;
}

/* Findings strengths/improvements/deficiencies, measures met of those
 * with a status, and serious cases, per cell, as the fixtures give them. */
static void expect(const upf_table *t, const char *area, const char *scope,
		   const char *findings, const char *met, const char *serious)
{
	char got[64];
	snprintf(got, sizeof got, "%s/%s/%s", grid(t, area, scope, "strengths"),
		 grid(t, area, scope, "improvements"), grid(t, area, scope, "deficiencies"));
	assert_string_equal(got, findings);
	snprintf(got, sizeof got, "%s of %s: %s", grid(t, area, scope, "measures_met"),
		 grid(t, area, scope, "measures"), grid(t, area, scope, "met_share"));
	assert_string_equal(got, met);
	assert_string_equal(grid(t, area, scope, "serious_deviations"), serious);
}

static void test_report_assessment(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build(db);
	add_findings(db);
	add_deviations(db);
	OK(db, upf_assessment_set(db, "AN", 2025, "delaktighet", NULL, "acceptable", "x",
				  "2025-12-01"));
	OK(db, upf_assessment_set(db, "AN", 2026, "delaktighet", NULL, "good", "x",
				  "2026-11-01"));
	OK(db, upf_assessment_set(db, "AN", 2026, "delaktighet", NULL, "improvement_needed",
				  "Brister i privat regi", "2026-11-20"));
	OK(db, upf_assessment_set(db, "AN", 2026, "kompetens", "regime:private",
				  "acceptable", "x", "2026-11-20"));

	OK(db, upf_report_table(&t, db, "assessment", "{\"year\":2026,\"committee\":\"AN\"}"));
	assert_int_equal(upf_table_rows(t), 6); /* the six quality areas */
	expect(t, "delaktighet", "all", "1/1/1", "0 of 1: 0.0", "2");
	expect(t, "kompetens", "all", "1/1/1", "1 of 1: 100.0", "2");
	expect(t, "ledning", "all", "0/0/0", "0 of 0: -", "2");
	assert_string_equal(grid(t, "delaktighet", "all", "grade"), "improvement_needed");
	assert_string_equal(grid(t, "delaktighet", "all", "previous_grade"), "acceptable");
	assert_string_equal(grid(t, "kompetens", "all", "grade"), "-");
	upf_table_free(t);

	OK(db, upf_report_table(&t, db, "assessment", "{\"year\":2026,\"by\":\"regime\"}"));
	assert_int_equal(upf_table_rows(t), 12);
	expect(t, "delaktighet", "regime:in_house", "1/0/0", "1 of 1: 100.0", "2");
	expect(t, "delaktighet", "regime:private", "0/1/1", "0 of 1: 0.0", "0");
	expect(t, "kompetens", "regime:in_house", "0/1/0", "0 of 1: 0.0", "2");
	expect(t, "kompetens", "regime:private", "0/0/1", "1 of 1: 100.0", "0");
	assert_string_equal(grid(t, "kompetens", "regime:private", "grade"), "acceptable");
	upf_table_free(t);

	OK(db, upf_report_table(&t, db, "assessment", "{\"year\":2026,\"by\":\"area\"}"));
	expect(t, "delaktighet", "area:hemtjanst", "1/0/0", "1 of 1: 100.0", "2");
	expect(t, "delaktighet", "area:sarskilt_boende", "0/0/1", "0 of 1: 0.0", "0");
	expect(t, "kompetens", "area:hemtjanst", "1/1/0", "0 of 1: 0.0", "2");
	expect(t, "kompetens", "area:sarskilt_boende", "0/0/0", "1 of 1: 100.0", "0");
	upf_table_free(t);

	OK(db, upf_report_table(&t, db, "assessment", "{\"year\":2026,\"by\":\"assignment\"}"));
	expect(t, "delaktighet", "assignment:LL", "1/0/0", "1 of 1: 100.0", "2");
	expect(t, "delaktighet", "assignment:PV", "0/0/1", "0 of 1: 0.0", "0");
	expect(t, "kompetens", "assignment:LL", "0/1/0", "0 of 1: 0.0", "2");
	expect(t, "kompetens", "assignment:PV", "0/0/1", "1 of 1: 100.0", "0");
	upf_table_free(t);

	FAILS(db, upf_report_table(&t, db, "assessment", "{\"year\":2026,\"by\":\"unit\"}"),
	      UPF_INVALID, "by 'unit'");
	FAILS(db, upf_report_table(&t, db, "assessment", "{}"), UPF_INVALID, "year: missing");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_findings_and_their_evidence),
		TEST(test_an_assessment_is_superseded_and_kept),
		TEST(test_report_assessment),
	};
	return RUN(tests);
}
