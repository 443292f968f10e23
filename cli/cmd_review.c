/* Commands for instruments, reviews and correction requests. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cmd_instrument_add(struct cli *c, int argc, char **argv)
{
	const char *pos[2], *method = NULL, *scale = NULL;
	const struct opt opts[] = {OPT("method", &method), OPT("scale", &scale), OPT_END};
	c->usage = "Usage: uppfolj instrument add CODE NAME --method M --scale "
		   "yes_no|yes_partly_no|met_remark_deficiency\n"
		   "Adds an instrument (granskningsmall, checklist, interview guide). "
		   "Every scale\nalso takes na, does not apply.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 2, 2);
	if (rc || (rc = cli_require(c, method, "method")) ||
	    (rc = cli_require(c, scale, "scale")) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_instrument_add(c->db, pos[0], pos[1], method, scale));
}

int cmd_instrument_criterion(struct cli *c, int argc, char **argv)
{
	const char *pos[3], *area = NULL;
	const struct opt opts[] = {OPT("area", &area), OPT_END};
	c->usage = "Usage: uppfolj instrument criterion add INSTRUMENT CODE TEXT "
		   "[--area QUALITY-AREA]\n"
		   "Adds a criterion to an instrument. It is also a measure, "
		   "REV-INSTRUMENT-CODE:\nthe share of the answers that apply that "
		   "are yes or met, in every report.\n";
	if (argc < 1 || strcmp(argv[0], "add")) {
		if (argc > 0 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h"))) {
			fputs(c->usage, stdout);
			return EXIT_HELP;
		}
		return cli_usage_error(c, "expected 'add'");
	}
	int rc = cli_parse(c, argc - 1, argv + 1, opts, pos, 3, 3);
	if (rc || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_criterion_add(c->db, pos[0], pos[1], pos[2], area));
}

int cmd_instrument_list(struct cli *c, int argc, char **argv)
{
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj instrument list\nLists the instruments.\n";
	int rc = cli_parse(c, argc, argv, NULL, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_instrument_list(&t, c->db);
	return cli_print(c, status, t);
}

int cmd_instrument_show(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj instrument show CODE\n"
		   "Lists an instrument's criteria and their measures.\n";
	int rc = cli_parse(c, argc, argv, NULL, pos, 1, 1);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_instrument_show(&t, c->db, pos[0]);
	return cli_print(c, status, t);
}

int cmd_review_add(struct cli *c, int argc, char **argv)
{
	const char *activity = NULL, *instrument = NULL, *unit = NULL, *assignment = NULL,
		   *case_key = NULL, *on = NULL;
	const struct opt opts[] = {OPT("activity", &activity), OPT("instrument", &instrument),
				   OPT("unit", &unit), OPT("assignment", &assignment),
				   OPT("case", &case_key), OPT("on", &on), OPT_END};
	long long id = 0;
	c->usage = "Usage: uppfolj review add --activity A --instrument I (--unit U [--case KEY] "
		   "| --assignment A)\n       --on DATE\n"
		   "Adds a review within an activity and prints its number: of a "
		   "level-3 unit,\nor within it of a case (KEY is your own case "
		   "reference, such as GP-0042,\nnever a personal identity number), "
		   "or of a contract's requirements.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, activity, "activity")) ||
	    (rc = cli_require(c, instrument, "instrument")) || (rc = cli_require(c, on, "on")))
		return rc;
	if (!!unit == !!assignment)
		return cli_usage_error(c, "give one of --unit or --assignment");
	if ((rc = cli_open(c)))
		return rc;
	rc = cli_done(c, upf_review_add(&id, c->db, activity, instrument, unit, assignment,
					case_key, on));
	if (!rc)
		printf("%lld\n", id);
	return rc;
}

int cmd_review_answer(struct cli *c, int argc, char **argv)
{
	const char *pos[3], *note = NULL, *due = NULL;
	const struct opt opts[] = {OPT("note", &note), OPT("due", &due), OPT_END};
	long long id;
	c->usage = "Usage: uppfolj review answer ID CRITERION ANSWER [--note TEXT] "
		   "[--due DATE]\n"
		   "Answers a criterion of a review on the instrument's scale, or na. "
		   "A\ndeficiency in a contract review opens a correction request to "
		   "the provider,\ndue on --due (default 30 days after the review).\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 3, 3);
	if (rc || (rc = cli_id(c, "id", pos[0], &id)) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_review_answer(c->db, id, pos[1], pos[2], note, due));
}

int cmd_review_import(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	long rows = 0;
	c->usage = "Usage: uppfolj review import FILE|-\n"
		   "Imports reviews from CSV with the header\n"
		   "  activity,instrument,unit,assignment,case,date,criterion,answer,note\n"
		   "one answer per line, all or nothing, in the dialects of 'import "
		   "values'.\n";
	int rc = cli_parse(c, argc, argv, NULL, pos, 1, 1);
	if (rc || (rc = cli_open(c)))
		return rc;
	if (upf_review_import(&rows, c->db, pos[0]) != UPF_OK)
		return cli_fail(c);
	printf("imported %ld answer%s\n", rows, rows == 1 ? "" : "s");
	return EXIT_OK;
}

int cmd_review_list(struct cli *c, int argc, char **argv)
{
	const char *activity = NULL, *instrument = NULL, *unit = NULL;
	const struct opt opts[] = {OPT("activity", &activity), OPT("instrument", &instrument),
				   OPT("unit", &unit), OPT_END};
	struct json j = {0};
	c->usage = "Usage: uppfolj review list [--activity A] [--instrument I] [--unit U]\n"
		   "Lists reviews with their answers counted.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc;
	json_str(&j, "activity", activity);
	json_str(&j, "instrument", instrument);
	json_str(&j, "unit", unit);
	return cli_list(c, upf_review_list, &j);
}

int cmd_correction(struct cli *c, int argc, char **argv)
{
	const char *pos[1], *provider = NULL, *on = NULL, *text = NULL;
	int open = 0;
	const struct opt list_opts[] = {OPT("provider", &provider),
					FLAG("open", &open), OPT_END};
	const struct opt reply_opts[] = {OPT("on", &on), OPT("text", &text), OPT_END};
	const struct opt verify_opts[] = {OPT("on", &on), OPT_END};
	long long id;
	c->usage = "Usage: uppfolj correction list [--open] [--provider P]\n"
		   "       uppfolj correction reply ID --on DATE --text TEXT\n"
		   "       uppfolj correction verify ID --on DATE\n"
		   "Correction requests (krav på rättelse) after a deficiency in a "
		   "contract\nreview: listed, the provider's reply recorded, the "
		   "correction verified\n(which closes it).\n";
	const char *verb = argc > 0 ? argv[0] : "";
	if (!strcmp(verb, "--help") || !strcmp(verb, "-h")) {
		fputs(c->usage, stdout);
		return EXIT_HELP;
	}
	int list = !strcmp(verb, "list"), reply = !strcmp(verb, "reply");
	if (!list && !reply && strcmp(verb, "verify"))
		return cli_usage_error(c, "expected 'list', 'reply' or 'verify'");
	int rc = cli_parse(c, argc - 1, argv + 1, list ? list_opts : reply ? reply_opts
							       : verify_opts,
			   pos, list ? 0 : 1, list ? 0 : 1);
	if (rc)
		return rc;
	if (list) {
		struct json j = {0};
		json_str(&j, "provider", provider);
		json_str(&j, "open", open ? "1" : NULL);
		return cli_list(c, upf_correction_list, &j);
	}
	if ((rc = cli_id(c, "id", pos[0], &id)) || (rc = cli_require(c, on, "on")) ||
	    (reply && (rc = cli_require(c, text, "text"))) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, reply ? upf_correction_reply(c->db, id, on, text)
				 : upf_correction_verify(c->db, id, on));
}

int cmd_report_review(struct cli *c, int argc, char **argv)
{
	const char *activity = NULL, *by = NULL;
	const struct opt opts[] = {OPT("activity", &activity), OPT("by", &by), OPT_END};
	struct json j = {0};
	c->usage = "Usage: uppfolj report review --activity A [--by criterion|unit]\n"
		   "An activity's review results per criterion (or per criterion and "
		   "subject):\nanswers, positive (yes, met), middle (partly, remark), "
		   "negative (no,\ndeficiency), not applicable, and the share positive "
		   "of those that apply.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, activity, "activity")))
		return rc;
	json_str(&j, "activity", activity);
	json_str(&j, "by", by);
	rc = cli_report(c, "review", json_end(&j));
	json_free(&j);
	return rc;
}
