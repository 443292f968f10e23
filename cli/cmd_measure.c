/* Commands for measures, targets and derived indicators. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The options measure add and edit share, as the API's JSON keys. */
enum { M_TIME, M_LEVEL, M_FREQUENCY, M_DIRECTION, M_QUALITY_AREA, M_UNIT_LABEL,
       M_METHOD, M_KPI, M_DESCRIPTION, M_NAME, M_TYPE, M_AREAS, M_METHODS,
       M_MIN, M_MAX, M_INDIVIDUALS, M_N };
static const char *const measure_keys[M_N] = {
	"time", "level", "frequency", "direction", "quality_area", "unit_label",
	"method", "kpi", "description", "name", "type", "areas", "methods",
	"min", "max", "individuals"};

#define MEASURE_OPTS(v, goals, ngoals)                                        \
	OPT("time", &v[M_TIME]), OPT("level", &v[M_LEVEL]),                 \
	OPT("frequency", &v[M_FREQUENCY]), OPT("direction", &v[M_DIRECTION]), \
	OPT("quality-area", &v[M_QUALITY_AREA]),                             \
	OPT("unit-label", &v[M_UNIT_LABEL]), OPT("method", &v[M_METHOD]),    \
	OPT("kpi", &v[M_KPI]), OPT("description", &v[M_DESCRIPTION]),        \
	OPT("areas", &v[M_AREAS]), OPT("methods", &v[M_METHODS]),            \
	OPT("min", &v[M_MIN]), OPT("max", &v[M_MAX]),                        \
	OPT("individuals", &v[M_INDIVIDUALS]),                               \
	MULTI("goal", goals, &ngoals)

#define MEASURE_HELP                                                          \
	"  --time         for counts and amounts: flow (sums over time), stock\n" \
	"                 (averages) or last (the latest); shares and means\n"    \
	"                 always pool, yes/no takes the latest answer\n"          \
	"  --level        the level of unit it is recorded for (2 or 3)\n"       \
	"  --frequency    month, quarter, tertial, half or year\n"               \
	"  --direction    up, down or none: which way is better\n"               \
	"  --kpi          the national KPI code (Kolada id)\n"                   \
	"  --areas A,B    the service areas where it applies (default: all);\n"  \
	"                 a unit elsewhere is neither expected nor accepted\n"   \
	"  --goal G       a goal it follows ('uppfolj goal list'); repeatable\n" \
	"  --methods M,N  the follow-up methods that give it ('uppfolj method\n" \
	"                 list'); --method is a free-text note on the method\n"  \
	"  --min, --max   the plausible range of a unit's figure (a share's\n"   \
	"                 percentage): a value outside needs --confirm\n"     \
	"  --individuals  yes or no: whether it counts people, whose figures a\n" \
	"                 public committee report hides when they are too few;\n" \
	"                 '' for the default (counts, shares and means that are\n" \
	"                 not structure or economic measures)\n"

/* The JSON options of what was given; min and max as numbers, "" as "". */
static int measure_options(struct cli *c, struct json *j, const char **v,
			   const char **goals, int ngoals)
{
	for (int i = 0; i < M_N; i++) {
		double x;
		if (i == M_AREAS || i == M_METHODS) {
			json_list(j, measure_keys[i], v[i]);
		} else if (i == M_INDIVIDUALS && v[i] && *v[i]) {
			if (strcmp(v[i], "yes") && strcmp(v[i], "no"))
				return cli_usage_error(c, "individuals '%s': must be yes, no "
						       "or ''", upf_text_shown(v[i]));
			json_num(j, measure_keys[i], !strcmp(v[i], "yes"));
		} else if ((i == M_MIN || i == M_MAX) && v[i] && *v[i]) {
			int rc = cli_number(c, measure_keys[i], v[i], &x);
			if (rc)
				return rc;
			json_num(j, measure_keys[i], x);
		} else {
			json_str(j, measure_keys[i], v[i]);
		}
	}
	json_array(j, "goals", goals, ngoals);
	return EXIT_OK;
}

