/* Commands for the catalogue around the measures: quality areas, goals,
 * methods of follow-up, and rules between measures. */
#include <stdio.h>

#include "cli.h"

int cmd_quality_area_list(struct cli *c, int argc, char **argv)
{
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj quality-area list\n"
		   "Lists the quality areas (kvalitetsområden) with their "
		   "numbers of\nprocess goals and measures.\n";
	int rc = cli_parse(c, argc, argv, NULL, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_quality_area_list(&t, c->db);
	return cli_print(c, status, t);
}

int cmd_quality_area_add(struct cli *c, int argc, char **argv)
{
	const char *pos[2], *description = NULL;
	const struct opt opts[] = {OPT("description", &description), OPT_END};
	c->usage = "Usage: uppfolj quality-area add CODE NAME [--description TEXT]\n"
		   "Adds a quality area beside the guideline's six.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 2, 2);
	if (rc || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_quality_area_add(c->db, pos[0], pos[1], description));
}

int cmd_goal_add(struct cli *c, int argc, char **argv)
{
	const char *pos[2], *area = NULL, *committee = NULL, *year = NULL;
	const struct opt opts[] = {OPT("area", &area), OPT("committee", &committee),
				   OPT("year", &year), OPT_END};
	int y = 0;
	c->usage = "Usage: uppfolj goal add CODE TEXT --area QUALITY-AREA [--committee C "
		   "--year Y]\n"
		   "Adds a goal under a quality area: of the catalogue, or of a "
		   "committee's\nverksamhetsplan for a year. Measures name the goals "
		   "they follow\n('uppfolj measure edit CODE --goal G'); 'report goals'"
		   " follows them up.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 2, 2);
	if (rc || (rc = cli_require(c, area, "area")))
		return rc;
	if (!!committee != !!year)
		return cli_usage_error(c, "give --committee and --year together");
	if ((year && (rc = cli_year(c, "year", year, &y))) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_goal_add(c->db, pos[0], pos[1], area, committee, y));
}

int cmd_goal_list(struct cli *c, int argc, char **argv)
{
	const char *area = NULL;
	const struct opt opts[] = {OPT("area", &area), OPT_END};
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj goal list [--area QUALITY-AREA]\n"
		   "Lists the goals (the guideline's process goals and any added),"
		   " with the\nmeasures that follow each.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_goal_list(&t, c->db, area);
	return cli_print(c, status, t);
}

int cmd_method_add(struct cli *c, int argc, char **argv)
{
	const char *pos[2];
	c->usage = "Usage: uppfolj method add CODE NAME\n"
		   "Adds a method of follow-up (a survey, a review of care plans, "
		   "...).\n";
	int rc = cli_parse(c, argc, argv, NULL, pos, 2, 2);
	if (rc || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_method_add(c->db, pos[0], pos[1]));
}

int cmd_method_list(struct cli *c, int argc, char **argv)
{
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj method list\n"
		   "Lists the methods of follow-up and the measures they give.\n";
	int rc = cli_parse(c, argc, argv, NULL, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_method_list(&t, c->db);
	return cli_print(c, status, t);
}

int cmd_rule_add(struct cli *c, int argc, char **argv)
{
	const char *pos[2], *severity = NULL;
	const struct opt opts[] = {OPT("severity", &severity), OPT_END};
	c->usage = "Usage: uppfolj rule add CODE \"MEASURE OP MEASURE\" --severity "
		   "warning|error\n"
		   "Adds a validation rule between two measures of the same level "
		   "and\nfrequency, compared per unit and period (OP: <, <=, =, >=,"
		   " >). An error\nrule refuses a value that breaks it; every rule "
		   "is checked by 'report\nquality'. Example: uppfolj rule add INOM "
		   "\"STR-TIMMAR <= STR-TIMMAR-BEV\"\n--severity warning\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 2, 2);
	if (rc || (rc = cli_require(c, severity, "severity")) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_rule_add(c->db, pos[0], pos[1], severity));
}

int cmd_rule_list(struct cli *c, int argc, char **argv)
{
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj rule list\n"
		   "Lists the rules, with how many unit-periods break each now.\n";
	int rc = cli_parse(c, argc, argv, NULL, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_rule_list(&t, c->db);
	return cli_print(c, status, t);
}
