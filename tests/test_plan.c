/* The follow-up plan: activities, their status, revisions of a decided
 * plan, the plan as decided and as it stands, and the report "plan". */
#include "org_fixture.h"

/* Four activities decided on 2026-01-20, one added after:
 *
 *   GP       individual  unit:A1 unit:B1       2026-02-01..05-31
 *   AVTAL    assignment  assignment:PV         2026-03-01..06-30
 *   MAT      thematic    area:sarskilt_boende  2026-04-01..10-31 (provider LL)
 *   MAL      goal        area:sarskilt_boende  2026-01-15..12-31
 *   LOGG     basic       unit:A1               2026-03-15..04-30 (added 03-10)
 */
static void add_activity(upf_db *db, const char *code, const char *kind,
			 const char *options)
{
	OK(db, upf_activity_add(db, code, code, 2026, "AN", kind, options));
}

static void build_plan(upf_db *db)
{
	build_small_org(db);
	OK(db, upf_plan_add(db, 2026, "AN", NULL));
	add_activity(db, "GP", "individual",
		     "{\"areas\":[\"personcentrerat\",\"delaktighet\"],\"methods\":[\"granskning_gp\"],"
		     "\"scope\":[\"unit:A1\",\"unit:B1\"],\"start\":\"2026-02-01\",\"due\":\"2026-05-31\"}");
	add_activity(db, "AVTAL", "assignment",
		     "{\"areas\":[\"ledning\"],\"methods\":[\"granskning\"],"
		     "\"scope\":[\"assignment:PV\"],\"start\":\"2026-03-01\",\"due\":\"2026-06-30\"}");
	add_activity(db, "MAT", "thematic",
		     "{\"areas\":[\"kunskapsbaserad\"],\"methods\":[\"fokusgrupper\"],"
		     "\"scope\":[\"area:sarskilt_boende\"],\"responsible\":\"provider\","
		     "\"provider\":\"LL\",\"start\":\"2026-04-01\",\"due\":\"2026-10-31\"}");
	add_activity(db, "MAL", "goal",
		     "{\"areas\":[\"ledning\"],\"methods\":[\"budget\"],"
		     "\"scope\":[\"area:sarskilt_boende\"],\"start\":\"2026-01-15\",\"due\":\"2026-12-31\"}");
	OK(db, upf_plan_decide(db, 2026, "AN", "2026-01-20", "ÄN 2026/12"));
	add_activity(db, "LOGG", "basic",
		     "{\"areas\":[\"kompetens\"],\"methods\":[\"egenkontroll\"],\"scope\":[\"unit:A1\"],"
		     "\"start\":\"2026-03-15\",\"due\":\"2026-04-30\",\"reason\":\"Brister i "
		     "loggkontrollen\",\"on\":\"2026-03-10\"}");
}

static void test_activities_and_responsibility(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_plan(db);
	OK(db, upf_activity_show(&t, db, "GP"));
	assert_string_equal(cell(t, "GP", "areas"), "delaktighet personcentrerat");
	assert_string_equal(cell(t, "GP", "methods"), "granskning_gp");
	assert_string_equal(cell(t, "GP", "scope"), "unit:A1 unit:B1");
	assert_string_equal(cell(t, "GP", "units"), "2");
	/* A1 in-house, B1 private: the administration. */
	assert_string_equal(cell(t, "GP", "responsible"), "administration");
	assert_string_equal(cell(t, "GP", "mismatch"), "0");
	upf_table_free(t);
	/* Only the in-house provider's unit: it follows up its own. */
	OK(db, upf_activity_show(&t, db, "LOGG"));
	assert_string_equal(cell(t, "LOGG", "responsible"), "provider");
	assert_string_equal(cell(t, "LOGG", "provider"), "LL");
	assert_null(cell(t, "LOGG", "decided_start"));
	upf_table_free(t);
	/* Private units followed up by the in-house provider: allowed, and
	 * shown as a mismatch. */
	OK(db, upf_activity_show(&t, db, "MAT"));
	assert_string_equal(cell(t, "MAT", "responsible"), "provider");
	assert_string_equal(cell(t, "MAT", "default_responsible"), "administration");
	assert_string_equal(cell(t, "MAT", "mismatch"), "1");
	upf_table_free(t);
	OK(db, upf_plan_list(&t, db));
	assert_string_equal(cell(t, "AN", "activities"), "5");
	assert_string_equal(cell(t, "AN", "reference"), "ÄN 2026/12");
	upf_table_free(t);
}

