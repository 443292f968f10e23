/* Actions (åtgärder) from any source: a deviation (deviation.c adds
 * those), an activity, a finding, a review or a measure's figure for a
 * period; done, and their effect evaluated. One table holds them all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define UPF_TEXT_MAX 2000

static const char *const effects[] = {"achieved", "partly", "not_achieved", NULL};
static const char *const sources[] = {"deviation", "activity", "finding", "review",
				      "measure", NULL};

/* What an action comes from, once looked up: the row it names, the unit
 * or assignment it concerns, and the day the action may not precede. */
struct source {
	char kind[12];
	char ref[UPF_CODE_MAX + 1];   /* the activity's or the measure's code */
	const char *period;           /* a measure's, within the text given */
	sqlite3_int64 id;             /* the row of the source */
	sqlite3_int64 unit_id, assignment_id;
	char floor[11];
	const char *floor_what;
};

/* A number as a source names it: digits only, at least 1. */
static int parse_number(upf_db *db, const char *text, const char *given, sqlite3_int64 *id)
{
	size_t n = strspn(text, "0123456789");
	*id = n && n <= 18 && !text[n] ? strtoll(text, NULL, 10) : 0;
	return *id > 0 ? UPF_OK
		       : upf__fail(db, UPF_INVALID, "source '%s': not a number after the "
				   "kind", upf__shown(given));
}

/* Reads the unit, assignment and day of the source's row (?1 its id). */
static int read_row(upf_db *db, struct source *s, const char *sql, const char *label)
{
	sqlite3_stmt *st = upf__stmt(db, sql);
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, s->id);
	int rc = sqlite3_step(st), status = UPF_OK;
	if (rc == SQLITE_ROW) {
		s->unit_id = sqlite3_column_int64(st, 0);
		s->assignment_id = sqlite3_column_int64(st, 1);
		const unsigned char *day = sqlite3_column_text(st, 2);
		snprintf(s->floor, sizeof s->floor, "%s", day ? (const char *)day : "");
	} else {
		status = rc == SQLITE_DONE ? upf__fail(db, UPF_NOTFOUND, "source: no %s %lld",
						       label, (long long)s->id)
					   : upf__sqlfail(db, rc);
	}
	sqlite3_reset(st);
	return status;
}

/* A measure's figure: CODE:PERIOD. */
static int parse_measure(upf_db *db, const char *text, const char *given, struct source *s)
{
	const char *colon = strchr(text, ':');
	int from, to;
	if (!colon || (size_t)(colon - text) > UPF_CODE_MAX)
		return upf__fail(db, UPF_INVALID, "source '%s': not measure:CODE:PERIOD",
				 upf__shown(given));
	snprintf(s->ref, sizeof s->ref, "%.*s", (int)(colon - text), text);
	s->period = colon + 1;
	int status = upf__id_of(db, &s->id, UPF_E_MEASURE, "source", s->ref);
	return status ? status : upf__period_parse(db, "source", s->period, &from, &to);
}

/* Parses "deviation:ID", "activity:A", "finding:ID", "review:ID" or
 * "measure:CODE:PERIOD" and looks it up. */
