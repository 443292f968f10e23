/* Actions from every source: what each concerns, done and evaluated, the
 * list's filters, and the report "actions" against counts made by hand. */
#include "org_fixture.h"

/* A plan for 2026: AVT follows up the contract PV, GP reviews A1, TEMA
 * covers everything; a finding about B1, a review at A1 and a deviation
 * at A2 to take actions from. */
static void build(upf_db *db)
{
	long long id = 0;
	build_small_org(db);
	OK(db, upf_db_set_today(db, "2027-01-15"));
	OK(db, upf_plan_add(db, 2026, "AN", NULL));
	OK(db, upf_activity_add(db, "AVT", "Avtalsuppföljning", 2026, "AN", "assignment",
				"{\"areas\":[\"ledning\"],\"methods\":[\"granskning\"],"
				"\"scope\":[\"assignment:PV\"],\"start\":\"2026-03-01\","
				"\"due\":\"2026-06-30\"}"));
	OK(db, upf_activity_add(db, "GP", "Genomförandeplaner", 2026, "AN", "individual",
				"{\"areas\":[\"personcentrerat\"],\"methods\":[\"granskning_gp\"],"
				"\"scope\":[\"unit:A1\"],\"start\":\"2026-02-01\","
				"\"due\":\"2026-12-31\"}"));
	OK(db, upf_activity_add(db, "TEMA", "Tema", 2026, "AN", "thematic",
				"{\"areas\":[\"kompetens\"],\"methods\":[\"fokusgrupper\"],"
				"\"scope\":[\"all\"],\"start\":\"2026-03-01\",\"due\":\"2026-11-30\"}"));
	OK(db, upf_instrument_add(db, "GP", "Granskning", "granskning_gp", "yes_no"));
	OK(db, upf_criterion_add(db, "GP", "AKTUELL", "Planen är aktuell", NULL));
	OK(db, upf_review_add(&id, db, "GP", "GP", "A1", NULL, "GP-1", "2026-05-10"));
	OK(db, upf_finding_add(&id, db, "TEMA", "unit:B1", "kompetens", "deficiency",
			       "Introduktion saknas", "2026-06-01", NULL));
	OK(db, upf_deviation_add(&id, db, "A2", "care", "2026-02-01", "2026-02-03", NULL,
				 "Utebliven insats", NULL));
}

static long long action(upf_db *db, const char *source, const char *due,
			const char *unit, const char *on)
{
	long long id = 0;
	OK(db, upf_action_add_from(&id, db, source, "Åtgärd", "Enhetschef", due, unit, on));
	assert_true(id > 0);
	return id;
}

/* The actions, decided in 2026:
 *
 *   1 deviation:1        A2 (L2A)  02-10  due 03-31  done 03-20  evaluated 06-01 achieved
 *   2 activity:AVT       PV (-)    04-01  due 05-31
 *   3 finding:1          B1 (L2B)  06-05  due 06-30  done 07-15
 *   4 review:1           A1 (L2A)  05-12  due 06-15
 *   5 measure:SHARE:2026 B2 (L2B)  06-01  due 09-30  done 08-01  evaluated 08-20 not_achieved
 *   6 measure:SHARE:2026 -         07-01  no committee
 */
static void add_actions(upf_db *db)
{
	assert_int_equal(action(db, "deviation:1", "2026-03-31", NULL, "2026-02-10"), 1);
	assert_int_equal(action(db, "activity:AVT", "2026-05-31", NULL, "2026-04-01"), 2);
	assert_int_equal(action(db, "finding:1", "2026-06-30", NULL, "2026-06-05"), 3);
	assert_int_equal(action(db, "review:1", "2026-06-15", NULL, "2026-05-12"), 4);
	assert_int_equal(action(db, "measure:SHARE:2026", "2026-09-30", "B2", "2026-06-01"), 5);
	assert_int_equal(action(db, "measure:SHARE:2026", NULL, NULL, "2026-07-01"), 6);
	OK(db, upf_action_done(db, 1, "2026-03-20"));
	OK(db, upf_action_evaluate(db, 1, "2026-06-01", "achieved", "Inga fler missade besök"));
	OK(db, upf_action_done(db, 3, "2026-07-15"));
	OK(db, upf_action_done(db, 5, "2026-08-01"));
	OK(db, upf_action_evaluate(db, 5, "2026-08-20", "not_achieved", NULL));
}