static void test_decided_plan_changes_by_revision(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_plan(db);
	FAILS(db, upf_plan_decide(db, 2026, "AN", "2026-02-01", "ÄN 2026/13"), UPF_REFUSED,
	      "plan 2026 of committee 'AN': decided already, on 2026-01-20");
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_DECIDED);
	FAILS(db, upf_activity_add(db, "X", "X", 2026, "AN", "thematic",
				   "{\"areas\":[\"ledning\"],\"methods\":[\"budget\"],\"scope\":[\"all\"],"
				   "\"start\":\"2026-05-01\",\"due\":\"2026-06-01\"}"),
	      UPF_REFUSED, "decided on 2026-01-20; an activity added now is a revision: "
	      "give its reason");
	FAILS(db, upf_activity_move(db, "GP", "2026-02-01", "2026-06-30", "2026-05-20", NULL),
	      UPF_REFUSED, "activity 'GP': its plan was decided on 2026-01-20; a move is a "
	      "revision: give its reason");
	OK(db, upf_activity_move(db, "GP", "2026-02-01", "2026-06-30", "2026-05-20",
				 "Fler ärenden än väntat"));
	OK(db, upf_activity_start(db, "GP", "2026-02-03"));
	FAILS(db, upf_activity_done(db, "GP", "2026-02-01"), UPF_REFUSED,
	      "on '2026-02-01': before it started, 2026-02-03");
	OK(db, upf_activity_done(db, "GP", "2026-06-15"));
	FAILS(db, upf_activity_cancel(db, "GP", "2026-06-16", "Fel"), UPF_REFUSED,
	      "activity 'GP': cannot be cancelled; its status is 'done'");
	OK(db, upf_activity_cancel(db, "MAT", "2026-06-01", "Ersätts av IVO:s tillsyn"));
	OK(db, upf_plan_revision_list(&t, db, 2026, "AN"));
	assert_int_equal(upf_table_rows(t), 3);
	assert_string_equal(cell_by(t, 1, "LOGG", "change"), "added");
	assert_string_equal(cell_by(t, 1, "LOGG", "reason"), "Brister i loggkontrollen");
	assert_string_equal(cell_by(t, 1, "GP", "old_due"), "2026-05-31");
	assert_string_equal(cell_by(t, 1, "GP", "new_due"), "2026-06-30");
	assert_string_equal(cell_by(t, 1, "MAT", "change"), "cancelled");
	upf_table_free(t);
	/* As decided: four activities, GP due in May, all planned. */
	OK(db, upf_activity_list(&t, db, "{\"year\":2026,\"as\":\"decided\"}"));
	assert_int_equal(upf_table_rows(t), 4);
	assert_string_equal(cell(t, "GP", "due"), "2026-05-31");
	assert_string_equal(cell(t, "MAT", "status"), "planned");
	upf_table_free(t);
	/* As it stands: five, GP done in June, MAT cancelled. */
	OK(db, upf_activity_list(&t, db, "{\"year\":2026}"));
	assert_int_equal(upf_table_rows(t), 5);
	assert_string_equal(cell(t, "GP", "due"), "2026-06-30");
	assert_string_equal(cell(t, "GP", "status"), "done");
	assert_string_equal(cell(t, "MAT", "status"), "cancelled");
	upf_table_free(t);
	OK(db, upf_plan_show(&t, db, 2026, "AN"));
	assert_string_equal(cell(t, "AN", "revisions"), "3");
	upf_table_free(t);
}

