/* Commands for stakeholders and the duty to inform them. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cmd_stakeholder_add(struct cli *c, int argc, char **argv)
{
	const char *pos[2], *kind = NULL;
	const struct opt opts[] = {OPT("kind", &kind), OPT_END};
	c->usage = "Usage: uppfolj stakeholder add CODE NAME --kind "
		   "users|relatives|provider|partner|staff|union|\n"
		   "       committee|other\n"
		   "Adds a stakeholder (intressent) of the follow-up, to be named by "
		   "activities and\ninformed of their results.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 2, 2);
	if (rc || (rc = cli_require(c, kind, "kind")) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_stakeholder_add(c->db, pos[0], pos[1], kind));
}

int cmd_stakeholder_list(struct cli *c, int argc, char **argv)
{
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj stakeholder list\n"
		   "Lists the stakeholders and how many activities name each.\n";
	int rc = cli_parse(c, argc, argv, NULL, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_stakeholder_list(&t, c->db);
	return cli_print(c, status, t);
}

int cmd_activity_edit(struct cli *c, int argc, char **argv)
{
	const char *pos[1], *title = NULL, *description = NULL, *stakeholders[32];
	int nstakeholders = 0;
	const struct opt opts[] = {OPT("title", &title), OPT("description", &description),
				   MULTI("stakeholder", stakeholders, &nstakeholders), OPT_END};
	struct json j = {0};
	c->usage = "Usage: uppfolj activity edit CODE [--title TEXT] [--description TEXT]\n"
		   "       [--stakeholder S]...\n"
		   "Changes an activity's title or description, or names its "
		   "stakeholders: the\n--stakeholder options given replace those named "
		   "before.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc)
		return rc;
	json_str(&j, "title", title);
	json_str(&j, "description", description);
	json_array(&j, "stakeholders", stakeholders, nstakeholders);
	const char *options = json_end(&j);
	if (!options)
		rc = EXIT_REFUSED;
	else if (!(rc = cli_open(c)))
		rc = cli_done(c, upf_activity_edit(c->db, pos[0], options));
	json_free(&j);
	return rc;
}

int cmd_inform(struct cli *c, int argc, char **argv)
{
	const char *activity = NULL, *stakeholder = NULL, *on = NULL, *how = NULL,
		   *note = NULL;
	const struct opt opts[] = {OPT("activity", &activity), OPT("stakeholder", &stakeholder),
				   OPT("on", &on), OPT("how", &how), OPT("note", &note),
				   OPT_END};
	c->usage = "Usage: uppfolj inform --activity A --stakeholder S --how "
		   "meeting|letter|web|report\n       [--on DATE] [--note TEXT]\n"
		   "Records that a done activity's results were fed back to one of "
		   "its\nstakeholders. --on defaults to today.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, activity, "activity")) ||
	    (rc = cli_require(c, stakeholder, "stakeholder")) || (rc = cli_require(c, how, "how")) ||
	    (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_activity_inform(c->db, activity, stakeholder, on, how, note));
}

int cmd_report_information(struct cli *c, int argc, char **argv)
{
	const char *year = NULL, *committee = NULL;
	const struct opt opts[] = {OPT("year", &year), OPT("committee", &committee), OPT_END};
	struct json j = {0};
	c->usage = "Usage: uppfolj report information --year Y [--committee C]\n"
		   "Per activity of the year that is done, each of its stakeholders, "
		   "and when\nand how they were first informed of its results (empty: "
		   "not yet).\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, year, "year")))
		return rc;
	json_str(&j, "year", year);
	json_str(&j, "committee", committee);
	rc = cli_report(c, "information", json_end(&j));
	json_free(&j);
	return rc;
}