static void test_actions_from_every_source(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build(db);
	add_actions(db);
	OK(db, upf_action_list(&t, db, NULL));
	assert_int_equal(upf_table_rows(t), 6);
	assert_string_equal(cell_by(t, 0, "1", "ref"), "1");
	assert_string_equal(cell_by(t, 0, "1", "unit"), "A2");
	assert_string_equal(cell_by(t, 0, "2", "ref"), "AVT");
	assert_null(cell_by(t, 0, "2", "unit"));
	assert_string_equal(cell_by(t, 0, "2", "assignment"), "PV");
	assert_string_equal(cell_by(t, 0, "3", "unit"), "B1");
	assert_string_equal(cell_by(t, 0, "4", "unit"), "A1");
	assert_string_equal(cell_by(t, 0, "5", "ref"), "SHARE:2026");
	assert_string_equal(cell_by(t, 0, "5", "assignment"), "PV");
	assert_string_equal(cell_by(t, 0, "5", "effect"), "not_achieved");
	assert_null(cell_by(t, 0, "6", "assignment"));
	upf_table_free(t);
	/* The deviation's own list has it too. */
	assert_int_equal(rows_of(upf_deviation_action_list(&t, db, 1), &t), 1);

	assert_int_equal(rows_of(upf_action_list(&t, db, "{\"open\":true}"), &t), 3);
	/* Past due on 1 July and not done by then: 2, 3 (done later) and 4. */
	assert_int_equal(rows_of(upf_action_list(&t, db, "{\"overdue\":true,"
						  "\"at\":\"2026-07-01\"}"), &t), 3);
	assert_int_equal(rows_of(upf_action_list(&t, db, "{\"committee\":\"AN\"}"), &t), 5);
	assert_int_equal(rows_of(upf_action_list(&t, db, "{\"provider\":\"PV\"}"), &t), 3);
	assert_int_equal(rows_of(upf_action_list(&t, db, "{\"source\":\"measure\"}"), &t), 2);
	assert_int_equal(rows_of(upf_action_list(&t, db, "{\"period\":\"2026-T2\"}"), &t), 4);
	FAILS(db, upf_action_list(&t, db, "{\"source\":\"issue\"}"), UPF_INVALID,
	      "source 'issue'");
	FAILS(db, upf_action_list(&t, db, "{\"provider\":\"XX\"}"), UPF_NOTFOUND,
	      "unknown provider 'XX'");
}

static void test_refused_actions_change_nothing(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	long long id = 0;
	build(db);
	static const struct {
		const char *source, *due, *unit, *on;
		int status;
		const char *part;
	} bad[] = {
		{"deviation:abc", NULL, NULL, NULL, UPF_INVALID, "not a number"},
		{"issue:1", NULL, NULL, NULL, UPF_INVALID, "source 'issue:1': not deviation:ID"},
		{"finding", NULL, NULL, NULL, UPF_INVALID, "source 'finding'"},
		{"finding:99", NULL, NULL, NULL, UPF_NOTFOUND, "no finding 99"},
		{"review:7", NULL, NULL, NULL, UPF_NOTFOUND, "no review 7"},
		{"deviation:9", NULL, NULL, NULL, UPF_NOTFOUND, "no deviation 9"},
		{"activity:NOPE", NULL, NULL, NULL, UPF_NOTFOUND, "unknown activity 'NOPE'"},
		{"measure:SHARE", NULL, NULL, NULL, UPF_INVALID, "not measure:CODE:PERIOD"},
		{"measure:NOPE:2026", NULL, NULL, NULL, UPF_NOTFOUND, "unknown measure"},
		{"measure:SHARE:2026-13", NULL, NULL, NULL, UPF_INVALID, "2026-13"},
		{"finding:1", NULL, NULL, "2026-05-01", UPF_REFUSED,
		 "before the finding was made, 2026-06-01"},
		{"review:1", NULL, NULL, "2026-05-01", UPF_REFUSED, "before the review"},
		{"deviation:1", NULL, NULL, "2026-01-01", UPF_REFUSED,
		 "before the deviation occurred"},
		{"deviation:1", NULL, "A2", NULL, UPF_INVALID, "for the deviation's unit"},
		{"activity:TEMA", "2026-05-01", NULL, "2026-06-01", UPF_INVALID,
		 "due '2026-05-01': before the action was decided"},
		{"activity:TEMA", NULL, "B1", "2024-06-01", UPF_REFUSED,
		 "unit 'B1': not active on 2024-06-01"},
		{"activity:TEMA", NULL, "ZZ", NULL, UPF_NOTFOUND, "unknown unit 'ZZ'"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		FAILS(db, upf_action_add_from(&id, db, bad[i].source, "Åtgärd", "Chef",
					      bad[i].due, bad[i].unit, bad[i].on),
		      bad[i].status, bad[i].part);
		assert_int_equal(id, 0);
	}
	assert_int_equal(rows_of(upf_action_list(&t, db, NULL), &t), 0);
	/* Done and evaluated in order, once each. */
	long long a = action(db, "activity:TEMA", NULL, NULL, "2026-04-01");
	FAILS(db, upf_action_evaluate(db, a, "2026-05-01", "achieved", NULL), UPF_REFUSED,
	      "not done");
	FAILS(db, upf_action_done(db, a, "2026-03-31"), UPF_REFUSED,
	      "before it was decided, 2026-04-01");
	OK(db, upf_action_done(db, a, "2026-04-20"));
	FAILS(db, upf_action_done(db, a, "2026-04-21"), UPF_NOTFOUND, "no open action");
	FAILS(db, upf_action_evaluate(db, a, "2026-04-19", "achieved", NULL), UPF_REFUSED,
	      "before the action was done, 2026-04-20");
	FAILS(db, upf_action_evaluate(db, a, "2026-05-01", "good", NULL), UPF_INVALID,
	      "effect 'good'");
	OK(db, upf_action_evaluate(db, a, "2026-05-01", "partly", NULL));
	FAILS(db, upf_action_evaluate(db, a, "2026-06-01", "achieved", NULL), UPF_REFUSED,
	      "evaluated already, on 2026-05-01");
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_CLOSED);
	FAILS(db, upf_action_evaluate(db, 99, NULL, "achieved", NULL), UPF_NOTFOUND,
	      "no action 99");
}

