/* Commands for the follow-up plan (kvalitetsuppföljningsplan) and its
 * activities. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* YEAR and --committee, which every plan command takes. */
static int plan_key(struct cli *c, const char *year_text, const char *committee, int *year)
{
	int rc = cli_require(c, committee, "committee");
	return rc ? rc : cli_year(c, "year", year_text, year);
}

int cmd_plan_add(struct cli *c, int argc, char **argv)
{
	const char *pos[1], *committee = NULL, *title = NULL;
	const struct opt opts[] = {OPT("committee", &committee), OPT("title", &title), OPT_END};
	int year;
	c->usage = "Usage: uppfolj plan add YEAR --committee C [--title TEXT]\n"
		   "Adds a committee's follow-up plan (kvalitetsuppföljningsplan) for a "
		   "year.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc || (rc = plan_key(c, pos[0], committee, &year)) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_plan_add(c->db, year, committee, title));
}

int cmd_plan_decide(struct cli *c, int argc, char **argv)
{
	const char *pos[1], *committee = NULL, *on = NULL, *reference = NULL;
	const struct opt opts[] = {OPT("committee", &committee), OPT("on", &on),
				   OPT("reference", &reference), OPT_END};
	int year;
	c->usage = "Usage: uppfolj plan decide YEAR --committee C --on DATE --reference TEXT\n"
		   "Records the committee's decision of the plan (--reference: its "
		   "diarienummer).\nFrom then on an activity added, cancelled or moved"
		   " is a revision with its\nday and reason.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc || (rc = plan_key(c, pos[0], committee, &year)) ||
	    (rc = cli_require(c, on, "on")) || (rc = cli_require(c, reference, "reference")) ||
	    (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_plan_decide(c->db, year, committee, on, reference));
}

int cmd_plan_show(struct cli *c, int argc, char **argv)
{
	const char *pos[1], *committee = NULL, *as = NULL;
	const struct opt opts[] = {OPT("committee", &committee), OPT("as", &as), OPT_END};
	struct json j = {0};
	upf_table *plan = NULL, *activities = NULL;
	int year;
	c->usage = "Usage: uppfolj plan show YEAR --committee C [--as decided|current]\n"
		   "Shows a plan and its activities: as it stands (the default), or "
		   "as the\ncommittee decided it.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc || (rc = plan_key(c, pos[0], committee, &year)))
		return rc;
	json_str(&j, "year", pos[0]);
	json_str(&j, "committee", committee);
	json_str(&j, "as", as);
	const char *params = json_end(&j);
	if (!params)
		rc = EXIT_REFUSED;
	else if (!(rc = cli_open(c))) {
		int status = upf_plan_show(&plan, c->db, year, committee);
		if (!status)
			status = upf_activity_list(&activities, c->db, params);
		rc = status ? cli_print(c, status, NULL)
			    : cli_print_record_with(c, plan, "activities", activities);
		if (status)
			upf_table_free(plan);
	}
	json_free(&j);
	return rc;
}

