/* Deviations: every transition and refusal, the IVO deadline, actions,
 * search, import, and the measures and report computed from them. */
#include "org_fixture.h"

static long long add(upf_db *db, const char *unit, const char *type,
		     const char *reported, const char *category)
{
	long long id = 0;
	OK(db, upf_deviation_add(&id, db, unit, type, reported, reported, category,
				 "Händelse vid besök", NULL));
	assert_true(id > 0);
	return id;
}

static const char *field(upf_db *db, long long id, const char *column,
			 char *buf, size_t size)
{
	upf_table *t = NULL;
	OK(db, upf_deviation_show(&t, db, id));
	for (int c = 0; c < upf_table_columns(t); c++)
		if (!strcmp(upf_table_column(t, c), column)) {
			const char *v = upf_table_value(t, 0, c);
			snprintf(buf, size, "%s", v ? v : "(null)");
		}
	upf_table_free(t);
	return buf;
}

static void test_lex_sarah_from_start_to_close(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	char buf[128];
	long long action;
	build_small_org(db);
	long long id = add(db, "B1", "lex_sarah", "2026-03-03", "bemotande");
	assert_string_equal(field(db, id, "status", buf, sizeof buf), "registered");
	FAILS(db, upf_deviation_assess(db, id, "serious", "2026-03-05"), UPF_REFUSED,
	      "cannot assess; its status is 'registered', and the next step is: investigate");
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_OUT_OF_ORDER);
	FAILS(db, upf_deviation_investigate(db, id, "2026-03-01"), UPF_REFUSED,
	      "on '2026-03-01': before the deviation was reported, 2026-03-03");
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_TOO_EARLY);
	OK(db, upf_deviation_investigate(db, id, "2026-03-04"));
	FAILS(db, upf_deviation_investigate(db, id, "2026-03-04"), UPF_REFUSED,
	      "its status is 'investigating', and the next step is: assess");
	FAILS(db, upf_deviation_assess(db, id, "injury", "2026-03-10"), UPF_INVALID,
	      "assessment 'injury': not one of the assessments of lex_sarah");
	FAILS(db, upf_deviation_notify(db, id, "2026-03-10", "committee"), UPF_REFUSED,
	      "cannot notify IVO; its status is 'investigating'");
	OK(db, upf_deviation_assess(db, id, "serious", "2026-03-10"));
	FAILS(db, upf_deviation_close(db, id, "2026-03-12", "klart"), UPF_REFUSED,
	      "a serious case is closed once IVO is notified");
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_IVO_PENDING);
	FAILS(db, upf_deviation_send(db, id, "2026-03-12"), UPF_REFUSED,
	      "cannot send the investigation to IVO; its status is 'assessed', and "
	      "the next step is: notify");
	FAILS(db, upf_deviation_notify(db, id, "2026-03-11", "nämnden"), UPF_INVALID,
	      "by 'nämnden'");
	OK(db, upf_deviation_notify(db, id, "2026-03-11", "provider"));
	FAILS(db, upf_deviation_notify(db, id, "2026-03-12", "provider"), UPF_REFUSED,
	      "the next step is: send");
	/* Private provider: the committee is informed. */
	OK(db, upf_deviation_inform_committee(db, id, "2026-03-12"));
	OK(db, upf_action_add(&action, db, id, "Ny rutin för måltider", "Enhetschef",
			      "2026-04-30", NULL));
	OK(db, upf_action_done(db, action, "2026-04-20"));
	FAILS(db, upf_action_done(db, action, "2026-04-21"), UPF_NOTFOUND,
	      "no open action");
	FAILS(db, upf_deviation_send(db, id, "2026-03-10"), UPF_REFUSED,
	      "before IVO was notified, 2026-03-11");
	OK(db, upf_deviation_send(db, id, "2026-05-20"));
	FAILS(db, upf_deviation_close(db, id, "2026-05-19", NULL), UPF_REFUSED,
	      "before the investigation reached IVO");
	OK(db, upf_deviation_close(db, id, "2026-06-01", NULL));
	assert_string_equal(field(db, id, "status", buf, sizeof buf), "closed");
	assert_string_equal(field(db, id, "ivo_due", buf, sizeof buf), "2026-05-11");
	FAILS(db, upf_deviation_close(db, id, "2026-06-02", NULL), UPF_REFUSED,
	      "the next step is: none, it is closed");
	FAILS(db, upf_action_add(&action, db, id, "Sen åtgärd", "Chef", NULL, NULL),
	      UPF_REFUSED, "closed");
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_CLOSED);
}