static int parse_source(upf_db *db, const char *text, struct source *s)
{
	const char *colon = strchr(text, ':');
	size_t n = colon ? (size_t)(colon - text) : 0;
	memset(s, 0, sizeof *s);
	if (colon && n < sizeof s->kind)
		snprintf(s->kind, sizeof s->kind, "%.*s", (int)n, text);
	if (!colon || upf__check_choice(db, "source", s->kind, sources))
		return upf__fail(db, UPF_INVALID, "source '%s': not deviation:ID, activity:A, "
				 "finding:ID, review:ID or measure:CODE:PERIOD", upf__shown(text));
	const char *rest = colon + 1;
	if (!strcmp(s->kind, "measure"))
		return parse_measure(db, rest, text, s);
	if (!strcmp(s->kind, "activity")) {
		snprintf(s->ref, sizeof s->ref, "%s", rest);
		int status = upf__id_of(db, &s->id, UPF_E_ACTIVITY, "source", rest);
		/* An activity of one unit or one assignment concerns it. */
		return status ? status : read_row(db, s,
			"SELECT iif(count(*) = 1, max(iif(kind = 'unit', ref_id, NULL)), NULL), "
			"iif(count(*) = 1, max(iif(kind = 'assignment', ref_id, NULL)), NULL), "
			"NULL FROM activity_scope WHERE activity_id = ?1", "activity");
	}
	int status = parse_number(db, rest, text, &s->id);
	if (status || !strcmp(s->kind, "deviation"))
		return status;
	if (!strcmp(s->kind, "finding")) {
		s->floor_what = "the finding was made";
		return read_row(db, s, "SELECT unit_id, assignment_id, found_on FROM finding "
				"WHERE id = ?1", "finding");
	}
	s->floor_what = "the review was made";
	return read_row(db, s, "SELECT unit_id, assignment_id, reviewed_on FROM review "
			"WHERE id = ?1", "review");
}

/* The unit an action is for, where given: active on the day it is decided. */
static int check_unit(upf_db *db, const char *unit, const char *day, struct source *s)
{
	struct upf_unit_ref u;
	struct upf_place at;
	int status = upf__unit_ref(db, &u, "unit", unit);
	if (!status)
		status = upf__unit_at(db, &at, u.id, day, day);
	if (!status && !at.active)
		status = upf__refuse(db, UPF_DETAIL_NOT_ACTIVE, "unit '%s': not active on %s",
				     unit, day);
	s->unit_id = u.id;
	s->assignment_id = 0;
	return status;
}

static int insert_action(upf_db *db, const struct source *s, const char *text,
			 const char *responsible, const char *due, const char *day,
			 long long *id)
{
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO action (id, source, activity_id, finding_id, review_id, measure_id, "
		"period, unit_id, assignment_id, text, responsible, due, decided_on) "
		"VALUES (" UPF_NEXT_ID("action") ", ?1, iif(?1 = 'activity', ?2, NULL), iif(?1 = 'finding', ?2, NULL), "
		"iif(?1 = 'review', ?2, NULL), iif(?1 = 'measure', ?2, NULL), ?3, ?4, ?5, "
		"?6, ?7, ?8, ?9)");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, s->kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, s->id);
	sqlite3_bind_text(st, 3, s->period, -1, SQLITE_STATIC);
	if (s->unit_id > 0)
		sqlite3_bind_int64(st, 4, s->unit_id);
	if (s->assignment_id > 0)
		sqlite3_bind_int64(st, 5, s->assignment_id);
	sqlite3_bind_text(st, 6, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, responsible, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, due, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, day, -1, SQLITE_STATIC);
	int status = upf__step_done(db, st);
	*id = sqlite3_last_insert_rowid(db->sql);
	return status;
}

int upf_action_add_from(long long *id, upf_db *db, const char *source, const char *text,
			const char *responsible, const char *due, const char *unit,
			const char *on)
{
	struct source s;
	char day[11];
	long long new_id = 0;
	if (id)
		*id = 0;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "source text responsible", source, text, responsible);
	if (!status)
		status = upf__check_prose(db, "text", text, UPF_TEXT_MAX);
	if (!status)
		status = upf__check_text(db, "responsible", responsible, UPF_NAME_MAX);
	if (!status && due)
		status = upf__check_date(db, "due", due, NULL);
	if (!status)
		status = upf__check_date(db, "on", on, day);
	if (!status && (status = parse_source(db, source, &s)) == UPF_OK &&
	    !strcmp(s.kind, "deviation")) {
		/* A deviation's action is the deviation workflow's. */
		if (unit)
			return upf__fail(db, UPF_INVALID, "unit '%s': an action from a deviation "
					 "is for the deviation's unit", upf__shown(unit));
		return upf_action_add(id, db, s.id, text, responsible, due, on);
	}
	if (status || (status = upf__write_begin_provider(db)))
		return status;
	if (unit)
		status = check_unit(db, unit, day, &s);
	if (!status && s.floor_what)
		status = upf__not_before(db, day, s.floor, s.floor_what);
	if (!status && due && strcmp(due, day) < 0)
		status = upf__fail(db, UPF_INVALID, "due '%s': before the action was decided, "
				   "%s", due, day);
	if (!status)
		status = insert_action(db, &s, text, responsible, due, day, &new_id);
	status = upf__end(db, status);
	if (id && !status)
		*id = new_id;
	return status;
}

