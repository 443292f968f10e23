/* Deviations (avvikelser) and their workflow: registered -> investigating
 * -> assessed -> closed, with IVO's dates for serious lex Sarah and lex
 * Maria cases, the committee informed of a private provider's cases, and
 * the actions taken. Each step checks the order and the dates. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define UPF_SUMMARY_MAX 2000

static const char *const notifiers[] = {"committee", "provider", NULL};

/* What the workflow needs to know of a deviation. */
struct dev {
	long long id;
	char status[16], occurred[11], reported[11], investigating_on[11], assessed_on[11];
	char ivo_notified[11], ivo_sent[11], scale[12], outcome[12], regime[12];
	int actions;
};

static void copy_text(char *dst, size_t size, sqlite3_stmt *st, int col)
{
	const unsigned char *v = sqlite3_column_text(st, col);
	snprintf(dst, size, "%s", v ? (const char *)v : "");
}

static int load(upf_db *db, long long id, struct dev *d)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT iif(d.withdrawn_on IS NULL, d.status, 'withdrawn'), d.occurred, d.reported, d.investigating_on, d.assessed_on, "
		"d.ivo_notified, d.ivo_sent, t.scale, a.outcome, d.unit_id, "
		"(SELECT count(*) FROM action WHERE deviation_id = d.id) "
		"FROM deviation d JOIN deviation_type t ON t.id = d.type_id "
		"LEFT JOIN assessment a ON a.scale = t.scale AND a.code = d.assessment "
		"WHERE d.id = ?1 AND " UPF_SCOPE_UNIT("d.unit_id"));
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	sqlite3_int64 unit_id = 0;
	if (rc == SQLITE_ROW) {
		char *const fields[] = {d->status, d->occurred, d->reported,
					d->investigating_on, d->assessed_on,
					d->ivo_notified, d->ivo_sent, d->scale,
					d->outcome};
		const size_t sizes[] = {sizeof d->status, sizeof d->occurred,
					sizeof d->reported, sizeof d->investigating_on,
					sizeof d->assessed_on, sizeof d->ivo_notified,
					sizeof d->ivo_sent, sizeof d->scale,
					sizeof d->outcome};
		for (int i = 0; i < 9; i++)
			copy_text(fields[i], sizes[i], st, i);
		unit_id = sqlite3_column_int64(st, 9);
		d->actions = sqlite3_column_int(st, 10);
		d->id = id;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return upf__fail(db, UPF_NOTFOUND, "id: no deviation %s%s",
				 upf__shown_id(id, (char[24]){0}), upf__scope_where(db));
	if (rc != SQLITE_ROW)
		return upf__sqlfail(db, rc);
	/* Whose the unit was on the day the deviation was reported. */
	struct upf_place at;
	int status = upf__unit_at(db, &at, unit_id, d->reported, d->reported);
	memcpy(d->regime, at.regime, sizeof d->regime);
	return status;
}

static int is_ivo_case(const struct dev *d)
{
	return !strcmp(d->scale, "lex_sarah") || !strcmp(d->scale, "lex_maria");
}

static int serious_ivo_case(const struct dev *d)
{
	return is_ivo_case(d) && !strcmp(d->outcome, "serious");
}

static int has(const char *field) { return *field != '\0'; }

/* ---- The workflow, stated once ------------------------------------------
 * Each step says when the case's status allows it (order), what else the
 * case must satisfy (ready: NULL, or why not), the day it may not come
 * before, and its write. Refusals and the list of next steps are both
 * read from this table. */

static int is_registered(const struct dev *d)
{
	return !strcmp(d->status, "registered");
}

static int is_investigating(const struct dev *d)
{
	return !strcmp(d->status, "investigating");
}

static int is_assessed(const struct dev *d)
{
	return !strcmp(d->status, "assessed");
}

static int notifiable(const struct dev *d)
{
	return is_assessed(d) && !has(d->ivo_notified);
}

static int sendable(const struct dev *d)
{
	return has(d->ivo_notified) && !has(d->ivo_sent) && strcmp(d->status, "closed");
}