static void test_closing_rules(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	build_small_org(db);
	/* No deviation found: closes without an action. */
	long long a = add(db, "A1", "complaint", "2026-03-03", NULL);
	OK(db, upf_deviation_investigate(db, a, "2026-03-03"));
	OK(db, upf_deviation_assess(db, a, "not_deviation", "2026-03-04"));
	OK(db, upf_deviation_close(db, a, "2026-03-05", NULL));
	/* A deviation: needs an action or a reason. */
	long long b = add(db, "A1", "care", "2026-03-03", "lakemedel");
	OK(db, upf_deviation_investigate(db, b, "2026-03-03"));
	OK(db, upf_deviation_assess(db, b, "deviation", "2026-03-04"));
	FAILS(db, upf_deviation_close(db, b, "2026-03-05", NULL), UPF_REFUSED,
	      "closing needs an action or a reason");
	OK(db, upf_deviation_close(db, b, "2026-03-05", "Åtgärdat i annat ärende"));
	/* IVO is told only of serious lex Sarah and lex Maria cases. */
	long long c = add(db, "A1", "care", "2026-03-03", NULL);
	OK(db, upf_deviation_investigate(db, c, "2026-03-03"));
	OK(db, upf_deviation_assess(db, c, "serious", "2026-03-04"));
	FAILS(db, upf_deviation_notify(db, c, "2026-03-05", "committee"), UPF_REFUSED,
	      "IVO is notified only of a lex Sarah or lex Maria case assessed as serious");
	long long d = add(db, "A1", "lex_maria", "2026-03-03", NULL);
	OK(db, upf_deviation_investigate(db, d, "2026-03-03"));
	OK(db, upf_deviation_assess(db, d, "injury", "2026-03-04"));
	FAILS(db, upf_deviation_notify(db, d, "2026-03-05", "committee"), UPF_REFUSED,
	      "assessed as serious");
	/* A remarkable case in an in-house unit: the committee is informed of
	 * it too, once, and not before it was reported. */
	FAILS(db, upf_deviation_inform_committee(db, d, "2026-03-02"), UPF_REFUSED,
	      "before the deviation was reported");
	OK(db, upf_deviation_inform_committee(db, d, "2026-03-05"));
	char buf[16];
	assert_string_equal(field(db, d, "committee_informed", buf, sizeof buf), "2026-03-05");
	FAILS(db, upf_deviation_inform_committee(db, d, "2026-03-06"), UPF_REFUSED,
	      "the committee is informed already");
}

static void test_refused_registrations(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	long long id;
	build_small_org(db);
	FAILS(db, upf_deviation_add(&id, db, "A1", "sarah", "2026-03-01", NULL, NULL, "x", NULL),
	      UPF_NOTFOUND, "type: unknown deviation type 'sarah'");
	FAILS(db, upf_deviation_add(&id, db, "A1", "care", "2026-03-01", NULL, "sömn", "x", NULL),
	      UPF_INVALID, "category 'sömn'");
	FAILS(db, upf_deviation_add(&id, db, "A1", "care", "2026-03-01", NULL, "somn", "x", NULL),
	      UPF_NOTFOUND, "category: unknown category 'somn'");
	FAILS(db, upf_deviation_add(&id, db, "L2A", "care", "2026-03-01", NULL, NULL, "x", NULL),
	      UPF_REFUSED, "unit 'L2A': a level-2 unit");
	FAILS(db, upf_deviation_add(&id, db, "A1", "care", "2024-03-01", NULL, NULL, "x", NULL),
	      UPF_REFUSED, "unit 'A1': not active on 2024-03-01");
	FAILS(db, upf_deviation_add(&id, db, "A1", "care", "2026-03-05", "2026-03-01", NULL,
				    "x", NULL),
	      UPF_INVALID, "reported '2026-03-01': before it occurred, 2026-03-05");
	FAILS(db, upf_deviation_add(&id, db, "A1", "care", "2026-02-30", NULL, NULL, "x", NULL),
	      UPF_INVALID, "occurred '2026-02-30'");
	FAILS(db, upf_deviation_add(&id, db, "A1", "care", "2026-03-01", NULL, NULL, " ", NULL),
	      UPF_INVALID, "summary: must not be empty");
	FAILS(db, upf_deviation_add(&id, db, "A1", "care", "2026-03-01", NULL, NULL,
				    "Brukare 8112189876 föll", NULL),
	      UPF_PERSONAL, "summary: looks like a personal identity number");
	assert_null(strstr(upf_errmsg(db), "9876"));
	FAILS(db, upf_deviation_investigate(db, 42, "2026-03-01"), UPF_NOTFOUND,
	      "id: no deviation 42");
	assert_int_equal(id, 0);
	assert_int_equal(rows_of(upf_deviation_list(&t, db, NULL), &t), 0);
}

