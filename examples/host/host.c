/* A case system embedding uppfolj: it records values as they happen and
 * reads a report back. Build it against an installed library with
 *
 *   cc host.c $(pkg-config --cflags --libs uppfolj) -o host
 *
 * and run it as: ./host registry.db */
#include <stdio.h>

#include <uppfolj.h>

/* Prints the library's message for a failed call and passes the status
 * on, so that every call site stays one line. */
static int check(upf_db *db, int status, const char *what)
{
	if (status != UPF_OK)
		fprintf(stderr, "host: %s: %s (%s)\n", what, upf_errmsg(db),
			upf_status_name(status));
	return status;
}

static int build_organisation(upf_db *db)
{
	upf_table *t = NULL;
	int status = upf_committee_list(&t, db);
	int empty = status == UPF_OK && upf_table_rows(t) == 0;
	upf_table_free(t);
	if (!empty)
		return check(db, status, "committee list");
	if (check(db, upf_committee_add(db, "AN", "Äldrenämnden"), "committee") ||
	    check(db, upf_provider_add(db, "EGEN", "Egen regi", "in_house"), "provider") ||
	    check(db, upf_assignment_add(db, "EGEN-ALD", "Äldreomsorg", "AN", "EGEN",
					 "assignment", "2026-01-01", NULL), "assignment") ||
	    check(db, upf_unit_add_level2(db, "EGEN-HT", "Hemtjänst", "EGEN-ALD",
					  "hemtjanst", "2026-01-01"), "level 2") ||
	    check(db, upf_unit_add_level3(db, "HT-NORR", "Hemtjänst Norr", "EGEN-HT",
					  "2026-01-01"), "level 3"))
		return UPF_ERROR;
	return UPF_OK;
}

int main(int argc, char **argv)
{
	upf_db *db = NULL;
	char *json = NULL;
	double den = 9;
	int status = upf_db_open(&db, argc > 1 ? argv[1] : "registry.db");
	if (check(db, status, "open") == UPF_OK)
		status = check(db, upf_db_set_actor(db, "case-system"), "actor");
	if (status == UPF_OK)
		status = build_organisation(db);
	/* A care plan review closes: 7 of 9 plans closed according to plan. */
	if (status == UPF_OK)
		status = check(db, upf_value_set(db, "RES-GP-PLAN", "HT-NORR", "2026-05",
						 7, &den, NULL, 0), "value");
	if (status == UPF_OK)
		status = check(db, upf_report_json(&json, db, "values",
						   "{\"period\": \"2026-05\", \"level\": 2, "
						   "\"measures\": [\"RES-GP-PLAN\"]}"), "report");
	if (status == UPF_OK)
		printf("%s\n", json);
	upf_free(json);
	upf_db_close(db);
	return status == UPF_OK ? 0 : 1;
}