static const char *notify_ready(const struct dev *d)
{
	return serious_ivo_case(d) ? NULL
				   : "IVO is notified only of a lex Sarah or lex "
				     "Maria case assessed as serious";
}

static const char *close_ready(const struct dev *d)
{
	return serious_ivo_case(d) && (!has(d->ivo_notified) || !has(d->ivo_sent))
		       ? "a serious case is closed once IVO is notified and has "
			 "the investigation"
		       : NULL;
}

/* The day a step may not precede, and what happened on it. */
static const char *after_reported(const struct dev *d, const char **what)
{
	*what = "the deviation was reported";
	return d->reported;
}

static const char *after_investigation(const struct dev *d, const char **what)
{
	*what = "the investigation began";
	return d->investigating_on;
}

static const char *after_assessment(const struct dev *d, const char **what)
{
	*what = "it was assessed";
	return d->assessed_on;
}

static const char *after_notified(const struct dev *d, const char **what)
{
	*what = "IVO was notified";
	return d->ivo_notified;
}

static const char *after_last_step(const struct dev *d, const char **what)
{
	if (!has(d->ivo_sent))
		return after_assessment(d, what);
	*what = "the investigation reached IVO";
	return d->ivo_sent;
}

enum step { INVESTIGATE, ASSESS, NOTIFY, SEND, CLOSE, NSTEPS };

static const struct transition {
	const char *name;    /* as the list of next steps names it */
	const char *attempt; /* "cannot <attempt>" */
	int (*order)(const struct dev *d);
	const char *(*ready)(const struct dev *d);
	int unready; /* the UPF_DETAIL_ of a refusal by ready */
	const char *(*after)(const struct dev *d, const char **what);
	const char *sql; /* bound as (?1 id, ?2 day, ?3 the step's text) */
} steps[NSTEPS] = {
	[INVESTIGATE] = {"investigate", "investigate", is_registered, NULL, 0,
			 after_reported,
			 "UPDATE deviation SET status = 'investigating', "
			 "investigating_on = ?2 WHERE id = ?1"},
	[ASSESS] = {"assess", "assess", is_investigating, NULL, 0, after_investigation,
		    "UPDATE deviation SET status = 'assessed', assessment = ?3, "
		    "assessed_on = ?2 WHERE id = ?1"},
	[NOTIFY] = {"notify", "notify IVO", notifiable, notify_ready,
		    UPF_DETAIL_NOT_SERIOUS, after_assessment,
		    "UPDATE deviation SET ivo_notified = ?2, ivo_notified_by = ?3 "
		    "WHERE id = ?1"},
	[SEND] = {"send", "send the investigation to IVO", sendable, NULL, 0,
		  after_notified, "UPDATE deviation SET ivo_sent = ?2 WHERE id = ?1"},
	[CLOSE] = {"close", "close", is_assessed, close_ready,
		   UPF_DETAIL_IVO_PENDING, after_last_step,
		   "UPDATE deviation SET status = 'closed', closed_on = ?2, "
		   "close_reason = ?3 WHERE id = ?1"},
};

/* The steps the case may take next, for the message of a refusal. */
static void next_steps(const struct dev *d, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	for (int k = 0; k < NSTEPS; k++)
		if (steps[k].order(d) && (!steps[k].ready || !steps[k].ready(d)))
			n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s",
					      n ? ", " : "", steps[k].name);
	if (!n)
		snprintf(buf, size, "none, it is closed");
}

static int out_of_order(upf_db *db, const struct dev *d, const char *step)
{
	char next[64];
	next_steps(d, next, sizeof next);
	return upf__refuse(db, UPF_DETAIL_OUT_OF_ORDER,
			 "deviation %lld: cannot %s; its status is '%s', and "
			 "the next step is: %s", d->id, step, d->status, next);
}

/* Runs an UPDATE of one deviation bound as (?1 id, ?2 date, ?3 text). */
static int update(upf_db *db, const char *sql, long long id, const char *on,
		  const char *text)
{
	sqlite3_stmt *st = upf__stmt(db, sql);
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, on, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
	return upf__step_done(db, st);
}