/* Immediate measures: taken from the day the deviation occurred, even
 * before it was reported; done when recorded; an action for closing. */
static void test_immediate_measures(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	long long id, first, action;
	build_small_org(db);
	OK(db, upf_deviation_add(&id, db, "A1", "care", "2026-03-02", "2026-03-05",
				 "fall", "Föll i badrummet", NULL));
	FAILS(db, upf_action_add_immediate(&action, db, id, "Larm", "Chef", "2026-03-01"),
	      UPF_REFUSED, "on '2026-03-01': before the deviation occurred, 2026-03-02");
	FAILS(db, upf_action_add_immediate(&action, db, id, "Larm", "Chef", "2026-02-30"),
	      UPF_INVALID, "on '2026-02-30'");
	FAILS(db, upf_action_add_immediate(&action, db, id, "", "Chef", "2026-03-02"),
	      UPF_INVALID, "text");
	FAILS(db, upf_action_add_immediate(&action, db, 99, "Larm", "Chef", "2026-03-02"),
	      UPF_NOTFOUND, "no deviation 99");
	OK(db, upf_action_add_immediate(&first, db, id, "Larm på", "Chef", "2026-03-03"));
	OK(db, upf_action_add(&action, db, id, "Halkskydd", "Chef", "2026-04-30", NULL));
	OK(db, upf_deviation_action_list(&t, db, id));
	assert_int_equal(upf_table_rows(t), 2);
	assert_null(cell(t, "1", "due"));
	assert_string_equal(cell(t, "1", "done"), "2026-03-03");
	assert_string_equal(cell(t, "1", "immediate"), "1");
	assert_null(cell(t, "2", "done"));
	assert_string_equal(cell(t, "2", "immediate"), "0");
	upf_table_free(t);
	/* The audit trail says it was immediate, and when it was done. */
	OK(db, upf_audit_list(&t, db, NULL, NULL));
	int found = 0;
	for (int r = 0; r < upf_table_rows(t); r++)
		for (int c = 0; c < upf_table_columns(t); c++) {
			const char *v = upf_table_value(t, r, c);
			found += v && strstr(v, "\"done\":\"2026-03-03\",\"immediate\":1") != NULL;
		}
	assert_int_equal(found, 1);
	upf_table_free(t);
	OK(db, upf_deviation_investigate(db, id, "2026-03-05"));
	OK(db, upf_deviation_assess(db, id, "deviation", "2026-03-06"));
	OK(db, upf_deviation_close(db, id, "2026-03-07", NULL));
	FAILS(db, upf_action_add_immediate(&action, db, id, "Larm", "Chef", "2026-03-08"),
	      UPF_REFUSED, "closed");
	OK(db, upf_report_table(&t, db, "deviations", "{\"period\":\"2026-03\","
				"\"level\":\"total\"}"));
	assert_string_equal(cell(t, "total", "actions"), "2");
	assert_string_equal(cell(t, "total", "actions_done"), "1");
	assert_string_equal(cell(t, "total", "immediate_actions"), "1");
	upf_table_free(t);
}

static void test_overdue_rule(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	long long id = add(db, "B1", "lex_sarah", "2026-01-10", NULL);
	OK(db, upf_deviation_investigate(db, id, "2026-01-11"));
	OK(db, upf_deviation_assess(db, id, "serious", "2026-01-20"));
	OK(db, upf_deviation_notify(db, id, "2026-01-31", "provider"));
	/* Notified 31 January: due 31 March (two months on), overdue after. */
	assert_int_equal(rows_of(upf_deviation_list(&t, db,
		"{\"overdue\": true, \"at\": \"2026-03-31\"}"), &t), 0);
	assert_int_equal(rows_of(upf_deviation_list(&t, db,
		"{\"overdue\": true, \"at\": \"2026-04-01\"}"), &t), 1);
	OK(db, upf_deviation_list(&t, db, "{\"at\": \"2026-04-01\"}"));
	assert_string_equal(cell(t, "1", "overdue"), "1");
	upf_table_free(t);
	OK(db, upf_deviation_send(db, id, "2026-04-02"));
	assert_int_equal(rows_of(upf_deviation_list(&t, db,
		"{\"overdue\": true, \"at\": \"2026-04-03\"}"), &t), 0);
	/* Sent late still counts as a late investigation, in the month due. */
	OK(db, upf_report_table(&t, db, "values", "{\"period\":\"2026-03\","
				"\"level\":\"total\",\"measures\":[\"AVV-IVO-SEN\"]}"));
	assert_string_equal(upf_table_value(t, 0, 4), "1.0");
	upf_table_free(t);
}

