/* Commands for the catalogue: quality areas, measures, targets and
 * derived indicators. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

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

int cmd_measure_add(struct cli *c, int argc, char **argv)
{
	const char *pos[2], *kind = NULL, *type = NULL;
	const char *v[9] = {NULL};
	static const char *const keys[9] = {
		"time", "level", "frequency", "direction", "quality_area",
		"unit_label", "method", "kpi", "description"};
	const struct opt opts[] = {
		OPT("kind", &kind),
		OPT("type", &type),
		OPT("time", &v[0]),
		OPT("level", &v[1]),
		OPT("frequency", &v[2]),
		OPT("direction", &v[3]),
		OPT("quality-area", &v[4]),
		OPT("unit-label", &v[5]),
		OPT("method", &v[6]),
		OPT("kpi", &v[7]),
		OPT("description", &v[8]),
		OPT_END};
	struct json j = {0};
	c->usage =
		"Usage: uppfolj measure add CODE NAME --kind K --type T [--time R] "
		"[--level 2|3]\n"
		"       [--frequency F] [--direction D] [--quality-area QA] "
		"[--unit-label TEXT]\n"
		"       [--method TEXT] [--kpi ID] [--description TEXT]\n"
		"Adds a measure to the catalogue.\n"
		"  --kind       structure, process, result or economic\n"
		"  --type       count, amount, share (a count out of a base), mean,"
		" yesno\n"
		"  --time       for counts and amounts: flow (default; sums over "
		"time),\n"
		"               stock (averages) or last (the latest); shares and "
		"means\n"
		"               always pool, yes/no takes the latest answer\n"
		"  --level      the level of unit it is recorded for (default 3)\n"
		"  --frequency  month (default), quarter, tertial, half or year\n"
		"  --direction  up, down or none (default): which way is better\n"
		"  --kpi        the national KPI code (Kolada id)\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 2, 2);
	if (rc)
		return rc;
	if (!kind || !type)
		return cli_usage_error(c, "options '--kind' and '--type' are required");
	for (int i = 0; i < 9; i++)
		json_str(&j, keys[i], v[i]);
	const char *options = json_end(&j);
	if (!options) {
		fprintf(stderr, "%s: out of memory\n", c->name);
		return EXIT_REFUSED;
	}
	if (!(rc = cli_open(c)))
		rc = cli_done(c, upf_measure_add(c->db, pos[0], pos[1], kind, type,
						 options));
	json_free(&j);
	return rc;
}

int cmd_measure_list(struct cli *c, int argc, char **argv)
{
	const char *kind = NULL, *area = NULL;
	const struct opt opts[] = {OPT("kind", &kind),
				   OPT("quality-area", &area),
				   OPT_END};
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj measure list [--kind K] [--quality-area QA]\n"
		   "Lists the measure catalogue.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_measure_list(&t, c->db, kind, area);
	return cli_print(c, status, t);
}

int cmd_measure_show(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj measure show CODE\n"
		   "Shows a measure in full: its goal, rules, method and KPI code.\n";
	int rc = cli_parse(c, argc, argv, NULL, pos, 1, 1);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_measure_show(&t, c->db, pos[0]);
	return cli_print_record(c, status, t);
}

int cmd_target_set(struct cli *c, int argc, char **argv)
{
	const char *pos[2], *year = NULL, *assignment = NULL, *unit = NULL;
	const struct opt opts[] = {OPT("year", &year),
				   OPT("assignment", &assignment),
				   OPT("unit", &unit),
				   OPT_END};
	double value;
	int y;
	c->usage = "Usage: uppfolj target set MEASURE VALUE --year Y "
		   "[--assignment A | --unit U]\n"
		   "Sets a measure's target for a year: for every unit, an "
		   "assignment, or a\nunit; the most specific applies. A share's "
		   "target is in percent.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 2, 2);
	if (rc || (rc = cli_require(c, year, "year")) ||
	    (rc = cli_number(c, "value", pos[1], &value)) ||
	    (rc = cli_year(c, "year", year, &y)) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_target_set(c->db, pos[0], value, y, assignment, unit));
}

int cmd_target_list(struct cli *c, int argc, char **argv)
{
	const char *measure = NULL;
	const struct opt opts[] = {OPT("measure", &measure),
				   OPT_END};
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj target list [--measure M]\nLists the targets.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_target_list(&t, c->db, measure);
	return cli_print(c, status, t);
}

int cmd_indicator_add(struct cli *c, int argc, char **argv)
{
	const char *pos[2], *num = NULL, *den = NULL, *factor = NULL;
	const struct opt opts[] = {OPT("numerator", &num),
				   OPT("denominator", &den),
				   OPT("factor", &factor),
				   OPT_END};
	double f = 1;
	c->usage = "Usage: uppfolj indicator add CODE NAME --numerator MEASURE "
		   "--denominator MEASURE [--factor F]\n"
		   "Adds a derived indicator: F x numerator / denominator, each "
		   "measure\naggregated by its own rules (cost per place; "
		   "deviations per 1,000\nhours with --factor 1000).\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 2, 2);
	if (rc)
		return rc;
	if (!num || !den)
		return cli_usage_error(c, "options '--numerator' and '--denominator' "
					  "are required");
	if ((factor && (rc = cli_number(c, "factor", factor, &f))) ||
	    (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_indicator_add(c->db, pos[0], pos[1], num, den, f));
}

int cmd_indicator_list(struct cli *c, int argc, char **argv)
{
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj indicator list\nLists the derived indicators.\n";
	int rc = cli_parse(c, argc, argv, NULL, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_indicator_list(&t, c->db);
	return cli_print(c, status, t);
}