/* A withdrawn deviation takes no step and no action. */
static int refuse_withdrawn(upf_db *db, const struct dev *d)
{
	if (strcmp(d->status, "withdrawn"))
		return UPF_OK;
	return upf__refuse(db, UPF_DETAIL_WITHDRAWN, "deviation %lld: withdrawn; it "
			   "takes no further step", d->id);
}

/* Starts a step: checks the date, opens the transaction, loads the case. */
static int begin_step(upf_db *db, long long id, const char *on, char day[11],
		      struct dev *d)
{
	int status = upf__check_date(db, "on", on, day);
	if (status || (status = upf__write_begin_provider(db)))
		return status;
	status = load(db, id, d);
	if (!status)
		status = refuse_withdrawn(db, d);
	return status ? upf__end(db, status) : UPF_OK;
}

/* A deviation is registered for a level-3 unit active on the day. */
static int check_unit(upf_db *db, const char *unit, const char *day,
		      sqlite3_int64 *id)
{
	struct upf_unit_ref u;
	struct upf_place at;
	int status = upf__unit_ref(db, &u, "unit", unit);
	if (!status)
		status = upf__unit_at(db, &at, u.id, day, day);
	*id = u.id;
	if (!status && !at.active)
		status = upf__refuse(db, UPF_DETAIL_NOT_ACTIVE, "unit '%s': not active on %s", unit, day);
	if (!status && u.level != 3)
		status = upf__refuse(db, UPF_DETAIL_WRONG_LEVEL, "unit '%s': a level-2 unit; deviations "
				   "are registered for level-3 units", unit);
	return status;
}

static int insert_deviation(upf_db *db, long long *id, sqlite3_int64 unit_id,
			    sqlite3_int64 type_id, sqlite3_int64 category_id,
			    const char *occurred, const char *reported,
			    const char *summary, const char *origin)
{
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO deviation (id, unit_id, type_id, category_id, occurred, "
		"reported, summary, origin) VALUES (" UPF_NEXT_ID("deviation") ", ?1, ?2, ?3, "
		"?4, ?5, ?6, "
		"coalesce(?7, 'internal'))");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, unit_id);
	sqlite3_bind_int64(st, 2, type_id);
	if (category_id > 0)
		sqlite3_bind_int64(st, 3, category_id);
	sqlite3_bind_text(st, 4, occurred, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, reported, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, summary, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, origin, -1, SQLITE_STATIC);
	int status = upf__step_done(db, st);
	if (status)
		return status;
	*id = sqlite3_last_insert_rowid(db->sql);
	/* The full-text index, kept here: see schema/0005_deviations.sql. */
	st = upf__stmt(db, "INSERT INTO deviation_fts (rowid, summary) VALUES (?1, ?2)");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, *id);
	sqlite3_bind_text(st, 2, summary, -1, SQLITE_STATIC);
	return upf__step_done(db, st);
}

int upf__deviation_insert(upf_db *db, long long *id, const char *unit,
			  const char *type, const char *occurred,
			  const char *reported, const char *category,
			  const char *summary, const char *origin)
{
	static const char *const origins[] = {"internal", "external", NULL};
	char occ[11], rep[11];
	sqlite3_int64 unit_id, type_id, category_id = 0;
	int status = upf__check_date(db, "occurred", occurred ? occurred : "", occ);
	if (!status)
		status = upf__check_date(db, "reported", reported, rep);
	if (!status && strcmp(rep, occ) < 0)
		status = upf__fail(db, UPF_INVALID, "reported '%s': before it occurred, %s",
				   rep, occ);
	if (!status)
		status = upf__check_prose(db, "summary", summary, UPF_SUMMARY_MAX);
	if (!status && origin)
		status = upf__check_choice(db, "origin", origin, origins);
	if (!status)
		status = upf__id_of(db, &type_id, UPF_E_DEVIATION_TYPE, "type", type);
	if (!status && category)
		status = upf__id_of(db, &category_id, UPF_E_CATEGORY, "category", category);
	if (!status)
		status = check_unit(db, unit, occ, &unit_id);
	if (!status)
		status = insert_deviation(db, id, unit_id, type_id, category_id, occ, rep,
					  summary, origin);
	return status;
}

