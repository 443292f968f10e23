/* The report commands: each builds the report's JSON parameters from its
 * options and prints what the library computes. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cli_report(struct cli *c, const char *report, const char *params)
{
	int rc;
	if (!params) {
		fprintf(stderr, "%s: out of memory\n", c->name);
		return EXIT_REFUSED;
	}
	if ((rc = cli_open(c)))
		return rc;
	if (!strcmp(c->format, "json")) {
		char *out = NULL;
		rc = cli_done(c, upf_report_json(&out, c->db, report, params));
		if (!rc)
			puts(out);
		upf_free(out);
		return rc;
	}
	upf_table *t = NULL;
	int status = upf_report_table(&t, c->db, report, params);
	return cli_print(c, status, t);
}

int cmd_report_values(struct cli *c, int argc, char **argv)
{
	const char *period = NULL, *level = NULL, *by = NULL, *unit = NULL,
		   *assignment = NULL, *committee = NULL, *compare = NULL,
		   *gender = NULL, *pos[1] = {NULL};
	const char *measures[64];
	int nmeasures = 0, trend = 0;
	const struct opt opts[] = {
		OPT("period", &period), OPT("level", &level), OPT("by", &by),
		OPT("unit", &unit), OPT("assignment", &assignment),
		OPT("committee", &committee), OPT("compare", &compare),
		OPT("gender", &gender), MULTI("measure", measures, &nmeasures),
		FLAG("trend", &trend), OPT_END};
	struct json j = {0};
	c->usage =
		"Usage: uppfolj report values --period P [--level 1|2|3|committee|"
		"total]\n"
		"       [--measure CODE]... [--by regime|provider|area]\n"
		"       [--unit CODE | --assignment CODE | --committee CODE]\n"
		"       [--compare previous | --compare national | "
		"--compare municipality|group|ou ID]\n       [--gender T|K|M] [--trend]\n"
		"Aggregates values per node of a level (default 2): counts and "
		"amounts sum,\nshares and means pool their numerators and "
		"denominators, yes/no gives the\nshare of reporting units that "
		"answered yes; over time a flow sums, a stock\naverages, last "
		"takes the latest. Each row has its coverage (units reported\n"
		"of units expected), its target and status, and with --compare "
		"previous the\nsame period a year earlier. --compare national, "
		"municipality 0580, group G33612\n(a municipality group) or ou "
		"ID (an organisational unit) adds Kolada's value\n(gender --gender, "
		"default T) for measures with a KPI code over a whole year,\n"
		"and reference_status: Kolada's status beside it (Missing), or "
		"why there is\nnone. --measure may name a derived indicator and "
		"may be repeated.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 0, 1);
	if (rc)
		return rc;
	int named = compare && (!strcmp(compare, "municipality") ||
				!strcmp(compare, "group") || !strcmp(compare, "ou"));
	if (pos[0] && !named)
		return cli_usage_error(c, "unexpected argument '%s'",
				       upf_text_shown(pos[0]));
	if (!period)
		return cli_usage_error(c, "option '--period' is required");
	json_str(&j, "period", period);
	json_str(&j, "level", level);
	json_array(&j, "measures", measures, nmeasures);
	json_str(&j, "by", by);
	json_str(&j, "unit", unit);
	json_str(&j, "assignment", assignment);
	json_str(&j, "committee", committee);
	json_str(&j, "compare", compare);
	if (named)
		json_str(&j, compare, pos[0]);
	json_str(&j, "gender", gender);
	if (trend)
		json_num(&j, "trend", 1);
	rc = cli_report(c, "values", json_end(&j));
	json_free(&j);
	return rc;
}

int cmd_report_deviations(struct cli *c, int argc, char **argv)
{
	const char *period = NULL, *level = NULL, *by = NULL, *unit = NULL,
		   *assignment = NULL, *committee = NULL;
	const struct opt opts[] = {OPT("period", &period), OPT("level", &level),
				   OPT("by", &by), OPT("unit", &unit),
				   OPT("assignment", &assignment),
				   OPT("committee", &committee), OPT_END};
	struct json j = {0};
	c->usage = "Usage: uppfolj report deviations --period P [--level "
		   "1|2|3|committee|total]\n       [--by type|category] [--unit CODE "
		   "| --assignment CODE | --committee CODE]\n"
		   "Summarises the deviations reported in the period per node: how "
		   "many were\nregistered, investigated, closed, closed within 30 "
		   "days, the median days to\nclose, lex Sarah (serious) and lex "
		   "Maria cases, IVO investigations overdue,\nand actions taken.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, period, "period")))
		return rc;
	json_str(&j, "period", period);
	json_str(&j, "level", level);
	json_str(&j, "by", by);
	json_str(&j, "unit", unit);
	json_str(&j, "assignment", assignment);
	json_str(&j, "committee", committee);
	rc = cli_report(c, "deviations", json_end(&j));
	json_free(&j);
	return rc;
}

int cmd_report_basic(struct cli *c, int argc, char **argv)
{
	const char *year = NULL, *level = NULL;
	const struct opt opts[] = {OPT("year", &year), OPT("level", &level), OPT_END};
	struct json j = {0};
	c->usage = "Usage: uppfolj report basic --year Y [--level 2|1|committee|total]\n"
		   "Per item of the basic follow-up: the share of units with a "
		   "routine, that\nperformed it, and of level-2 units that analysed "
		   "it; and which units lack\nwhat.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, year, "year")))
		return rc;
	json_str(&j, "year", year);
	json_str(&j, "level", level);
	rc = cli_report(c, "basic", json_end(&j));
	json_free(&j);
	return rc;
}

/* The options the two reports on the units' data share. */
struct data_report {
	const char *period, *level, *unit, *assignment, *committee, *z;
	const char *measures[64];
	int nmeasures;
};