static void test_report_plan(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_plan(db);
	OK(db, upf_activity_start(db, "GP", "2026-02-03"));
	OK(db, upf_activity_done(db, "GP", "2026-05-15"));
	OK(db, upf_activity_start(db, "AVTAL", "2026-03-02"));
	OK(db, upf_activity_start(db, "LOGG", "2026-03-15"));
	OK(db, upf_activity_cancel(db, "MAT", "2026-06-01", "Ersätts av IVO:s tillsyn"));
	/* On 1 July: AVTAL (due 30 June) and LOGG (due 30 April) are
	 * started and overdue; MAL (due 31 December) is planned. */
	OK(db, upf_activity_list(&t, db, "{\"overdue\":true,\"at\":\"2026-07-01\"}"));
	assert_int_equal(upf_table_rows(t), 2);
	upf_table_free(t);
	OK(db, upf_report_table(&t, db, "plan", "{\"year\":2026,\"at\":\"2026-07-01\"}"));
	const char *want[][9] = {
		/* dimension, key, activities, planned, started, done, cancelled, overdue */
		{"kind", "individual", "1", "0", "0", "1", "0", "0"},
		{"kind", "assignment", "1", "0", "1", "0", "0", "1"},
		{"kind", "thematic", "1", "0", "0", "0", "1", "0"},
		{"kind", "goal", "1", "1", "0", "0", "0", "0"},
		{"kind", "basic", "1", "0", "1", "0", "0", "1"},
		{"quality_area", "delaktighet", "1", "0", "0", "1", "0", "0"},
		{"quality_area", "kompetens", "1", "0", "1", "0", "0", "1"},
		{"quality_area", "kunskapsbaserad", "1", "0", "0", "0", "1", "0"},
		{"quality_area", "ledning", "2", "1", "1", "0", "0", "1"},
		{"quality_area", "personcentrerat", "1", "0", "0", "1", "0", "0"},
		/* MAT, the only activity on knowledge, was cancelled; none
		 * follows up cooperation; A2 is in no activity's scope. */
		{"uncovered_area", "kunskapsbaserad", "0", "0", "0", "0", "0", "0"},
		{"uncovered_area", "samverkan", "0", "0", "0", "0", "0", "0"},
		{"uncovered_unit", "A2", "0", "0", "0", "0", "0", "0"},
	};
	assert_int_equal(upf_table_rows(t), 13);
	for (int r = 0; r < 13; r++) {
		assert_string_equal(upf_table_value(t, r, 0), want[r][0]);
		assert_string_equal(upf_table_value(t, r, 1), want[r][1]);
		for (int c = 3; c < 9; c++)
			assert_string_equal(upf_table_value(t, r, c), want[r][c - 1]);
	}
	upf_table_free(t);
}