/* An action's state: whether done and evaluated, and the day it may not
 * be done before. */
struct action_state {
	char done[11], evaluated[11], floor[11];
	int deviation;
};

static int load_action(upf_db *db, long long id, struct action_state *a)
{
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT coalesce(a.done, ''), coalesce(a.evaluated_on, ''), "
		"coalesce(d.reported, a.decided_on), a.deviation_id IS NOT NULL "
		"FROM action a LEFT JOIN deviation d ON d.id = a.deviation_id WHERE a.id = ?1 "
		"AND " UPF_SCOPE_SUBJECT("a.unit_id", "a.assignment_id"));
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st), status = UPF_OK;
	if (rc == SQLITE_ROW) {
		snprintf(a->done, sizeof a->done, "%s", sqlite3_column_text(st, 0));
		snprintf(a->evaluated, sizeof a->evaluated, "%s", sqlite3_column_text(st, 1));
		snprintf(a->floor, sizeof a->floor, "%s", sqlite3_column_text(st, 2));
		a->deviation = sqlite3_column_int(st, 3);
	} else {
		status = rc == SQLITE_DONE ? upf__fail(db, UPF_NOTFOUND, "id: no action %s%s",
						       upf__shown_id(id, (char[24]){0}),
						       upf__scope_where(db))
					   : upf__sqlfail(db, rc);
	}
	sqlite3_reset(st);
	return status;
}

/* Runs an UPDATE of one action bound as (?1 id, ?2 day, ?3 effect, ?4 note). */
static int update_action(upf_db *db, const char *sql, long long id, const char *day,
			 const char *effect, const char *note)
{
	sqlite3_stmt *st = upf__stmt(db, sql);
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, effect, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, note, -1, SQLITE_STATIC);
	return upf__step_done(db, st);
}

int upf_action_done(upf_db *db, long long action, const char *on)
{
	char day[11];
	struct action_state a;
	if (!db)
		return UPF_MISUSE;
	int status = upf__check_date(db, "on", on, day);
	if (status || (status = upf__write_begin_provider(db)))
		return status;
	status = load_action(db, action, &a);
	if (!status && a.done[0])
		status = upf__fail(db, UPF_NOTFOUND, "id: no open action %s (done on %s)",
				   upf__shown_id(action, (char[24]){0}), a.done);
	if (!status)
		status = upf__not_before(db, day, a.floor, a.deviation
					 ? "the deviation was reported" : "it was decided");
	if (!status)
		status = update_action(db, "UPDATE action SET done = ?2 WHERE id = ?1", action,
				       day, NULL, NULL);
	return upf__end(db, status);
}

int upf_action_evaluate(upf_db *db, long long id, const char *on, const char *effect,
			const char *note)
{
	char day[11];
	struct action_state a;
	if (!db)
		return UPF_MISUSE;
	int status = upf__check_choice(db, "effect", effect, effects);
	if (!status)
		status = upf__check_date(db, "on", on, day);
	if (!status && note)
		status = upf__check_prose(db, "note", note, UPF_TEXT_MAX);
	if (status || (status = upf__write_begin_provider(db)))
		return status;
	status = load_action(db, id, &a);
	if (!status && !a.done[0])
		status = upf__refuse(db, UPF_DETAIL_OUT_OF_ORDER, "action %lld: not done; its "
				     "effect is evaluated once it is", id);
	if (!status && a.evaluated[0])
		status = upf__refuse(db, UPF_DETAIL_CLOSED, "action %lld: evaluated already, "
				     "on %s", id, a.evaluated);
	if (!status)
		status = upf__not_before(db, day, a.done, "the action was done");
	if (!status)
		status = update_action(db, "UPDATE action SET evaluated_on = ?2, effect = ?3, "
				       "effect_note = ?4 WHERE id = ?1", id, day, effect, note);
	return upf__end(db, status);
}