int upf_deviation_add(long long *id, upf_db *db, const char *unit,
		      const char *type, const char *occurred, const char *reported,
		      const char *category, const char *summary, const char *origin)
{
	long long new_id = 0;
	if (!db)
		return UPF_MISUSE;
	int need = upf__need(db, "unit type occurred summary", unit, type, occurred, summary);
	if (need)
		return need;
	int status = upf__write_begin_provider(db);
	if (!status)
		status = upf__end(db, upf__deviation_insert(db, &new_id, unit, type, occurred,
							    reported, category, summary, origin));
	if (id)
		*id = status ? 0 : new_id;
	return status;
}

/* Takes step k of case id on `on`: the order, the case's readiness and
 * the date from the table; then check (may be NULL), which sees the step's
 * text; then the write. */
static int take(upf_db *db, long long id, const char *on, enum step k,
		const char *text,
		int (*check)(upf_db *db, const struct dev *d, const char *text))
{
	const struct transition *t = &steps[k];
	const char *why, *what;
	char day[11];
	struct dev d;
	int status = begin_step(db, id, on, day, &d);
	if (status)
		return status;
	if (!t->order(&d))
		status = out_of_order(db, &d, t->attempt);
	else if (t->ready && (why = t->ready(&d)))
		status = upf__refuse(db, t->unready, "deviation %lld: %s", id, why);
	if (!status) {
		const char *floor = t->after(&d, &what);
		status = upf__not_before(db, day, floor, what);
	}
	if (!status && check)
		status = check(db, &d, text);
	if (!status)
		status = update(db, t->sql, id, day, text);
	return upf__end(db, status);
}

int upf_deviation_investigate(upf_db *db, long long id, const char *on)
{
	if (!db)
		return UPF_MISUSE;
	return take(db, id, on, INVESTIGATE, NULL, NULL);
}

/* The assessment must be one of its type's scale; a refusal lists it. */
static int check_assessment(upf_db *db, const struct dev *d,
			    const char *assessment)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT sum(code = ?2), group_concat(code, ', ') FROM (SELECT code "
		"FROM assessment WHERE scale = ?1 ORDER BY CASE outcome WHEN 'none' THEN 0 "
		"WHEN 'deviation' THEN 1 ELSE 2 END, code)");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, d->scale, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, assessment, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st), status = UPF_OK;
	const char *scale = NULL;
	if (rc != SQLITE_ROW)
		status = upf__sqlfail(db, rc);
	else if (sqlite3_column_int(st, 0) < 1 && !(status = upf__column(db, st, 1, &scale)))
		status = upf__fail(db, UPF_INVALID, "assessment '%s': not one of the "
				   "assessments of %s: %s", assessment ? upf__shown(assessment) : "",
				   !strcmp(d->scale, "general") ? "this type" : d->scale,
				   scale ? scale : "");
	sqlite3_reset(st);
	return status;
}

int upf_deviation_assess(upf_db *db, long long id, const char *assessment,
			 const char *on)
{
	if (!db)
		return UPF_MISUSE;
	int need = upf__need(db, "assessment", assessment);
	if (need)
		return need;
	return take(db, id, on, ASSESS, assessment, check_assessment);
}

int upf_deviation_notify(upf_db *db, long long id, const char *on, const char *by)
{
	if (!db)
		return UPF_MISUSE;
	int status = upf__check_choice(db, "by", by, notifiers);
	return status ? status : take(db, id, on, NOTIFY, by, NULL);
}

int upf_deviation_send(upf_db *db, long long id, const char *on)
{
	if (!db)
		return UPF_MISUSE;
	return take(db, id, on, SEND, NULL, NULL);
}

/* Unless the assessment found no deviation, closing needs an action or a
 * reason why none was taken. */
static int check_close(upf_db *db, const struct dev *d, const char *reason)
{
	if (strcmp(d->outcome, "none") && d->actions == 0 && !reason)
		return upf__refuse(db, UPF_DETAIL_NEEDS_ACTION, "deviation %lld: closing needs an "
				 "action or a reason why none was taken", d->id);
	return UPF_OK;
}