/* Overdue is judged on the handle's today where no day is given, and a
 * report judges it on the period's last day: a case sent late after the
 * period was not yet overdue in it. */
static void test_overdue_on_the_handles_today(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	char *json = NULL;
	build_small_org(db);
	FAILS(db, upf_db_set_today(db, "2026-02-30"), UPF_INVALID,
	      "today '2026-02-30': not a valid date");
	OK(db, upf_db_set_today(db, "2026-03-15"));
	long long id = 0;
	OK(db, upf_deviation_add(&id, db, "B1", "lex_sarah", "2026-01-10", NULL,
				 NULL, "Händelse vid besök", NULL));
	OK(db, upf_deviation_show(&t, db, id));
	assert_string_equal(cell(t, "1", "reported"), "2026-03-15");
	upf_table_free(t);
	OK(db, upf_deviation_investigate(db, id, "2026-03-15"));
	OK(db, upf_deviation_assess(db, id, "serious", "2026-03-15"));
	OK(db, upf_deviation_notify(db, id, "2026-03-15", "provider"));
	/* Due 15 May: not overdue on 15 May, overdue on the 16th. */
	OK(db, upf_db_set_today(db, "2026-05-15"));
	assert_int_equal(rows_of(upf_deviation_list(&t, db, "{\"overdue\": true}"),
				 &t), 0);
	OK(db, upf_db_set_today(db, "2026-05-16"));
	assert_int_equal(rows_of(upf_deviation_list(&t, db, "{\"overdue\": true}"),
				 &t), 1);
	OK(db, upf_deviation_show(&t, db, id));
	assert_string_equal(cell(t, "1", "overdue"), "1");
	upf_table_free(t);
	OK(db, upf_report_table(&t, db, "values", "{\"period\":\"2026-05\","
				"\"level\":\"total\",\"measures\":[\"AVV-IVO-SEN\"]}"));
	assert_string_equal(upf_table_value(t, 0, 4), "1.0");
	upf_table_free(t);
	/* Sent 2 June, late. A report judges on its period's last day: on 31
	 * March the case was not yet overdue, on 31 May it was. */
	OK(db, upf_deviation_send(db, id, "2026-06-02"));
	OK(db, upf_db_set_today(db, NULL));
	OK(db, upf_report_json(&json, db, "deviations",
			       "{\"period\":\"2026-03\",\"level\":\"total\"}"));
	assert_non_null(strstr(json, "\"ivo_overdue\":0"));
	upf_free(json);
	OK(db, upf_report_json(&json, db, "deviations",
			       "{\"period\":\"2026-03..2026-05\",\"level\":\"total\"}"));
	assert_non_null(strstr(json, "\"ivo_overdue\":1"));
	upf_free(json);
}

static void test_list_filters_and_search(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	add(db, "A1", "care", "2026-03-03", "lakemedel");
	add(db, "A2", "complaint", "2026-04-03", NULL);
	long long b = add(db, "B1", "care", "2026-05-03", "fall");
	OK(db, upf_deviation_investigate(db, b, "2026-05-04"));
	assert_int_equal(rows_of(upf_deviation_list(&t, db, "{\"unit\":\"L2A\"}"), &t), 2);
	assert_int_equal(rows_of(upf_deviation_list(&t, db, "{\"unit\":\"A1\"}"), &t), 1);
	assert_int_equal(rows_of(upf_deviation_list(&t, db, "{\"assignment\":\"PV\"}"), &t), 1);
	assert_int_equal(rows_of(upf_deviation_list(&t, db, "{\"type\":\"care\"}"), &t), 2);
	assert_int_equal(rows_of(upf_deviation_list(&t, db,
		"{\"status\":\"investigating\"}"), &t), 1);
	assert_int_equal(rows_of(upf_deviation_list(&t, db, "{\"period\":\"2026-T1\"}"), &t), 2);
	FAILS(db, upf_deviation_list(&t, db, "{\"status\":\"open\"}"), UPF_INVALID,
	      "status 'open'");
	FAILS(db, upf_deviation_list(&t, db, "{\"unit\":\"X9\"}"), UPF_NOTFOUND, "X9");
	FAILS(db, upf_deviation_list(&t, db, "{\"colour\":1}"), UPF_INVALID,
	      "unknown key 'colour'");
	long long id;
	OK(db, upf_deviation_add(&id, db, "A1", "care", "2026-06-01", NULL, NULL,
				 "Läkemedel gavs \"dubbelt\" AND fel tid (kväll)", NULL));
	OK(db, upf_deviation_search(&t, db, "läkemedel kväll"));
	assert_int_equal(upf_table_rows(t), 1);
	assert_non_null(strstr(upf_table_value(t, 0, 5), "[Läkemedel]"));
	upf_table_free(t);
	/* What users type is searched for, never parsed as query syntax. */
	OK(db, upf_deviation_search(&t, db, "\"dubbelt\" AND ("));
	upf_table_free(t);
	assert_int_equal(rows_of(upf_deviation_search(&t, db, "nattpersonal"), &t), 0);
}

