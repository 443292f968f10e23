/* Commands for reporting to the committee, period locks and settings. */
#define _DEFAULT_SOURCE /* mkstemps */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

#define NARRATIVE_MAX (256 * 1024)

int cmd_committee_report_build(struct cli *c, int argc, char **argv)
{
	const char *committee = NULL, *kind = NULL, *period = NULL, *title = NULL;
	int internal = 0;
	long long id = 0;
	const struct opt opts[] = {OPT("committee", &committee), OPT("kind", &kind),
				   OPT("period", &period), OPT("title", &title),
				   FLAG("internal", &internal), OPT_END};
	struct json j = {0};
	c->usage = "Usage: uppfolj committee-report build --committee C --kind "
		   "interim|annual|quality|adhoc\n       --period P [--title TEXT] [--internal]\n"
		   "Builds a draft report to the committee from the registry and prints its "
		   "number:\nmeasures at levels 1 and 2 against targets and the year before, "
		   "the national\nreference, a monthly trend, deviations, the basic follow-up, "
		   "the plan, goals,\nfindings, the overall assessment, actions and stakeholders "
		   "informed. A public\nreport (the default) hides figures that rest on too few "
		   "people; --internal\nshows them and is not a public document.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, committee, "committee")) ||
	    (rc = cli_require(c, kind, "kind")) || (rc = cli_require(c, period, "period")))
		return rc;
	json_str(&j, "title", title);
	if (internal)
		json_num(&j, "internal", 1);
	const char *options = json_end(&j);
	if (!options)
		rc = EXIT_REFUSED;
	else if (!(rc = cli_open(c)))
		rc = cli_done_id(c, upf_committee_report_build(&id, c->db, committee, kind,
							       period, options), &id);
	json_free(&j);
	return rc;
}