int upf_deviation_close(upf_db *db, long long id, const char *on,
			const char *reason)
{
	if (!db)
		return UPF_MISUSE;
	int status = reason ? upf__check_prose(db, "reason", reason, UPF_SUMMARY_MAX)
			    : UPF_OK;
	return status ? status : take(db, id, on, CLOSE, reason, check_close);
}

/* Not a step of the workflow: the committee may be informed at any time,
 * of a private provider's deviations and of a remarkable one in house. */
int upf_deviation_inform_committee(upf_db *db, long long id, const char *on)
{
	char day[11];
	struct dev d;
	if (!db)
		return UPF_MISUSE;
	int status = begin_step(db, id, on, day, &d);
	if (status)
		return status;
	status = upf__not_before(db, day, d.reported, "the deviation was reported");
	if (!status)
		status = update(db, "UPDATE deviation SET committee_informed = ?2 "
				    "WHERE id = ?1 AND committee_informed IS NULL", id, day, NULL);
	if (!status && sqlite3_changes(db->sql) == 0)
		status = upf__refuse(db, UPF_DETAIL_OUT_OF_ORDER, "deviation %lld: the "
				     "committee is informed already", id);
	return upf__end(db, status);
}

/* Withdrawing is not a step either: a case registered by mistake leaves
 * the workflow wherever it stands, and every count. */
int upf_deviation_withdraw(upf_db *db, long long id, const char *on,
			   const char *reason)
{
	char day[11];
	struct dev d;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "reason", reason);
	if (!status)
		status = upf__check_prose(db, "reason", reason, UPF_SUMMARY_MAX);
	if (status || (status = begin_step(db, id, on, day, &d)))
		return status;
	status = upf__not_before(db, day, d.reported, "the deviation was reported");
	if (!status)
		status = update(db, "UPDATE deviation SET withdrawn_on = ?2, "
				    "withdraw_reason = ?3 WHERE id = ?1", id, day, reason);
	return upf__end(db, status);
}

/* Adds an action: one to be done (due may be NULL), or, with immediate
 * set, an immediate measure, done on the day it was taken. */
static int add_action(long long *id, upf_db *db, long long deviation,
		      const char *text, const char *responsible, const char *due,
		      int immediate, const char *on)
{
	char day[11];
	struct dev d;
	if (id)
		*id = 0;
	if (!db)
		return UPF_MISUSE;
	int status = upf__check_prose(db, "text", text, UPF_SUMMARY_MAX);
	if (!status)
		status = upf__check_text(db, "responsible", responsible, UPF_NAME_MAX);
	if (!status && due)
		status = upf__check_date(db, "due", due, NULL);
	/* Decided on a day; an immediate measure is done on it too. */
	if (!status)
		status = upf__check_date(db, "on", on, day);
	if (status || (status = upf__write_begin_provider(db)))
		return status;
	status = load(db, deviation, &d);
	if (!status)
		status = refuse_withdrawn(db, &d);
	if (!status && !strcmp(d.status, "closed"))
		status = upf__refuse(db, UPF_DETAIL_CLOSED, "deviation %lld: closed; actions are "
				   "added before it closes", deviation);
	if (!status)
		status = upf__not_before(db, day, d.occurred, "the deviation occurred");
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"INSERT INTO action (id, source, deviation_id, unit_id, text, responsible, due, "
		"done, immediate, decided_on) VALUES (" UPF_NEXT_ID("action") ", 'deviation', "
		"?1, (SELECT unit_id FROM "
		"deviation WHERE id = ?1), ?2, ?3, ?4, iif(?6, ?5, NULL), ?6, ?5)");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_int64(st, 1, deviation);
		sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, responsible, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, due, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, day, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 6, immediate);
		status = upf__step_done(db, st);
	}
	if (!status && id)
		*id = sqlite3_last_insert_rowid(db->sql);
	return upf__end(db, status);
}

int upf_action_add(long long *id, upf_db *db, long long deviation,
		   const char *text, const char *responsible, const char *due, const char *on)
{
	return add_action(id, db, deviation, text, responsible, due, 0, on);
}

int upf_action_add_immediate(long long *id, upf_db *db, long long deviation,
			     const char *text, const char *responsible,
			     const char *on)
{
	return add_action(id, db, deviation, text, responsible, NULL, 1, on);
}
