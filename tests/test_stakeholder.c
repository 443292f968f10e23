/* Stakeholders and the duty to inform: an activity names its
 * stakeholders, its results are fed back once it is done, and the report
 * "information" shows who has been informed and who has not. */
#include "org_fixture.h"

static void build(upf_db *db)
{
	build_small_org(db);
	OK(db, upf_plan_add(db, 2026, "AN", NULL));
	OK(db, upf_activity_add(db, "GP", "Genomförandeplaner", 2026, "AN", "individual",
				"{\"areas\":[\"personcentrerat\"],\"methods\":[\"granskning_gp\"],"
				"\"scope\":[\"all\"],\"start\":\"2026-02-01\",\"due\":\"2026-05-31\"}"));
	OK(db, upf_activity_add(db, "MAT", "Måltider", 2026, "AN", "thematic",
				"{\"areas\":[\"delaktighet\"],\"methods\":[\"fokusgrupper\"],"
				"\"scope\":[\"all\"],\"start\":\"2026-03-01\",\"due\":\"2026-10-31\"}"));
	OK(db, upf_activity_add(db, "AVT", "Avtal", 2026, "AN", "assignment",
				"{\"areas\":[\"ledning\"],\"methods\":[\"granskning\"],"
				"\"scope\":[\"assignment:PV\"],\"start\":\"2026-03-01\","
				"\"due\":\"2026-06-30\"}"));
	OK(db, upf_stakeholder_add(db, "PV", "Privat Vård AB", "provider"));
	OK(db, upf_stakeholder_add(db, "PRO", "Pensionärsorganisationerna", "users"));
	OK(db, upf_stakeholder_add(db, "AN", "Äldrenämnden", "committee"));
}

static void test_stakeholders_and_activities(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build(db);
	FAILS(db, upf_stakeholder_add(db, "PV", "Igen", "provider"), UPF_EXISTS,
	      "stakeholder 'PV' already exists");
	FAILS(db, upf_stakeholder_add(db, "X", "X", "press"), UPF_INVALID, "kind 'press'");
	OK(db, upf_activity_edit(db, "GP", "{\"stakeholders\":[\"PV\",\"PRO\",\"PV\"],"
				 "\"title\":\"Granskning av genomförandeplaner\"}"));
	OK(db, upf_activity_show(&t, db, "GP"));
	assert_string_equal(cell(t, "GP", "stakeholders"), "PRO PV");
	assert_string_equal(cell(t, "GP", "title"), "Granskning av genomförandeplaner");
	upf_table_free(t);
	/* A new list replaces the old; an unknown code changes nothing. */
	FAILS(db, upf_activity_edit(db, "GP", "{\"stakeholders\":[\"AN\",\"NOPE\"]}"),
	      UPF_NOTFOUND, "unknown stakeholder 'NOPE'");
	FAILS(db, upf_activity_edit(db, "GP", "{\"stakeholders\":\"PV\"}"), UPF_INVALID,
	      "must be an array of codes");
	FAILS(db, upf_activity_edit(db, "GP", "{\"colour\":\"red\"}"), UPF_INVALID,
	      "unknown key 'colour'");
	OK(db, upf_activity_edit(db, "GP", "{\"stakeholders\":[\"AN\",\"PRO\"]}"));
	OK(db, upf_stakeholder_list(&t, db));
	assert_string_equal(cell_by(t, 0, "PV", "activities"), "0");
	assert_string_equal(cell_by(t, 0, "AN", "activities"), "1");
	upf_table_free(t);
}

static void test_informing_and_the_report(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	build(db);
	OK(db, upf_activity_edit(db, "GP", "{\"stakeholders\":[\"AN\",\"PRO\",\"PV\"]}"));
	OK(db, upf_activity_edit(db, "AVT", "{\"stakeholders\":[\"PV\"]}"));
	FAILS(db, upf_activity_inform(db, "GP", "PV", "2026-06-10", "meeting", NULL),
	      UPF_REFUSED, "results are fed back once it is done");
	OK(db, upf_activity_start(db, "GP", "2026-02-01"));
	OK(db, upf_activity_done(db, "GP", "2026-06-01"));
	OK(db, upf_activity_start(db, "MAT", "2026-03-01"));
	OK(db, upf_activity_done(db, "MAT", "2026-10-01"));
	FAILS(db, upf_activity_inform(db, "GP", "PV", "2026-05-31", "meeting", NULL),
	      UPF_REFUSED, "before the activity was done, 2026-06-01");
	FAILS(db, upf_activity_inform(db, "MAT", "PV", "2026-10-10", "meeting", NULL),
	      UPF_REFUSED, "not a stakeholder of activity 'MAT'");
	FAILS(db, upf_activity_inform(db, "GP", "PV", "2026-06-10", "email", NULL),
	      UPF_INVALID, "how 'email'");
	OK(db, upf_activity_inform(db, "GP", "PV", "2026-06-10", "meeting", "Dialogmöte"));
	OK(db, upf_activity_inform(db, "GP", "AN", "2026-06-20", "report", NULL));
	OK(db, upf_activity_inform(db, "GP", "PV", "2026-09-01", "letter", NULL));

	/* GP: AN and PV informed (PV first at the meeting), PRO not; MAT done
	 * with none named; AVT not done. */
	OK(db, upf_report_table(&t, db, "information", "{\"year\":2026}"));
	assert_int_equal(upf_table_rows(t), 4);
	assert_string_equal(upf_table_value(t, 0, 0), "GP");
	assert_string_equal(cell_by(t, 2, "AN", "informed_on"), "2026-06-20");
	assert_string_equal(cell_by(t, 2, "PV", "informed_on"), "2026-06-10");
	assert_string_equal(cell_by(t, 2, "PV", "how"), "meeting");
	assert_null(cell_by(t, 2, "PRO", "informed_on"));
	assert_string_equal(upf_table_value(t, 3, 0), "MAT");
	assert_null(upf_table_value(t, 3, 2));
	upf_table_free(t);
	assert_int_equal(rows_of(upf_report_table(&t, db, "information", "{\"year\":2025}"),
				 &t), 0);
	FAILS(db, upf_report_table(&t, db, "information", "{\"year\":2026,\"committee\":"
				   "\"XX\"}"),
	      UPF_NOTFOUND, "unknown committee 'XX'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_stakeholders_and_activities),
		TEST(test_informing_and_the_report),
	};
	return RUN(tests);
}