/* A file's whole text, NUL-terminated (free), or NULL with errno. */
static char *read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(NARRATIVE_MAX + 1);
	size_t n = buf ? fread(buf, 1, NARRATIVE_MAX + 1, f) : 0;
	int bad = !buf || ferror(f) || n > NARRATIVE_MAX;
	fclose(f);
	if (bad) {
		free(buf);
		errno = buf ? EFBIG : ENOMEM;
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

int cmd_committee_report_text(struct cli *c, int argc, char **argv)
{
	const char *pos[1], *section = NULL, *file = NULL, *text = NULL;
	long long id;
	const struct opt opts[] = {OPT("section", &section), OPT("file", &file),
				   OPT("text", &text), OPT_END};
	c->usage = "Usage: uppfolj committee-report text ID --section S (--file F | --text TEXT)\n"
		   "Sets the administration's narrative for a section of a draft: \"summary\",\n"
		   "or a section's id as `committee-report show ID --format json` names it.\n"
		   "An empty text removes it.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc || (rc = cli_require(c, section, "section")))
		return rc;
	if (!file == !text)
		return cli_usage_error(c, "give one of --file and --text");
	if ((rc = cli_id(c, "id", pos[0], &id)))
		return rc;
	char *owned = file ? read_text(file) : NULL;
	if (file && !owned) {
		fprintf(stderr, "%s: file '%s': %s\n", c->name, file, strerror(errno));
		return EXIT_REFUSED;
	}
	if (!(rc = cli_open(c)))
		rc = cli_done(c, upf_committee_report_text(c->db, id, section,
							   owned ? owned : text));
	free(owned);
	return rc;
}

/* Headless Chromium prints the HTML to PDF; the library stays free of
 * processes. The HTML waits in $TMPDIR (else /tmp), where a municipality
 * may keep what it would not leave in /tmp, readable by its owner only. */
static int print_pdf(struct cli *c, const char *html, const char *out)
{
	const char *browser = getenv("UPPFOLJ_CHROMIUM");
	if (!browser)
		browser = "chromium";
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	char tmp[4096];
	int n = snprintf(tmp, sizeof tmp, "%s/uppfolj-report-XXXXXX.html", dir);
	int fd = -1;
	errno = ENAMETOOLONG;
	if (n > 0 && (size_t)n < sizeof tmp)
		fd = mkstemps(tmp, 5);
	if (fd < 0 || write(fd, html, strlen(html)) != (ssize_t)strlen(html)) {
		fprintf(stderr, "%s: temporary file in '%s': %s\n", c->name, dir,
			strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		return EXIT_REFUSED;
	}
	close(fd);
	char url[4200], target[4200];
	snprintf(url, sizeof url, "file://%s", tmp);
	snprintf(target, sizeof target, "--print-to-pdf=%s", out);
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		dup2(null, 2);
		execlp(browser, browser, "--headless", "--no-sandbox", "--disable-gpu",
		       "--no-pdf-header-footer", target, url, (char *)NULL);
		_exit(127);
	}
	int st = 0;
	if (pid > 0)
		waitpid(pid, &st, 0);
	unlink(tmp);
	if (pid < 0 || !WIFEXITED(st) || WEXITSTATUS(st) == 127) {
		fprintf(stderr, "%s: format 'pdf': needs headless Chromium ('%s' not found); on "
			"Debian: apt-get install chromium, or set UPPFOLJ_CHROMIUM\n", c->name,
			browser);
		return EXIT_REFUSED;
	}
	/* Private like every file the CLI writes; the owner shares it. */
	if (WEXITSTATUS(st) || chmod(out, 0600)) {
		fprintf(stderr, "%s: format 'pdf': %s failed (exit %d)\n", c->name, browser,
			WEXITSTATUS(st));
		return EXIT_REFUSED;
	}
	return EXIT_OK;
}

int cmd_committee_report_show(struct cli *c, int argc, char **argv)
{
	const char *pos[1], *output = c->output;
	long long id;
	char *text = NULL;
	c->usage = "Usage: uppfolj committee-report show ID [--format json|md|html|pdf]\n"
		   "       [--output FILE]\n"
		   "Prints a committee report (JSON by default) or writes it to FILE. HTML is one\n"
		   "self-contained file with charts; PDF is printed from it by headless "
		   "Chromium\n(Debian's chromium; UPPFOLJ_CHROMIUM names another) and needs "
		   "--output.\n";
	int rc = cli_parse(c, argc, argv, NULL, pos, 1, 1);
	if (rc || (rc = cli_id(c, "id", pos[0], &id)))
		return rc;
	/* The global --format: a table is the JSON. */
	const char *format = strcmp(c->format, "table") ? c->format : "json";
	int pdf = !strcmp(format, "pdf");
	if (pdf && !output)
		return cli_usage_error(c, "--format pdf needs --output FILE");
	if ((rc = cli_open(c)))
		return rc;
	if (!strcmp(format, "csv") || !strcmp(format, "xlsx"))
		return cli_usage_error(c, "format '%s': a report is json, md, html or pdf",
				       format);
	int status = upf_committee_report_show(&text, c->db, id, pdf ? "html" : format);
	if (status)
		return cli_fail(c);
	rc = pdf ? print_pdf(c, text, output) : cli_write_text(c, output, text);
	if (!rc && !output && !strcmp(format, "json"))
		putchar('\n');
	upf_free(text);
	return rc;
}

int cmd_committee_report_present(struct cli *c, int argc, char **argv)
{
	const char *pos[1], *meeting = NULL, *reference = NULL;
	long long id;
	const struct opt opts[] = {OPT("meeting", &meeting), OPT("reference", &reference),
				   OPT_END};
	c->usage = "Usage: uppfolj committee-report present ID --meeting DATE --reference TEXT\n"
		   "Presents a draft at the committee's meeting under its reference "
		   "(diarienummer):\nits figures, narrative and HTML are kept with their "
		   "SHA-256 and never change,\nand the period is locked for the committee's "
		   "units.\n";
	int rc = cli_parse(c, argc, argv, opts, pos, 1, 1);
	if (rc || (rc = cli_require(c, meeting, "meeting")) ||
	    (rc = cli_require(c, reference, "reference")) || (rc = cli_id(c, "id", pos[0], &id)) ||
	    (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_committee_report_present(c->db, id, meeting, reference));
}

int cmd_committee_report_verify(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	long long id;
	c->usage = "Usage: uppfolj committee-report verify ID\n"
		   "Recomputes a presented report's SHA-256 and compares it with the one kept.\n"
		   "Exit 0 when intact; 1, naming both hashes, when not.\n";
	int rc = cli_parse(c, argc, argv, NULL, pos, 1, 1);
	if (rc || (rc = cli_id(c, "id", pos[0], &id)) || (rc = cli_open(c)))
		return rc;
	if (upf_committee_report_verify(c->db, id))
		return cli_fail(c);
	printf("committee report %lld: intact\n", id);
	return EXIT_OK;
}

int cmd_committee_report_diff(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	long long id;
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj committee-report diff ID\n"
		   "Lists every figure of a presented report that the registry now gives\n"
		   "differently (section, measure, node, column, presented, now), and every "
		   "unlock\nof its period since.\n";
	int rc = cli_parse(c, argc, argv, NULL, pos, 1, 1);
	if (rc || (rc = cli_id(c, "id", pos[0], &id)) || (rc = cli_open(c)))
		return rc;
	int status = upf_committee_report_diff(&t, c->db, id);
	return cli_print(c, status, t);
}

int cmd_committee_report_list(struct cli *c, int argc, char **argv)
{
	const char *committee = NULL;
	upf_table *t = NULL;
	const struct opt opts[] = {OPT("committee", &committee), OPT_END};
	c->usage = "Usage: uppfolj committee-report list [--committee C]\n"
		   "Lists the committee reports, drafts and presented.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_committee_report_list(&t, c->db, committee);
	return cli_print(c, status, t);
}

int cmd_committee_report_received(struct cli *c, int argc, char **argv)
{
	const char *committee = NULL, *year = NULL;
	const struct opt opts[] = {OPT("committee", &committee), OPT("year", &year), OPT_END};
	struct json j = {0};
	c->usage = "Usage: uppfolj committee-report received [--committee C] [--year Y]\n"
		   "What the committee has received: the reports presented, with kind, period,\n"
		   "meeting, reference and hash (the documented återrapportering).\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc)
		return rc;
	json_str(&j, "committee", committee);
	json_str(&j, "year", year);
	rc = cli_report(c, "received", json_end(&j));
	json_free(&j);
	return rc;
}

int cmd_period_lock(struct cli *c, int argc, char **argv)
{
	const char *committee = NULL, *period = NULL;
	const struct opt opts[] = {OPT("committee", &committee), OPT("period", &period),
				   OPT_END};
	c->usage = "Usage: uppfolj period lock --committee C --period P\n"
		   "Locks a period the committee has approved: values of its units in it are\n"
		   "no longer recorded, imported or deleted. Presenting a report does this too.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, committee, "committee")) ||
	    (rc = cli_require(c, period, "period")) || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_period_lock(c->db, committee, period));
}

int cmd_period_unlock(struct cli *c, int argc, char **argv)
{
	const char *committee = NULL, *period = NULL, *reason = NULL;
	const struct opt opts[] = {OPT("committee", &committee), OPT("period", &period),
				   OPT("reason", &reason), OPT_END};
	c->usage = "Usage: uppfolj period unlock --committee C --period P --reason TEXT\n"
		   "Lifts the committee's locks that hold any of the period. The unlock and its\n"
		   "reason stay in the list of locks, in `committee-report diff` and in the\n"
		   "committee's next report.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_require(c, committee, "committee")) ||
	    (rc = cli_require(c, period, "period")) || (rc = cli_require(c, reason, "reason")) ||
	    (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_period_unlock(c->db, committee, period, reason));
}

int cmd_period_list_locks(struct cli *c, int argc, char **argv)
{
	const char *committee = NULL;
	upf_table *t = NULL;
	const struct opt opts[] = {OPT("committee", &committee), OPT_END};
	c->usage = "Usage: uppfolj period list-locks [--committee C]\n"
		   "Lists the period locks, held and lifted.\n";
	int rc = cli_parse(c, argc, argv, opts, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_period_lock_list(&t, c->db, committee);
	return cli_print(c, status, t);
}

int cmd_setting_set(struct cli *c, int argc, char **argv)
{
	const char *pos[2];
	c->usage = "Usage: uppfolj setting set NAME VALUE\n"
		   "Sets a setting of the registry: disclosure_threshold (1..100, the fewest\n"
		   "people a figure in a public committee report may rest on; default 5).\n";
	int rc = cli_parse(c, argc, argv, NULL, pos, 2, 2);
	if (rc || (rc = cli_open(c)))
		return rc;
	return cli_done(c, upf_setting_set(c->db, pos[0], pos[1]));
}

int cmd_setting_list(struct cli *c, int argc, char **argv)
{
	upf_table *t = NULL;
	c->usage = "Usage: uppfolj setting list\nLists the registry's settings.\n";
	int rc = cli_parse(c, argc, argv, NULL, NULL, 0, 0);
	if (rc || (rc = cli_open(c)))
		return rc;
	int status = upf_setting_list(&t, c->db);
	return cli_print(c, status, t);
}