int cmd_measure_add(struct cli *c, int argc, char **argv)
{
	const char *pos[2], *kind = NULL, *v[M_N] = {NULL}, *goals[16];
	int ngoals = 0;
	const struct opt opts[] = {OPT("kind", &kind), OPT("type", &v[M_TYPE]),
				   MEASURE_OPTS(v, goals, ngoals), OPT_END};
	struct json j = {0};
	c->usage =
		"Usage: uppfolj measure add CODE NAME --kind K --type T [--time R] "
		"[--level 2|3]\n"
		"       [--frequency F] [--direction D] [--quality-area QA] "
		"[--unit-label TEXT]\n"
		"       [--method TEXT] [--kpi ID] [--description TEXT] [--areas A,B]\n"
		"       [--goal G]... [--methods M,N] [--min X] [--max Y]\n"
		"Adds a measure to the catalogue.\n"
		"  --kind         structure, process, result or economic\n"
		"  --type         count, amount, share (a count out of a base), "
		"mean, yesno\n" MEASURE_HELP
		"Defaults: time flow, level 3, frequency month, direction none.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 2, 2);
	if (rc)
		return rc;
	if (!kind || !v[M_TYPE])
		return cli_usage_error(c, "options '--kind' and '--type' are required");
	const char *type = v[M_TYPE];
	v[M_TYPE] = NULL; /* an argument of its own, not an option */
	if ((rc = measure_options(c, &j, v, goals, ngoals)))
		goto out;
	const char *options = json_end(&j);
	if (!options) {
		fprintf(stderr, "%s: out of memory\n", c->name);
		rc = EXIT_REFUSED;
	} else if (!(rc = cli_open(c))) {
		rc = cli_done(c, upf_measure_add(c->db, pos[0], pos[1], kind, type,
						 options));
	}
out:
	json_free(&j);
	return rc;
}

int cmd_measure_edit(struct cli *c, int argc, char **argv)
{
	const char *pos[1], *v[M_N] = {NULL}, *goals[16];
	int ngoals = 0, no_goals = 0;
	const struct opt opts[] = {OPT("name", &v[M_NAME]), OPT("type", &v[M_TYPE]),
				   MEASURE_OPTS(v, goals, ngoals),
				   FLAG("no-goals", &no_goals), OPT_END};
	struct json j = {0};
	c->usage =
		"Usage: uppfolj measure edit CODE [--name TEXT] [--description TEXT]"
		" [--method TEXT]\n"
		"       [--unit-label TEXT] [--kpi ID] [--direction D] [--quality-area "
		"QA]\n"
		"       [--goal G]... [--no-goals] [--areas A,B] [--methods M,N] "
		"[--min X] [--max Y]\n"
		"       [--type T] [--time R] [--frequency F] [--level 2|3]\n"
		"Changes a measure; what is not given stays. An empty value clears a"
		" text,\n--min or --max ('--kpi \"\"'); --areas \"\" applies it "
		"everywhere again; --goal\nreplaces its goals, --no-goals removes "
		"them. Type, time rule, frequency\nand level change only while it "
		"has no values. Every change is in the\naudit trail with the old "
		"value and the new.\n" MEASURE_HELP;
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc || (rc = measure_options(c, &j, v, goals, ngoals)))
		goto out;
	if (no_goals)
		json_list(&j, "goals", "");
	const char *options = json_end(&j);
	if (!options) {
		fprintf(stderr, "%s: out of memory\n", c->name);
		rc = EXIT_REFUSED;
	} else if (!(rc = cli_open(c))) {
		rc = cli_done(c, upf_measure_edit(c->db, pos[0], options));
	}
out:
	json_free(&j);
	return rc;
}

int cmd_measure_retire(struct cli *c, int argc, char **argv)
{
	const char *pos[1], *from = NULL;
	const struct opt opts[] = {OPT("from", &from), OPT_END};
	c->usage = "Usage: uppfolj measure retire CODE --from PERIOD\n"
		   "Retires a measure from a period on: it is neither expected nor"
		   " reported\nfor periods from then, and values for them are "
		   "refused; earlier periods\nreport as before.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc || (rc = cli_require(c, from, "from")) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_measure_retire(c->db, pos[0], from));
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