static void test_refusals(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_plan(db);
	FAILS(db, upf_plan_add(db, 2026, "AN", "Igen"), UPF_EXISTS,
	      "committee 'AN' has a plan for it already");
	FAILS(db, upf_activity_add(db, "Y", "Y", 2027, "AN", "thematic", "{}"), UPF_INVALID,
	      "areas: missing");
	FAILS(db, upf_activity_add(db, "Y", "Y", 2027, "AN", "thematic",
				   "{\"areas\":[\"ledning\"],\"methods\":[\"budget\"],\"scope\":[\"all\"],"
				   "\"start\":\"2027-02-01\",\"due\":\"2027-03-01\"}"),
	      UPF_NOTFOUND, "year '2027': committee 'AN' has no plan for it");
	OK(db, upf_plan_add(db, 2027, "AN", "Plan 2027"));
	static const struct {
		const char *options, *says;
		int status;
	} bad[] = {
		{"{\"areas\":[\"ledning\"],\"methods\":[\"budget\"],\"scope\":[\"everyone\"],"
		 "\"start\":\"2027-02-01\",\"due\":\"2027-03-01\"}", "scope 'everyone'", UPF_INVALID},
		{"{\"areas\":[\"ledning\"],\"methods\":[\"budget\"],\"scope\":[\"regime:public\"],"
		 "\"start\":\"2027-02-01\",\"due\":\"2027-03-01\"}", "scope 'public'", UPF_INVALID},
		{"{\"areas\":[\"ledning\"],\"methods\":[\"budget\"],\"scope\":[\"unit:NOPE\"],"
		 "\"start\":\"2027-02-01\",\"due\":\"2027-03-01\"}", "scope: unknown unit 'NOPE'",
		 UPF_NOTFOUND},
		{"{\"areas\":[\"gladje\"],\"methods\":[\"budget\"],\"scope\":[\"all\"],"
		 "\"start\":\"2027-02-01\",\"due\":\"2027-03-01\"}",
		 "areas: unknown quality area 'gladje'", UPF_NOTFOUND},
		{"{\"areas\":[\"ledning\"],\"methods\":[\"budget\"],\"scope\":[\"all\"],"
		 "\"start\":\"2027-04-01\",\"due\":\"2027-03-01\"}", "due '2027-03-01': before start",
		 UPF_INVALID},
		{"{\"areas\":[\"ledning\"],\"methods\":[\"budget\"],\"scope\":[\"all\"],"
		 "\"start\":\"2027-02-01\"}", "due: missing", UPF_INVALID},
		{"{\"areas\":[\"ledning\"],\"methods\":[\"budget\"],\"scope\":[\"all\"],"
		 "\"start\":\"2027-02-01\",\"due\":\"2027-03-01\",\"responsible\":\"provider\"}",
		 "provider: missing", UPF_INVALID},
		{"{\"areas\":[\"ledning\"],\"methods\":[\"budget\"],\"scope\":[\"all\"],"
		 "\"start\":\"2027-02-01\",\"due\":\"2027-03-01\",\"description\":\"Gäller "
		 "19121212-1212\"}", "description: looks like a personal identity number",
		 UPF_PERSONAL},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		FAILS(db, upf_activity_add(db, "Y", "Y", 2027, "AN", "thematic", bad[i].options),
		      bad[i].status, bad[i].says);
	FAILS(db, upf_activity_add(db, "GP", "Y", 2027, "AN", "thematic",
				   "{\"areas\":[\"ledning\"],\"methods\":[\"budget\"],\"scope\":[\"all\"],"
				   "\"start\":\"2027-02-01\",\"due\":\"2027-03-01\"}"),
	      UPF_EXISTS, "activity 'GP' already exists");
	FAILS(db, upf_activity_add(db, "Y", "Y", 2027, "AN", "survey", "{}"), UPF_INVALID,
	      "kind 'survey'");
	FAILS(db, upf_activity_done(db, "MAL", "2026-03-01"), UPF_REFUSED,
	      "activity 'MAL': cannot be done; its status is 'planned'");
	FAILS(db, upf_activity_start(db, "NOPE", NULL), UPF_NOTFOUND, "unknown activity 'NOPE'");
	FAILS(db, upf_plan_show(&(upf_table *){NULL}, db, 2030, "AN"), UPF_NOTFOUND,
	      "no plan for it");
	FAILS(db, upf_report_table(&(upf_table *){NULL}, db, "plan", "{}"), UPF_INVALID,
	      "year: missing");
}

/* Goal follow-up: a committee's goal with two measures and their targets,
 * one met, one not: partly. Another without a target: no data. */
static void test_goal_follow_up(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	OK(db, upf_goal_add(db, "AN-M1", "Fler brukare har en aktuell genomförandeplan",
			    "personcentrerat", "AN", 2026));
	OK(db, upf_goal_add(db, "AN-M2", "Brukarna är nöjda", "delaktighet", "AN", 2026));
	OK(db, upf_measure_edit(db, "RES-GP-PLAN", "{\"goals\":[\"AN-M1\"]}"));
	OK(db, upf_measure_edit(db, "STR-KO", "{\"goals\":[\"AN-M1\"]}"));
	OK(db, upf_measure_edit(db, "SHARE", "{\"goals\":[\"AN-M2\"]}"));
	OK(db, upf_target_set(db, "RES-GP-PLAN", 80, 2026, NULL, NULL));
	OK(db, upf_target_set(db, "STR-KO", 4, 2026, NULL, NULL));
	/* Plans closed according to plan: A1 9 of 10, A2 7 of 10, together
	 * 16 of 20 = 80 %, which meets 80 (up); the year before 5 of 10. The
	 * queue: A1's latest, 6, against at most 4 (down): not met. */
	set_share(db, "RES-GP-PLAN", "A1", "2026-03", 9, 10);
	set_share(db, "RES-GP-PLAN", "A2", "2026-03", 7, 10);
	set_share(db, "RES-GP-PLAN", "A1", "2025-03", 5, 10);
	set(db, "STR-KO", "A1", "2026-02", 2);
	set(db, "STR-KO", "A1", "2026-11", 6);
	OK(db, upf_report_table(&t, db, "goals", "{\"year\":2026,\"committee\":\"AN\"}"));
	/* The committee's goals first: AN-M1's two rows, AN-M2's one. */
	assert_string_equal(upf_table_value(t, 0, 0), "AN-M1");
	assert_string_equal(upf_table_value(t, 0, 3), "RES-GP-PLAN");
	assert_string_equal(upf_table_value(t, 0, 6), "80.0");
	assert_string_equal(upf_table_value(t, 0, 8), "met");
	assert_string_equal(upf_table_value(t, 0, 9), "50.0");
	assert_string_equal(upf_table_value(t, 1, 3), "STR-KO");
	assert_string_equal(upf_table_value(t, 1, 6), "6.0");
	assert_string_equal(upf_table_value(t, 1, 8), "not_met");
	assert_string_equal(upf_table_value(t, 0, 10), "partly");
	assert_string_equal(upf_table_value(t, 1, 10), "partly");
	assert_string_equal(upf_table_value(t, 2, 0), "AN-M2");
	assert_null(upf_table_value(t, 2, 8));
	assert_string_equal(upf_table_value(t, 2, 10), "no_data");
	upf_table_free(t);
	/* Per level-2 unit: L2A as in total; L2B reported nothing. */
	OK(db, upf_report_table(&t, db, "goals", "{\"year\":2026,\"committee\":\"AN\","
				"\"level\":2}"));
	int l2a = 0, l2b = 0;
	for (int r = 0; r < upf_table_rows(t); r++) {
		if (strcmp(upf_table_value(t, r, 0), "AN-M1"))
			continue;
		if (!strcmp(upf_table_value(t, r, 4), "L2A"))
			l2a += !strcmp(upf_table_value(t, r, 10), "partly");
		if (!strcmp(upf_table_value(t, r, 4), "L2B"))
			l2b += !strcmp(upf_table_value(t, r, 10), "no_data");
	}
	assert_int_equal(l2a, 2);
	assert_int_equal(l2b, 2);
	upf_table_free(t);
	OK(db, upf_goal_list(&t, db, "personcentrerat"));
	assert_string_equal(cell(t, "AN-M1", "committee"), "AN");
	assert_string_equal(cell(t, "AN-M1", "year"), "2026");
	assert_string_equal(cell(t, "AN-M1", "measures"), "RES-GP-PLAN STR-KO");
	upf_table_free(t);
	FAILS(db, upf_goal_add(db, "X", "X", "ledning", NULL, 2026), UPF_INVALID,
	      "committee: missing; a goal of a year belongs to a committee");
	FAILS(db, upf_report_table(&t, db, "goals", "{\"year\":2026,\"level\":3}"),
	      UPF_INVALID, "level '3'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_activities_and_responsibility),
		TEST(test_decided_plan_changes_by_revision),
		TEST(test_report_plan),
		TEST(test_refusals),
		TEST(test_goal_follow_up),
	};
	return RUN(tests);
}
