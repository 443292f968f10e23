/* Supervision reports from IVO and Arbetsmiljöverket: addressed to a unit
 * or an assignment, responded to and closed in order, with a reminder
 * when the response is due. */
#include "org_fixture.h"

static void test_supervision_workflow(void **state)
{
	struct fixture *f = *state;
	upf_db *db = f->db;
	upf_table *t = NULL;
	long long ivo = 0, amv = 0, late = 0, id = 0;
	build_small_org(db);
	OK(db, upf_supervision_add(&ivo, db, "IVO", "L2B", NULL, "3.5.1-1234/2026",
				   "Tillsyn av bemanning nattetid", "2026-03-01", "2026-04-15"));
	OK(db, upf_supervision_add(&amv, db, "AMV", NULL, "LL", NULL,
				   "Inspektion av arbetsmiljön", "2026-03-10", "2026-03-31"));
	OK(db, upf_supervision_add(&late, db, "IVO", "A1", NULL, NULL, "Klagomål",
				   "2026-02-01", "2026-03-01"));
	assert_true(ivo > 0 && amv > ivo && late > amv);

	/* On 20 March: AMV's response due in 11 days, IVO's in 26, the
	 * third overdue. */
	OK(db, upf_supervision_list(&t, db, "{\"at\":\"2026-03-20\"}"));
	assert_int_equal(upf_table_rows(t), 3);
	assert_string_equal(cell_by(t, 0, "2", "days_left"), "11");
	assert_string_equal(cell_by(t, 0, "2", "reminder"), "due");
	assert_string_equal(cell_by(t, 0, "2", "assignment"), "LL");
	assert_string_equal(cell_by(t, 0, "1", "days_left"), "26");
	assert_null(cell_by(t, 0, "1", "reminder"));
	assert_string_equal(cell_by(t, 0, "1", "unit"), "L2B");
	assert_string_equal(cell_by(t, 0, "3", "reminder"), "overdue");
	assert_string_equal(cell_by(t, 0, "3", "days_left"), "-19");
	upf_table_free(t);

	FAILS(db, upf_supervision_close(db, amv, "2026-03-25"), UPF_REFUSED,
	      "not responded to");
	FAILS(db, upf_supervision_respond(db, amv, "2026-03-09"), UPF_REFUSED,
	      "before it was received, 2026-03-10");
	OK(db, upf_supervision_respond(db, amv, "2026-03-28"));
	FAILS(db, upf_supervision_respond(db, amv, "2026-03-29"), UPF_REFUSED,
	      "responded to already, on 2026-03-28");
	FAILS(db, upf_supervision_close(db, amv, "2026-03-27"), UPF_REFUSED,
	      "before the response was given");
	OK(db, upf_supervision_close(db, amv, "2026-04-20"));
	FAILS(db, upf_supervision_close(db, amv, "2026-04-21"), UPF_REFUSED, "closed on 2026-04-20");
	FAILS(db, upf_supervision_respond(db, 99, NULL), UPF_NOTFOUND, "no supervision report 99");

	OK(db, upf_supervision_list(&t, db, "{\"open\":true,\"at\":\"2026-04-20\"}"));
	assert_int_equal(upf_table_rows(t), 2);
	upf_table_free(t);
	OK(db, upf_supervision_list(&t, db, "{\"authority\":\"AMV\"}"));
	assert_int_equal(upf_table_rows(t), 1);
	assert_string_equal(upf_table_value(t, 0, 10), "closed");
	assert_null(upf_table_value(t, 0, 11));
	upf_table_free(t);

	FAILS(db, upf_supervision_add(&id, db, "IVO", "A1", "LL", NULL, "x", NULL,
				      "2030-01-01"),
	      UPF_INVALID, "not both");
	FAILS(db, upf_supervision_add(&id, db, "IVO", NULL, NULL, NULL, "x", NULL,
				      "2030-01-01"),
	      UPF_INVALID, "not neither");
	FAILS(db, upf_supervision_add(&id, db, "SKV", "A1", NULL, NULL, "x", NULL,
				      "2030-01-01"),
	      UPF_INVALID, "authority 'SKV'");
	FAILS(db, upf_supervision_add(&id, db, "IVO", "A1", NULL, NULL, "x", "2026-05-01",
				      "2026-04-01"),
	      UPF_INVALID, "due '2026-04-01': before it was received");
	FAILS(db, upf_supervision_add(&id, db, "IVO", "ZZ", NULL, NULL, "x", NULL,
				      "2030-01-01"),
	      UPF_NOTFOUND, "unknown unit 'ZZ'");
	FAILS(db, upf_supervision_add(&id, db, "IVO", "A1", NULL, NULL,
				      "Gäller 811218-9876", NULL, "2030-01-01"),
	      UPF_PERSONAL, "summary");
	assert_int_equal(id, 0);
	assert_int_equal(rows_of(upf_supervision_list(&t, db, NULL), &t), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_supervision_workflow),
	};
	return RUN(tests);
}