int cmd_plan_list(struct cli *c, int argc, char **argv)
{
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj plan list\nLists the plans with their activities' "
		   "status.\n";
	int rc = cli_parse(c, argc, argv, NULL, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_plan_list(&t, c->db);
	return cli_print(c, status, t);
}

int cmd_plan_revisions(struct cli *c, int argc, char **argv)
{
	const char *pos[1], *committee = NULL;
	const struct opt opts[] = {OPT("committee", &committee), OPT_END};
	upf_table *t = NULL;
	int year;
	c->usage = "Usage: uppfolj plan revisions YEAR --committee C\n"
		   "Lists the revisions of a decided plan: activities added, cancelled"
		   " or moved,\nwith their days and reasons.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc || (rc = plan_key(c, pos[0], committee, &year)) || (rc = cli_open(c)))
		return rc;
	int status = upf_plan_revision_list(&t, c->db, year, committee);
	return cli_print(c, status, t);
}

int cmd_activity_add(struct cli *c, int argc, char **argv)
{
	const char *pos[2], *plan = NULL, *committee = NULL, *kind = NULL;
	const char *areas[16], *methods[16], *scopes[32];
	int nareas = 0, nmethods = 0, nscopes = 0;
	const char *v[7] = {NULL};
	static const char *const keys[7] = {"start", "due", "responsible", "provider",
					    "description", "reason", "on"};
	const struct opt opts[] = {
		OPT("plan", &plan), OPT("committee", &committee), OPT("kind", &kind),
		MULTI("area", areas, &nareas), MULTI("method", methods, &nmethods),
		MULTI("scope", scopes, &nscopes), OPT("start", &v[0]), OPT("due", &v[1]),
		OPT("responsible", &v[2]), OPT("provider", &v[3]), OPT("description", &v[4]),
		OPT("reason", &v[5]), OPT("on", &v[6]), OPT_END};
	struct json j = {0};
	int year;
	c->usage =
		"Usage: uppfolj activity add CODE TITLE --plan YEAR --committee C --kind K\n"
		"       --area QA... --method M... --scope SCOPE... --start DATE --due DATE\n"
		"       [--responsible administration|provider [--provider P]]\n"
		"       [--description TEXT] [--reason TEXT [--on DATE]]\n"
		"Adds an activity to a plan. --kind: individual, assignment, thematic, "
		"goal or\nbasic. --area, --method and --scope are repeatable; SCOPE is "
		"all,\nregime:in_house, regime:private, provider:P, assignment:A, "
		"area:S (a service\narea) or unit:U. The in-house provider follows up "
		"its own units and the\nadministration the private ones: that is the "
		"default --responsible, and\nanother choice is shown as a mismatch. "
		"In a decided plan the activity is a\nrevision: give --reason (and "
		"--on, default today).\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 2, 2);
	if (rc || (rc = cli_require(c, plan, "plan")) ||
	    (rc = plan_key(c, plan, committee, &year)) || (rc = cli_require(c, kind, "kind")))
		return rc;
	json_array(&j, "areas", areas, nareas);
	json_array(&j, "methods", methods, nmethods);
	json_array(&j, "scope", scopes, nscopes);
	for (int i = 0; i < 7; i++)
		json_str(&j, keys[i], v[i]);
	const char *options = json_end(&j);
	if (!options)
		rc = EXIT_REFUSED;
	else if (!(rc = cli_open(c)))
		rc = cli_done(c, upf_activity_add(c->db, pos[0], pos[1], year, committee, kind,
						  options));
	json_free(&j);
	return rc;
}

/* activity start|done CODE --on DATE */
static int run_status(struct cli *c, int argc, char **argv,
		      int (*step)(upf_db *, const char *, const char *))
{
	const char *pos[1], *on = NULL;
	const struct opt opts[] = {OPT("on", &on), OPT_END};
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc || (rc = cli_require(c, on, "on")) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, step(c->db, pos[0], on));
}

int cmd_activity_start(struct cli *c, int argc, char **argv)
{
	c->usage = "Usage: uppfolj activity start CODE --on DATE\n"
		   "Records that a planned activity started.\n";
	return run_status(c, argc, argv, upf_activity_start);
}

int cmd_activity_done(struct cli *c, int argc, char **argv)
{
	c->usage = "Usage: uppfolj activity done CODE --on DATE\n"
		   "Records that a started activity is done.\n";
	return run_status(c, argc, argv, upf_activity_done);
}

int cmd_activity_cancel(struct cli *c, int argc, char **argv)
{
	const char *pos[1], *on = NULL, *reason = NULL;
	const struct opt opts[] = {OPT("on", &on), OPT("reason", &reason), OPT_END};
	c->usage = "Usage: uppfolj activity cancel CODE --reason TEXT [--on DATE]\n"
		   "Cancels a planned or started activity (in a decided plan, a "
		   "revision).\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc || (rc = cli_require(c, reason, "reason")) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_activity_cancel(c->db, pos[0], on, reason));
}

