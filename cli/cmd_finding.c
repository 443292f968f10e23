/* Commands for findings and the overall assessment. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* The subject of a finding or the scope of an assessment, from the one
 * option of --unit, --assignment, --area and --regime given, as KIND:CODE
 * into buf; NULL when none is. */
static const char *subject_of(const char *const values[4], char *buf, size_t size, int *given)
{
	static const char *const kinds[4] = {"unit", "assignment", "area", "regime"};
	const char *subject = NULL;
	*given = 0;
	for (int i = 0; i < 4; i++)
		if (values[i]) {
			snprintf(buf, size, "%s:%s", kinds[i], values[i]);
			subject = buf;
			++*given;
		}
	return subject;
}

int cmd_finding_add(struct cli *c, int argc, char **argv)
{
	const char *activity = NULL, *area = NULL, *grade = NULL, *text = NULL, *on = NULL;
	const char *subject[4] = {NULL}, *evidence[32];
	int nevidence = 0, given;
	const struct opt opts[] = {
		OPT("activity", &activity), OPT("unit", &subject[0]),
		OPT("assignment", &subject[1]), OPT("area", &subject[2]),
		OPT("regime", &subject[3]), OPT("quality-area", &area), OPT("grade", &grade),
		OPT("text", &text), OPT("on", &on), MULTI("evidence", evidence, &nevidence),
		OPT_END};
	struct json j = {0};
	char buf[160];
	long long id = 0;
	c->usage = "Usage: uppfolj finding add --activity A (--unit U | --assignment A | "
		   "--area S | --regime R)\n       --quality-area QA --grade "
		   "strength|improvement|deficiency --text TEXT\n       [--on DATE] "
		   "[--evidence MEASURE:PERIOD]...\n"
		   "Records what an activity found (en iakttagelse) and prints its "
		   "number. Each\n--evidence takes the measure's figure for the subject "
		   "(its unit, its\nassignment, or the total of its service area or "
		   "regime) as it is now, and\nkeeps it: a later correction of a value "
		   "does not change it.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, activity, "activity")) ||
	    (rc = cli_require(c, area, "quality-area")) || (rc = cli_require(c, grade, "grade")) ||
	    (rc = cli_require(c, text, "text")))
		return rc;
	const char *s = subject_of(subject, buf, sizeof buf, &given);
	if (given != 1)
		return cli_usage_error(c, "give one of --unit, --assignment, --area or --regime");
	const char *list = nevidence ? json_items(&j, evidence, nevidence) : NULL;
	if (nevidence && !list)
		rc = EXIT_REFUSED;
	else if (!(rc = cli_open(c)))
		rc = cli_done_id(c, upf_finding_add(&id, c->db, activity, s, area, grade, text, on,
						    list), &id);
	json_free(&j);
	return rc;
}

int cmd_finding_list(struct cli *c, int argc, char **argv)
{
	const char *activity = NULL, *year = NULL, *area = NULL, *grade = NULL;
	const struct opt opts[] = {OPT("activity", &activity), OPT("year", &year),
				   OPT("quality-area", &area), OPT("grade", &grade), OPT_END};
	struct json j = {0};
	c->usage = "Usage: uppfolj finding list [--activity A] [--year Y] [--quality-area QA] "
		   "[--grade G]\nLists findings, with the number of figures each rests on.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc;
	json_str(&j, "activity", activity);
	json_str(&j, "year", year);
	json_str(&j, "quality_area", area);
	json_str(&j, "grade", grade);
	return cli_list(c, upf_finding_list, &j);
}

int cmd_finding_evidence(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	long long id;
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj finding evidence ID\n"
		   "Lists the figures a finding rests on, as they were when it was made.\n";
	int rc = cli_parse(c, argc, argv, NULL, pos, 1, 1);
	if (rc || (rc = cli_id(c, "id", pos[0], &id)) || (rc = cli_open(c)))
		return rc;
	int status = upf_finding_evidence(&t, c->db, id);
	return cli_print(c, status, t);
}

int cmd_assessment_set(struct cli *c, int argc, char **argv)
{
	const char *committee = NULL, *year = NULL, *area = NULL, *scope = NULL,
		   *grade = NULL, *rationale = NULL, *on = NULL;
	const struct opt opts[] = {
		OPT("committee", &committee), OPT("year", &year), OPT("quality-area", &area),
		OPT("scope", &scope), OPT("grade", &grade), OPT("rationale", &rationale),
		OPT("on", &on), OPT_END};
	int y;
	c->usage = "Usage: uppfolj assessment set --committee C --year Y --quality-area QA\n"
		   "       [--scope all|regime:R|assignment:A|area:S] --grade "
		   "good|acceptable|improvement_needed|insufficient\n"
		   "       --rationale TEXT [--on DATE]\n"
		   "Records the administration's overall assessment (sammanvägd "
		   "bedömning) of a\nquality area for the year, made from findings, "
		   "measures and deviations. A new\nassessment of the same committee, "
		   "year, quality area and scope supersedes\nthe one before, which "
		   "'assessment history' still shows.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, committee, "committee")) ||
	    (rc = cli_require(c, year, "year")) || (rc = cli_year(c, "year", year, &y)) ||
	    (rc = cli_require(c, area, "quality-area")) || (rc = cli_require(c, grade, "grade")) ||
	    (rc = cli_require(c, rationale, "rationale")) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_assessment_set(c->db, committee, y, area, scope, grade,
					      rationale, on));
}

int cmd_assessment_history(struct cli *c, int argc, char **argv)
{
	const char *committee = NULL, *year = NULL, *area = NULL;
	const struct opt opts[] = {OPT("committee", &committee), OPT("year", &year),
				   OPT("quality-area", &area), OPT_END};
	upf_table *t = NULL;
	int y;
	c->usage = "Usage: uppfolj assessment history --committee C --year Y "
		   "[--quality-area QA]\n"
		   "Lists every assessment of the year, the superseded ones too, "
		   "oldest first.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, committee, "committee")) ||
	    (rc = cli_require(c, year, "year")) || (rc = cli_year(c, "year", year, &y)) ||
	    (rc = cli_open(c)))
		return rc;
	int status = upf_assessment_history(&t, c->db, committee, y, area);
	return cli_print(c, status, t);
}

int cmd_report_assessment(struct cli *c, int argc, char **argv)
{
	const char *year = NULL, *committee = NULL, *by = NULL;
	const struct opt opts[] = {OPT("year", &year), OPT("committee", &committee),
				   OPT("by", &by), OPT_END};
	struct json j = {0};
	c->usage = "Usage: uppfolj report assessment --year Y [--committee C] "
		   "[--by regime|assignment|area]\n"
		   "The overall assessment as a grid of quality areas and scopes: "
		   "each cell's\ngrade, the year's findings by grade, the measures "
		   "with a target that met it,\nthe serious lex Sarah and lex Maria "
		   "cases, and last year's grade.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, year, "year")))
		return rc;
	json_str(&j, "year", year);
	json_str(&j, "committee", committee);
	json_str(&j, "by", by);
	rc = cli_report(c, "assessment", json_end(&j));
	json_free(&j);
	return rc;
}