/* Computed measures, against figures counted by hand:
 *   March: A1 care (fall, investigated, closed in 5 days), A1 complaint,
 *          A2 lex Sarah (serious);
 *   April: B1 care (lakemedel).
 * L2A in March: 3 deviations, 2 of them investigated (67 %), 1 closed
 * within 30 days (33 %), 1 fall, 1 serious lex Sarah. */
static void test_computed_measures(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	long long a = add(db, "A1", "care", "2026-03-02", "fall");
	OK(db, upf_deviation_investigate(db, a, "2026-03-03"));
	OK(db, upf_deviation_assess(db, a, "not_deviation", "2026-03-04"));
	OK(db, upf_deviation_close(db, a, "2026-03-07", NULL));
	add(db, "A1", "complaint", "2026-03-10", NULL);
	long long s = add(db, "A2", "lex_sarah", "2026-03-12", NULL);
	OK(db, upf_deviation_investigate(db, s, "2026-03-13"));
	OK(db, upf_deviation_assess(db, s, "serious", "2026-03-20"));
	add(db, "B1", "care", "2026-04-02", "lakemedel");
	OK(db, upf_report_table(&t, db, "values", "{\"period\":\"2026-03\",\"measures\":"
				"[\"AVV-ANTAL\",\"AVV-UTREDDA\",\"AVV-STANGDA-30\",\"AVV-FALL\","
				"\"AVV-SARAH-ALLV\"]}"));
	/* Rows: measure, node, ...; L2A first, then L2B, per measure. */
	const char *want[][3] = {
		{"AVV-ANTAL", "L2A", "3.0"},       {"AVV-ANTAL", "L2B", "0.0"},
		{"AVV-FALL", "L2A", "1.0"},        {"AVV-FALL", "L2B", "0.0"},
		{"AVV-SARAH-ALLV", "L2A", "1.0"},  {"AVV-SARAH-ALLV", "L2B", "0.0"},
		{"AVV-STANGDA-30", "L2A", "33.33"}, {"AVV-STANGDA-30", "L2B", NULL},
		{"AVV-UTREDDA", "L2A", "66.67"},   {"AVV-UTREDDA", "L2B", NULL},
	};
	assert_int_equal(upf_table_rows(t), 10);
	for (int r = 0; r < 10; r++) {
		assert_string_equal(upf_table_value(t, r, 0), want[r][0]);
		assert_string_equal(upf_table_value(t, r, 1), want[r][1]);
		if (want[r][2])
			assert_string_equal(upf_table_value(t, r, 4), want[r][2]);
		else
			assert_null(upf_table_value(t, r, 4));
	}
	/* Every unit counts as reporting: the registry is the source. */
	assert_string_equal(upf_table_value(t, 1, 7), "2");
	upf_table_free(t);
	/* Through a derived indicator: deviations per 1,000 hours. */
	set(db, "FLOW", "A1", "2026-03", 1000);
	set(db, "FLOW", "A2", "2026-03", 500);
	OK(db, upf_indicator_add(db, "PER1000", "Per 1000 timmar", "AVV-ANTAL", "FLOW", 1000));
	OK(db, upf_report_table(&t, db, "values", "{\"period\":\"2026-03\","
				"\"measures\":[\"PER1000\"]}"));
	assert_string_equal(upf_table_value(t, 0, 4), "2.0"); /* 1000 * 3 / 1500 */
	upf_table_free(t);
	/* Their values are not recorded by hand. */
	FAILS(db, upf_value_set(db, "AVV-ANTAL", "A1", "2026-03", 1, NULL, NULL, 0),
	      UPF_REFUSED, "measure 'AVV-ANTAL': computed from deviations");
}