int cmd_activity_move(struct cli *c, int argc, char **argv)
{
	const char *pos[1], *start = NULL, *due = NULL, *on = NULL, *reason = NULL;
	const struct opt opts[] = {OPT("start", &start), OPT("due", &due), OPT("on", &on),
				   OPT("reason", &reason), OPT_END};
	c->usage = "Usage: uppfolj activity move CODE --start DATE --due DATE "
		   "[--reason TEXT] [--on DATE]\n"
		   "Gives an activity new days; in a decided plan a revision, which "
		   "needs its\n--reason.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc || (rc = cli_require(c, start, "start")) || (rc = cli_require(c, due, "due")) ||
	    (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_activity_move(c->db, pos[0], start, due, on, reason));
}

int cmd_activity_show(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj activity show CODE\nShows an activity in full.\n";
	int rc = cli_parse(c, argc, argv, NULL, pos, 1, 1);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_activity_show(&t, c->db, pos[0]);
	return cli_print_record(c, status, t);
}

int cmd_activity_list(struct cli *c, int argc, char **argv)
{
	const char *year = NULL, *committee = NULL, *kind = NULL, *status_ = NULL,
		   *at = NULL;
	int overdue = 0;
	const struct opt opts[] = {OPT("year", &year), OPT("committee", &committee),
				   OPT("kind", &kind), OPT("status", &status_), OPT("at", &at),
				   FLAG("overdue", &overdue), OPT_END};
	struct json j = {0};
	c->usage = "Usage: uppfolj activity list [--year Y] [--committee C] [--kind K] "
		   "[--status S]\n       [--overdue [--at DATE]]\n"
		   "Lists activities; --overdue keeps those past due and neither done "
		   "nor\ncancelled on DATE (default today).\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc;
	json_str(&j, "year", year);
	json_str(&j, "committee", committee);
	json_str(&j, "kind", kind);
	json_str(&j, "status", status_);
	json_str(&j, "at", at);
	json_str(&j, "overdue", overdue ? "1" : NULL);
	return cli_list(c, upf_activity_list, &j);
}

int cmd_report_plan(struct cli *c, int argc, char **argv)
{
	const char *year = NULL, *committee = NULL, *at = NULL;
	const struct opt opts[] = {OPT("year", &year), OPT("committee", &committee),
				   OPT("at", &at), OPT_END};
	struct json j = {0};
	c->usage = "Usage: uppfolj report plan --year Y [--committee C] [--at DATE]\n"
		   "How the year's plan stands: per kind of activity and per quality "
		   "area,\nactivities planned, started, done, cancelled and overdue "
		   "(on DATE, default\nthe year's end or today); then the quality "
		   "areas and the units that no\nactivity covers.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, year, "year")))
		return rc;
	json_str(&j, "year", year);
	json_str(&j, "committee", committee);
	json_str(&j, "at", at);
	rc = cli_report(c, "plan", json_end(&j));
	json_free(&j);
	return rc;
}

int cmd_report_goals(struct cli *c, int argc, char **argv)
{
	const char *year = NULL, *committee = NULL, *level = NULL;
	const struct opt opts[] = {OPT("year", &year), OPT("committee", &committee),
				   OPT("level", &level), OPT_END};
	struct json j = {0};
	c->usage = "Usage: uppfolj report goals --year Y [--committee C] [--level "
		   "1|2|committee|total]\n"
		   "Goal follow-up (måluppföljning): per goal its measures' values, "
		   "targets and\nstatuses (and the year before), and the goal's own "
		   "status: met (every\nmeasure with data met its target), partly, "
		   "not_met or no_data.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, year, "year")))
		return rc;
	json_str(&j, "year", year);
	json_str(&j, "committee", committee);
	json_str(&j, "level", level);
	rc = cli_report(c, "goals", json_end(&j));
	json_free(&j);
	return rc;
}