/* One row of the report: "decided done overdue evaluated achieved partly
 * not_achieved" of a source and a node. */
static void expect(const upf_table *t, const char *source, const char *node,
		   const char *counts)
{
	for (int r = 0; r < upf_table_rows(t); r++) {
		if (strcmp(upf_table_value(t, r, 0), source) ||
		    strcmp(upf_table_value(t, r, 1), node))
			continue;
		char got[64] = "";
		for (int c = 3; c < 10; c++) {
			size_t n = strlen(got);
			snprintf(got + n, sizeof got - n, "%s%s", c > 3 ? " " : "",
				 upf_table_value(t, r, c));
		}
		assert_string_equal(got, counts);
		return;
	}
	fail_msg("no row %s %s", source, node);
}

static void test_report_actions(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build(db);
	add_actions(db);
	/* The year, judged on its last day. */
	OK(db, upf_report_table(&t, db, "actions", "{\"period\":\"2026\",\"committee\":\"AN\"}"));
	assert_int_equal(upf_table_rows(t), 5);
	expect(t, "activity", "-", "1 0 1 0 0 0 0");
	expect(t, "deviation", "L2A", "1 1 0 1 1 0 0");
	expect(t, "finding", "L2B", "1 1 0 0 0 0 0");
	expect(t, "measure", "L2B", "1 1 0 1 0 0 1");
	expect(t, "review", "L2A", "1 0 1 0 0 0 0");
	upf_table_free(t);
	/* Every committee's, and the one of none. */
	OK(db, upf_report_table(&t, db, "actions", "{\"period\":\"2026\",\"level\":1}"));
	assert_int_equal(upf_table_rows(t), 6);
	expect(t, "activity", "PV", "1 0 1 0 0 0 0");
	expect(t, "measure", "PV", "1 1 0 1 0 0 1");
	expect(t, "measure", "-", "1 0 0 0 0 0 0");
	expect(t, "deviation", "LL", "1 1 0 1 1 0 0");
	upf_table_free(t);
	/* The first tertial, judged on 30 April: done, not yet evaluated. */
	OK(db, upf_report_table(&t, db, "actions", "{\"period\":\"2026-T1\"}"));
	assert_int_equal(upf_table_rows(t), 2);
	expect(t, "deviation", "L2A", "1 1 0 0 0 0 0");
	expect(t, "activity", "-", "1 0 0 0 0 0 0");
	upf_table_free(t);
	/* The second, on 31 August: 3 done late but done; 4 overdue. */
	OK(db, upf_report_table(&t, db, "actions", "{\"period\":\"2026-T2\"}"));
	assert_int_equal(upf_table_rows(t), 4);
	expect(t, "finding", "L2B", "1 1 0 0 0 0 0");
	expect(t, "review", "L2A", "1 0 1 0 0 0 0");
	expect(t, "measure", "L2B", "1 1 0 1 0 0 1");
	upf_table_free(t);
	FAILS(db, upf_report_table(&t, db, "actions", "{\"period\":\"2026\",\"level\":3}"),
	      UPF_INVALID, "level '3'");
	FAILS(db, upf_report_table(&t, db, "actions", "{}"), UPF_INVALID, "period: missing");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_actions_from_every_source),
		TEST(test_refused_actions_change_nothing),
		TEST(test_report_actions),
	};
	return RUN(tests);
}