static const char *const list_keys[] = {"open", "overdue", "at", "committee",
					"provider", "source", "period", NULL};

static int check_list(upf_db *db, const struct upf_opts *o, char at[11], int *from, int *to)
{
	sqlite3_int64 id;
	int status = upf__check_date(db, "at", upf__opt(o, "at"), at);
	if (!status && upf__opt(o, "committee"))
		status = upf__id_of(db, &id, UPF_E_COMMITTEE, "committee",
				    upf__opt(o, "committee"));
	if (!status && upf__opt(o, "provider"))
		status = upf__id_of(db, &id, UPF_E_PROVIDER, "provider", upf__opt(o, "provider"));
	if (!status && upf__opt(o, "source"))
		status = upf__check_choice(db, "source", upf__opt(o, "source"), sources);
	if (!status && upf__opt(o, "period"))
		status = upf__period_parse(db, "period", upf__opt(o, "period"), from, to);
	return status;
}

#define OVERDUE "(a.due < ?1 AND (a.done IS NULL OR a.done > ?1))"

int upf_action_list(upf_table **out, upf_db *db, const char *params_json)
{
	struct upf_opts o;
	char at[11];
	int from = -1, to = -1;
	int status = upf__table_out(db, out);
	if (!status)
		status = upf__opts_parse(db, "params", params_json, list_keys, &o);
	if (status)
		return status;
	status = check_list(db, &o, at, &from, &to);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"SELECT a.id, a.source, CASE a.source WHEN 'deviation' THEN a.deviation_id "
		"  WHEN 'finding' THEN a.finding_id WHEN 'review' THEN a.review_id "
		"  WHEN 'activity' THEN (SELECT code FROM activity WHERE id = a.activity_id) "
		"  ELSE (SELECT code FROM measure WHERE id = a.measure_id) || ':' || a.period "
		"  END AS ref, u.code AS unit, s.code AS assignment, a.text, a.responsible, "
		"a.decided_on, a.due, a.done, a.immediate, a.evaluated_on, a.effect, "
		OVERDUE " AS overdue "
		"FROM action a JOIN action_place p ON p.action_id = a.id "
		"LEFT JOIN unit u ON u.id = a.unit_id "
		"LEFT JOIN assignment s ON s.id = p.assignment_id "
		"WHERE (NOT ?2 OR a.done IS NULL) AND (NOT ?3 OR " OVERDUE ") "
		"AND (?4 IS NULL OR p.committee_id = (SELECT id FROM committee WHERE code = ?4)) "
		"AND (?5 IS NULL OR p.provider_id = (SELECT id FROM provider WHERE code = ?5)) "
		"AND (upf_scope() IS NULL OR p.provider_id = upf_scope()) "
		"AND (?6 IS NULL OR a.source = ?6) AND (?7 < 0 OR a.decided_on "
		"  BETWEEN upf_month_first(?7) AND upf_month_last(?8)) ORDER BY a.id");
	if (!status && !st)
		status = db->status;
	if (!status) {
		sqlite3_bind_text(st, 1, at, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, upf__opt_true(&o, "open"));
		sqlite3_bind_int(st, 3, upf__opt_true(&o, "overdue"));
		sqlite3_bind_text(st, 4, upf__opt(&o, "committee"), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, upf__opt(&o, "provider"), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, upf__opt(&o, "source"), -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 7, from);
		sqlite3_bind_int(st, 8, to);
		status = upf__table_from_stmt(out, db, st);
	}
	upf__opts_free(&o);
	return status;
}