/* The median days from reported to closed, by hand: L2A's deviations
 * closed after 2, 10 and 40 days, L2B's after 3 and 5 (and one open).
 * L2A 10, L2B 4; in total the median of 2, 3, 5, 10, 40 is 5, where the
 * mean of the two medians would be 7. */
static void test_median_days_to_close(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build_small_org(db);
	const struct { const char *unit, *reported, *closed; } cases[] = {
		{"A1", "2026-01-01", "2026-01-03"}, {"A2", "2026-01-01", "2026-01-11"},
		{"A1", "2026-01-01", "2026-02-10"}, {"B1", "2026-01-05", "2026-01-08"},
		{"B2", "2026-01-05", "2026-01-10"}, {"B1", "2026-01-06", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		long long id = add(db, cases[i].unit, "care", cases[i].reported, NULL);
		if (!cases[i].closed)
			continue;
		OK(db, upf_deviation_investigate(db, id, cases[i].reported));
		OK(db, upf_deviation_assess(db, id, "deviation", cases[i].reported));
		OK(db, upf_deviation_close(db, id, cases[i].closed, "Rutin ses över"));
	}
	OK(db, upf_report_table(&t, db, "values", "{\"period\":\"2026-01\",\"level\":2,"
				"\"measures\":[\"AVV-DAGAR-MEDIAN\"]}"));
	assert_int_equal(upf_table_rows(t), 2);
	assert_string_equal(cell_by(t, 1, "L2A", "value"), "10.0");
	assert_string_equal(cell_by(t, 1, "L2A", "denominator"), "3");
	assert_string_equal(cell_by(t, 1, "L2B", "value"), "4.0");
	assert_string_equal(cell_by(t, 1, "L2B", "denominator"), "2");
	upf_table_free(t);
	OK(db, upf_report_table(&t, db, "values", "{\"period\":\"2026-T1\","
				"\"level\":\"total\",\"measures\":[\"AVV-DAGAR-MEDIAN\"]}"));
	assert_string_equal(cell_by(t, 1, "total", "value"), "5.0");
	assert_string_equal(cell_by(t, 1, "total", "denominator"), "5");
	upf_table_free(t);
	/* Nothing closed among those reported in February: no median. */
	OK(db, upf_report_table(&t, db, "values", "{\"period\":\"2026-02\","
				"\"level\":\"total\",\"measures\":[\"AVV-DAGAR-MEDIAN\"]}"));
	assert_null(cell_by(t, 1, "total", "value"));
	upf_table_free(t);
}

static void test_deviations_report(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	char *json = NULL;
	long long action;
	build_small_org(db);
	/* Reported 1 January, closed after 2, 10 and 40 days: median 10. */
	const char *closed[] = {"2026-01-03", "2026-01-11", "2026-02-10"};
	for (int i = 0; i < 3; i++) {
		long long id = add(db, "A1", "care", "2026-01-01", i ? "fall" : NULL);
		OK(db, upf_deviation_investigate(db, id, "2026-01-01"));
		OK(db, upf_deviation_assess(db, id, "deviation", "2026-01-02"));
		OK(db, upf_action_add(&action, db, id, "Åtgärd", "Chef", NULL, NULL));
		if (i == 0)
			OK(db, upf_action_done(db, action, "2026-01-02"));
		OK(db, upf_deviation_close(db, id, closed[i], NULL));
	}
	add(db, "A2", "lex_maria", "2026-01-05", NULL);
	OK(db, upf_report_table(&t, db, "deviations", "{\"period\":\"2026\",\"level\":2}"));
	assert_int_equal(upf_table_rows(t), 1);
	assert_string_equal(cell(t, "L2A", "registered"), "4");
	assert_string_equal(cell(t, "L2A", "investigated"), "3");
	assert_string_equal(cell(t, "L2A", "investigated_share"), "75.0");
	assert_string_equal(cell(t, "L2A", "closed"), "3");
	assert_string_equal(cell(t, "L2A", "closed_within_30"), "2");
	assert_string_equal(cell(t, "L2A", "median_days_to_close"), "10.0");
	assert_string_equal(cell(t, "L2A", "lex_maria"), "1");
	assert_string_equal(cell(t, "L2A", "actions"), "3");
	assert_string_equal(cell(t, "L2A", "actions_done"), "1");
	upf_table_free(t);
	OK(db, upf_report_table(&t, db, "deviations", "{\"period\":\"2026\","
				"\"level\":\"total\",\"by\":\"category\"}"));
	assert_int_equal(upf_table_rows(t), 2); /* fall, and none ('-') */
	upf_table_free(t);
	OK(db, upf_report_json(&json, db, "deviations", "{\"period\":\"2026-01\",\"level\":1}"));
	assert_non_null(strstr(json, "\"report\":\"deviations\""));
	assert_non_null(strstr(json, "\"node\":\"LL\",\"node_name\":\"Egen regi\""));
	upf_free(json);
	FAILS(db, upf_report_table(&t, db, "deviations", "{\"period\":\"2026\",\"by\":\"unit\"}"),
	      UPF_INVALID, "by 'unit'");
	FAILS(db, upf_report_table(&t, db, "deviations", "{\"year\":2026}"),
	      UPF_INVALID, "params: unknown key 'year'");
}

static void test_import_and_catalogues(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	long rows = 0;
	build_small_org(db);
	const char *path = fixture_file(f, "d.csv");
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("unit;type;occurred;reported;category;summary\n"
	      "A1;care;2026-03-01;2026-03-02;fall;\"Föll; skadade handen\"\n"
	      "B1;complaint;2026-03-05;;;Klagomål på bemötande\n", fp);
	fclose(fp);
	OK(db, upf_deviation_import(&rows, db, path, 0));
	assert_int_equal(rows, 2);
	fp = fopen(path, "w");
	fputs("unit,type,occurred,summary\n"
	      "A1,care,2026-03-01,Bra rad\n"
	      "A1,sarah,2026-03-01,Fel typ\n"
	      "L2A,care,2026-03-01,Fel nivå\n"
	      "A1,care,2026-03-01,Gäller 811218-9876\n", fp);
	fclose(fp);
	FAILS(db, upf_deviation_import(&rows, db, path, 0), UPF_INVALID,
	      "3 bad lines; nothing was written");
	assert_non_null(strstr(upf_errmsg(db), "\nline 3: type: unknown deviation type"));
	assert_non_null(strstr(upf_errmsg(db), "\nline 4: unit 'L2A': a level-2 unit"));
	assert_non_null(strstr(upf_errmsg(db), "\nline 5: summary: looks like a personal"));
	assert_null(strstr(upf_errmsg(db), "9876"));
	assert_int_equal(rows_of(upf_deviation_list(&t, db, NULL), &t), 2);
	OK(db, upf_deviation_type_list(&t, db));
	assert_string_equal(cell(t, "lex_sarah", "authority"), "IVO");
	assert_string_equal(cell(t, "lex_maria", "assessments"), "injury no_injury serious");
	upf_table_free(t);
	OK(db, upf_deviation_type_add(db, "hsl", "HSL-avvikelse", "general", "HSL", NULL));
	FAILS(db, upf_deviation_type_add(db, "x", "X", "lex_anna", NULL, NULL), UPF_INVALID,
	      "scale 'lex_anna'");
	OK(db, upf_deviation_category_add(db, "nutrition", "Nutrition"));
	FAILS(db, upf_deviation_category_add(db, "fall", "Fall"), UPF_EXISTS,
	      "category 'fall' already exists");
	assert_int_equal(rows_of(upf_deviation_category_list(&t, db), &t), 9);
}

/* A deviation registered twice is withdrawn: kept and shown, counted
 * nowhere, and it takes no further step. */
static void test_withdraw(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	char buf[64];
	long long action;
	build_small_org(db);
	long long a = add(db, "A1", "care", "2026-03-02", "fall");
	long long b = add(db, "A1", "care", "2026-03-02", "fall");
	add(db, "A2", "lex_sarah", "2026-03-05", NULL);
	OK(db, upf_deviation_withdraw(db, b, "2026-03-03", "Registrerad två gånger"));
	assert_string_equal(field(db, b, "status", buf, sizeof buf), "withdrawn");
	assert_string_equal(field(db, b, "withdrawn_on", buf, sizeof buf), "2026-03-03");
	assert_string_equal(field(db, b, "withdraw_reason", buf, sizeof buf),
			    "Registrerad två gånger");
	assert_string_equal(field(db, a, "status", buf, sizeof buf), "registered");
	/* In no count: 2 deviations at L2A, not 3. */
	OK(db, upf_report_table(&t, db, "deviations", "{\"period\":\"2026-03\",\"level\":2}"));
	assert_string_equal(cell(t, "L2A", "registered"), "2");
	upf_table_free(t);
	OK(db, upf_report_table(&t, db, "values", "{\"period\":\"2026-03\",\"level\":2,"
				"\"measures\":[\"AVV-ANTAL\",\"AVV-FALL\"]}"));
	assert_string_equal(cell(t, "AVV-ANTAL", "value"), "2.0");
	assert_string_equal(cell(t, "AVV-FALL", "value"), "1.0");
	upf_table_free(t);
	/* Listed with its status, and found by it. */
	OK(db, upf_deviation_list(&t, db, "{\"status\":\"withdrawn\"}"));
	assert_int_equal(upf_table_rows(t), 1);
	assert_string_equal(upf_table_value(t, 0, 4), "withdrawn");
	upf_table_free(t);
	FAILS(db, upf_deviation_investigate(db, b, "2026-03-04"), UPF_REFUSED,
	      "deviation 2: withdrawn; it takes no further step");
	assert_int_equal(upf_errcode_detail(db), UPF_DETAIL_WITHDRAWN);
	FAILS(db, upf_action_add(&action, db, b, "Åtgärd", "Chef", NULL, NULL), UPF_REFUSED,
	      "withdrawn");
	FAILS(db, upf_deviation_withdraw(db, b, "2026-03-04", "Igen"), UPF_REFUSED,
	      "withdrawn");
	FAILS(db, upf_deviation_withdraw(db, a, "2026-03-01", "Fel enhet"), UPF_REFUSED,
	      "on '2026-03-01': before the deviation was reported, 2026-03-02");
	FAILS(db, upf_deviation_withdraw(db, a, NULL, "Gäller 121212-1212"), UPF_PERSONAL,
	      "reason");
	FAILS(db, upf_deviation_withdraw(db, 99, NULL, "Fel"), UPF_NOTFOUND,
	      "id: no deviation 99");
}

/* An import that would register a deviation again is refused, naming the
 * one it repeats, unless duplicates are allowed. */
static void test_import_duplicates(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	long rows = 0;
	build_small_org(db);
	long long first = 0;
	OK(db, upf_deviation_add(&first, db, "A1", "care", "2026-03-01", "2026-03-02",
				 NULL, "Föll i badrummet", NULL));
	const char *path = fixture_file(f, "d.csv");
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("unit,type,occurred,summary\n"
	      "A1,care,2026-03-01,Föll i badrummet\n"
	      "A2,care,2026-03-01,Fel läkemedel\n"
	      "A2,care,2026-03-01,Fel läkemedel\n"
	      "A2,care,2026-03-02,Fel läkemedel\n", fp);
	fclose(fp);
	FAILS(db, upf_deviation_import(&rows, db, path, 0), UPF_INVALID,
	      "2 bad lines; nothing was written");
	assert_non_null(strstr(upf_errmsg(db), "\nline 2: the same unit, type, day and "
			       "summary as deviation 1, registered already"));
	assert_non_null(strstr(upf_errmsg(db), "\nline 4: the same unit, type, day and "
			       "summary as line 3"));
	assert_int_equal(rows_of(upf_deviation_list(&t, db, NULL), &t), 1);
	OK(db, upf_deviation_import(&rows, db, path, UPF_WRITE_ALLOW_DUPLICATES));
	assert_int_equal(rows, 4);
	/* A withdrawn deviation is no longer repeated. */
	OK(db, upf_deviation_withdraw(db, first, NULL, "Dubblett"));
	fp = fopen(path, "w");
	fputs("unit,type,occurred,summary\nA1,care,2026-03-01,Föll i badrummet\n", fp);
	fclose(fp);
	FAILS(db, upf_deviation_import(&rows, db, path, 0), UPF_INVALID,
	      "as deviation 2, registered already");
	FAILS(db, upf_deviation_import(&rows, db, path, UPF_WRITE_CONFIRM), UPF_INVALID,
	      "flags '1'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_lex_sarah_from_start_to_close),
		TEST(test_closing_rules),
		TEST(test_immediate_measures),
		TEST(test_refused_registrations),
		TEST(test_overdue_rule),
		TEST(test_overdue_on_the_handles_today),
		TEST(test_list_filters_and_search),
		TEST(test_computed_measures),
		TEST(test_median_days_to_close),
		TEST(test_deviations_report),
		TEST(test_import_and_catalogues),
		TEST(test_withdraw),
		TEST(test_import_duplicates),
	};
	return RUN(tests);
}