static int run_data_report(struct cli *c, int argc, char **argv, const char *report,
			   struct data_report *r, const struct opt *opts)
{
	struct json j = {0};
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, r->period, "period")))
		return rc;
	json_str(&j, "period", r->period);
	json_str(&j, "level", r->level);
	json_array(&j, "measures", r->measures, r->nmeasures);
	json_str(&j, "unit", r->unit);
	json_str(&j, "assignment", r->assignment);
	json_str(&j, "committee", r->committee);
	json_str(&j, "z", r->z);
	rc = cli_report(c, report, json_end(&j));
	json_free(&j);
	return rc;
}

#define DATA_OPTS(r)                                                          \
	OPT("period", &r.period), OPT("level", &r.level), OPT("unit", &r.unit), \
	OPT("assignment", &r.assignment), OPT("committee", &r.committee),       \
	MULTI("measure", r.measures, &r.nmeasures)

int cmd_report_quality(struct cli *c, int argc, char **argv)
{
	struct data_report r = {0};
	const struct opt opts[] = {DATA_OPTS(r), OPT("z", &r.z), OPT_END};
	c->usage =
		"Usage: uppfolj report quality --period P [--level 2|3] [--measure "
		"CODE]...\n       [--unit CODE | --assignment CODE | --committee "
		"CODE] [--z Z]\n"
		"What is wrong with the units' data in the period, one row per "
		"finding:\n  missing       a period the unit was expected to report"
		" and did not\n  out_of_range  a value outside the measure's "
		"plausible range\n  rule          a rule between measures broken "
		"(either severity)\n  outlier       a value far from the unit's own"
		" 12 periods before, or from\n                the same period in "
		"comparable units (the same service area,\n                at least"
		" 5): a modified z-score on the median absolute\n                "
		"deviation beyond Z (default 3.5)\n";
	return run_data_report(c, argc, argv, "quality", &r, opts);
}

int cmd_report_missing(struct cli *c, int argc, char **argv)
{
	struct data_report r = {0};
	const struct opt opts[] = {DATA_OPTS(r), OPT_END};
	c->usage =
		"Usage: uppfolj report missing --period P [--level 2|3] [--measure "
		"CODE]...\n       [--unit CODE | --assignment CODE | --committee "
		"CODE]\n"
		"The reminder list: per provider, unit and measure, the periods "
		"expected and\nnot reported. With --format csv, ready for a mail "
		"merge.\n";
	return run_data_report(c, argc, argv, "missing", &r, opts);
}
