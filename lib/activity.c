/* Activities of a plan: what they follow up (quality areas, methods,
 * scope), who is responsible, and how they are read back. Their status
 * and the plan's revisions are plan.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define UPF_TEXT_MAX 2000

static const char *const activity_keys[] = {
	"areas", "methods", "scope", "start", "due", "responsible", "provider",
	"description", "reason", "on", NULL};
static const char *const kinds[] = {"individual", "assignment", "thematic", "goal",
				    "basic", NULL};
static const char *const responsibles[] = {"administration", "provider", NULL};
static const char *const regimes[] = {"in_house", "private", NULL};

/* The options' checks that need no registry. */
static int check_options(upf_db *db, const struct upf_opts *o, char start[11],
			 char due[11])
{
	static const char *const lists[] = {"areas", "methods", "scope"};
	int status = UPF_OK;
	for (int i = 0; !status && i < 3; i++) {
		const char *v = upf__opt(o, lists[i]);
		if (!v || upf__opt_type(o, lists[i]) != 'a' || !strcmp(v, "[]"))
			status = upf__fail(db, UPF_INVALID, "%s: missing; give at least one",
					   lists[i]);
	}
	if (!status)
		status = upf__opt_codes(db, o, "areas");
	if (!status)
		status = upf__opt_codes(db, o, "methods");
	if (!status && (!upf__opt(o, "start") || !upf__opt(o, "due")))
		status = upf__fail(db, UPF_INVALID, "%s: missing; an activity has a "
				   "start and a due day", upf__opt(o, "start") ? "due" : "start");
	if (!status)
		status = upf__check_date(db, "start", upf__opt(o, "start"), start);
	if (!status)
		status = upf__check_date(db, "due", upf__opt(o, "due"), due);
	if (!status && strcmp(due, start) < 0)
		status = upf__fail(db, UPF_INVALID, "due '%s': before start '%s'", due, start);
	if (!status && upf__opt(o, "responsible"))
		status = upf__check_choice(db, "responsible", upf__opt(o, "responsible"),
					   responsibles);
	if (!status && upf__opt(o, "description"))
		status = upf__check_prose(db, "description", upf__opt(o, "description"),
					  UPF_TEXT_MAX);
	if (!status && upf__opt(o, "reason"))
		status = upf__check_prose(db, "reason", upf__opt(o, "reason"), UPF_TEXT_MAX);
	return status;
}

/* Links the activity to a code of the catalogue (areas and methods). */
struct link {
	sqlite3_int64 activity;
	enum upf_entity e;
	const char *field, *sql;
};

static int add_link(upf_db *db, const char *code, const void *ctx)
{
	const struct link *l = ctx;
	sqlite3_int64 id;
	int status = upf__id_of(db, &id, l->e, l->field, code);
	sqlite3_stmt *st = status ? NULL : upf__stmt(db, l->sql);
	if (status || !st)
		return status ? status : db->status;
	sqlite3_bind_int64(st, 1, l->activity);
	sqlite3_bind_int64(st, 2, id);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	/* The same code twice is one link. */
	return rc == SQLITE_DONE || rc == SQLITE_CONSTRAINT_PRIMARYKEY ? UPF_OK
								       : upf__sqlfail(db, rc);
}

/* A scope: "all", or KIND:VALUE. */
static int add_scope(upf_db *db, const char *item, const void *ctx)
{
	static const struct {
		const char *kind;
		enum upf_entity e;
	} refs[] = {{"provider", UPF_E_PROVIDER}, {"assignment", UPF_E_ASSIGNMENT},
		    {"area", UPF_E_AREA}, {"unit", UPF_E_UNIT}};
	const sqlite3_int64 *activity = ctx;
	const char *colon = strchr(item, ':'), *value = colon ? colon + 1 : "";
	size_t n = colon ? (size_t)(colon - item) : strlen(item);
	sqlite3_int64 ref = 0;
	const char *kind = NULL, *regime = NULL;
	int status = UPF_OK;
	if (!colon && !strcmp(item, "all")) {
		kind = "all";
	} else if (colon && n == 6 && !strncmp(item, "regime", 6)) {
		kind = "regime";
		status = upf__check_choice(db, "scope", value, regimes);
		regime = value;
	} else {
		for (size_t i = 0; colon && i < sizeof refs / sizeof *refs; i++)
			if (strlen(refs[i].kind) == n && !strncmp(item, refs[i].kind, n)) {
				kind = refs[i].kind;
				status = upf__id_of(db, &ref, refs[i].e, "scope", value);
			}
	}
	if (!kind)
		return upf__fail(db, UPF_INVALID, "scope '%s': not all, regime:R, "
				 "provider:P, assignment:A, area:S or unit:U",
				 upf__shown(item));
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"INSERT INTO activity_scope (activity_id, kind, regime, ref_id) "
		"VALUES (?1, ?2, ?3, ?4)");
	if (status || !st)
		return status ? status : db->status;
	sqlite3_bind_int64(st, 1, *activity);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, regime, -1, SQLITE_STATIC);
	if (ref > 0)
		sqlite3_bind_int64(st, 4, ref);
	return upf__step_done(db, st);
}

static int insert_activity(upf_db *db, const char *code, const char *title,
			   const struct upf_plan *p, const char *kind,
			   const struct upf_opts *o, const char *start, const char *due,
			   sqlite3_int64 *id)
{
	sqlite3_stmt *st = upf__stmt(db,
		"INSERT INTO activity (code, plan_id, title, kind, responsible, start, due, "
		"description) VALUES (?1, ?2, ?3, ?4, 'administration', ?5, ?6, ?7)");
	if (!st)
		return db->status;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, p->id);
	sqlite3_bind_text(st, 3, title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, start, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, due, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, upf__opt(o, "description"), -1, SQLITE_STATIC);
	int status = upf__insert_coded(db, st, UPF_E_ACTIVITY, code);
	*id = sqlite3_last_insert_rowid(db->sql);
	return status;
}

/* Who is responsible: as given, else the default that the scope gives
 * (activity_default); a provider responsible needs a provider. */
static int set_responsible(upf_db *db, sqlite3_int64 id, const struct upf_opts *o)
{
	sqlite3_int64 provider = 0;
	const char *given = upf__opt(o, "provider");
	int status = given ? upf__id_of(db, &provider, UPF_E_PROVIDER, "provider", given)
			   : UPF_OK;
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"UPDATE activity SET responsible = coalesce(?2, d.responsible), "
		"provider_id = CASE WHEN coalesce(?2, d.responsible) = 'provider' "
		"  THEN coalesce(?3, d.provider_id) END "
		"FROM activity_default d WHERE d.activity_id = activity.id AND activity.id = ?1 "
		"RETURNING responsible, provider_id IS NULL");
	if (status || !st)
		return status ? status : db->status;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, upf__opt(o, "responsible"), -1, SQLITE_STATIC);
	if (provider > 0)
		sqlite3_bind_int64(st, 3, provider);
	int rc = sqlite3_step(st);
	const char *responsible = NULL;
	if (rc == SQLITE_ROW && (status = upf__column(db, st, 0, &responsible))) {
		sqlite3_reset(st);
		return status;
	}
	int orphan = responsible && !strcmp(responsible, "provider") &&
		     sqlite3_column_int(st, 1);
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return upf__sqlfail(db, rc);
	if (orphan)
		return upf__fail(db, UPF_INVALID, "provider: missing; a provider responsible "
				 "is named where the scope is not one in-house provider's");
	if (given && strcmp(upf__opt(o, "responsible") ? upf__opt(o, "responsible") : "",
			    "provider"))
		return upf__fail(db, UPF_INVALID, "provider '%s': given where the "
				 "administration is responsible", upf__shown(given));
	return UPF_OK;
}

static int fill_activity(upf_db *db, sqlite3_int64 id, const struct upf_opts *o)
{
	struct link areas = {id, UPF_E_QUALITY_AREA, "areas",
			     "INSERT INTO activity_area VALUES (?1, ?2)"};
	struct link methods = {id, UPF_E_METHOD, "methods",
			       "INSERT INTO activity_method VALUES (?1, ?2)"};
	int status = upf__each_code(db, "areas", upf__opt(o, "areas"), add_link, &areas);
	if (!status)
		status = upf__each_code(db, "methods", upf__opt(o, "methods"), add_link,
					&methods);
	if (!status)
		status = upf__each_code(db, "scope", upf__opt(o, "scope"), add_scope, &id);
	if (!status)
		status = set_responsible(db, id, o);
	return status;
}

int upf_activity_add(upf_db *db, const char *code, const char *title, int year,
		     const char *committee, const char *kind, const char *options_json)
{
	struct upf_opts o;
	struct upf_plan p;
	char start[11], due[11], day[11];
	sqlite3_int64 id = 0;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "code title committee kind options_json", code, title,
			       committee, kind, options_json);
	if (!status)
		status = upf__opts_parse(db, "options", options_json, activity_keys, &o);
	if (status)
		return status;
	status = upf__check_code(db, "code", code);
	if (!status)
		status = upf__check_text(db, "title", title, UPF_NAME_MAX);
	if (!status)
		status = upf__check_choice(db, "kind", kind, kinds);
	if (!status)
		status = check_options(db, &o, start, due);
	if (!status)
		status = upf__check_date(db, "on", upf__opt(&o, "on"), day);
	if (!status && !(status = upf__write_begin(db))) {
		status = upf__plan_of(db, &p, year, committee);
		if (!status && p.decided_on[0] && !upf__opt(&o, "reason"))
			status = upf__refuse(db, UPF_DETAIL_DECIDED, "plan %d of committee "
					     "'%s': decided on %s; an activity added now is "
					     "a revision: give its reason", year, committee,
					     p.decided_on);
		if (!status)
			status = insert_activity(db, code, title, &p, kind, &o, start, due, &id);
		if (!status)
			status = fill_activity(db, id, &o);
		if (!status && p.decided_on[0])
			status = upf__plan_revise(db, &p, id, "added", day,
						  upf__opt(&o, "reason"), NULL);
		status = upf__end(db, status);
	}
	upf__opts_free(&o);
	return status;
}

/* An activity's codes of one kind, separated by spaces, in order. */
#define CODES(table, catalogue, column)                                        \
	"(SELECT group_concat(code, ' ') FROM (SELECT k.code FROM " table " x " \
	"  JOIN " catalogue " k ON k.id = x." column " WHERE x.activity_id = a.id " \
	"  ORDER BY k.code))"

/* The scope as written: all, regime:R, KIND:CODE. */
#define SCOPE                                                                  \
	"(SELECT group_concat(item, ' ') FROM (SELECT CASE s.kind "              \
	"  WHEN 'all' THEN 'all' WHEN 'regime' THEN 'regime:' || s.regime "      \
	"  ELSE s.kind || ':' || coalesce((SELECT code FROM provider WHERE "     \
	"    s.kind = 'provider' AND id = s.ref_id), (SELECT code FROM assignment " \
	"    WHERE s.kind = 'assignment' AND id = s.ref_id), (SELECT code FROM "  \
	"    service_area WHERE s.kind = 'area' AND id = s.ref_id), (SELECT code " \
	"    FROM unit WHERE s.kind = 'unit' AND id = s.ref_id)) END AS item "   \
	"  FROM activity_scope s WHERE s.activity_id = a.id ORDER BY s.id))"

#define MISMATCH                                                               \
	"(a.responsible <> d.responsible OR (a.responsible = 'provider' AND "     \
	"  a.provider_id IS NOT d.provider_id))"

int upf_activity_show(upf_table **out, upf_db *db, const char *code)
{
	sqlite3_int64 id;
	int status = upf__table_out(db, out);
	if (!status)
		status = upf__need(db, "code", code);
	if (!status)
		status = upf__scope_admin(db, "activities");
	if (!status)
		status = upf__id_of(db, &id, UPF_E_ACTIVITY, "code", code);
	if (status)
		return status;
	sqlite3_stmt *st = upf__stmt(db,
		"SELECT a.code, a.title, n.year, c.code AS committee, a.kind, a.status, "
		CODES("activity_area", "quality_area", "quality_area_id") " AS areas, "
		CODES("activity_method", "method", "method_id") " AS methods, "
		SCOPE " AS scope, a.responsible, pr.code AS provider, "
		"d.responsible || coalesce(':' || dp.code, '') AS default_responsible, "
		MISMATCH " AS mismatch, d.units, a.start, a.due, a.decided_start, "
		"a.decided_due, a.started_on, a.done_on, a.cancelled_on, a.cancel_reason, "
		"a.description, (SELECT count(*) FROM review WHERE activity_id = a.id) "
		"AS reviews, " CODES("activity_stakeholder", "stakeholder", "stakeholder_id")
		" AS stakeholders "
		"FROM activity a JOIN plan n ON n.id = a.plan_id "
		"JOIN committee c ON c.id = n.committee_id "
		"JOIN activity_default d ON d.activity_id = a.id "
		"LEFT JOIN provider pr ON pr.id = a.provider_id "
		"LEFT JOIN provider dp ON dp.id = d.provider_id WHERE a.id = ?1");
	if (!st)
		return db->status;
	sqlite3_bind_int64(st, 1, id);
	return upf__table_from_stmt(out, db, st);
}

static const char *const edit_keys[] = {"title", "description", "stakeholders", NULL};

int upf_activity_edit(upf_db *db, const char *code, const char *options_json)
{
	struct upf_opts o;
	sqlite3_int64 id;
	if (!db)
		return UPF_MISUSE;
	int status = upf__need(db, "code options_json", code, options_json);
	if (!status)
		status = upf__opts_parse(db, "options", options_json, edit_keys, &o);
	if (status)
		return status;
	if (upf__opt(&o, "title"))
		status = upf__check_text(db, "title", upf__opt(&o, "title"), UPF_NAME_MAX);
	if (!status && upf__opt(&o, "description"))
		status = upf__check_prose(db, "description", upf__opt(&o, "description"),
					  UPF_TEXT_MAX);
	if (!status)
		status = upf__opt_codes(db, &o, "stakeholders");
	if (!status && !(status = upf__write_begin(db))) {
		status = upf__id_of(db, &id, UPF_E_ACTIVITY, "code", code);
		sqlite3_stmt *st = status ? NULL : upf__stmt(db,
			"UPDATE activity SET title = coalesce(?2, title), "
			"description = coalesce(?3, description) WHERE id = ?1 "
			"AND (?2 IS NOT NULL OR ?3 IS NOT NULL)");
		if (!status && !st)
			status = db->status;
		if (!status) {
			sqlite3_bind_int64(st, 1, id);
			sqlite3_bind_text(st, 2, upf__opt(&o, "title"), -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, upf__opt(&o, "description"), -1,
					  SQLITE_STATIC);
			status = upf__step_done(db, st);
		}
		if (!status)
			status = upf__set_links(db, id, upf__opt(&o, "stakeholders"),
						"DELETE FROM activity_stakeholder "
						"WHERE activity_id = ?1",
						"INSERT INTO activity_stakeholder VALUES (?1, ?2)",
						UPF_E_STAKEHOLDER, "stakeholders");
		status = upf__end(db, status);
	}
	upf__opts_free(&o);
	return status;
}

static const char *const list_keys[] = {"year", "committee", "kind", "status",
					"overdue", "at", "as", NULL};

static int check_list(upf_db *db, const struct upf_opts *o, char at[11])
{
	static const char *const statuses[] = {"planned", "started", "done", "cancelled",
					       NULL};
	static const char *const views[] = {"decided", "current", NULL};
	sqlite3_int64 id;
	int status = UPF_OK;
	if (upf__opt(o, "committee"))
		status = upf__id_of(db, &id, UPF_E_COMMITTEE, "committee",
				    upf__opt(o, "committee"));
	if (!status && upf__opt(o, "kind"))
		status = upf__check_choice(db, "kind", upf__opt(o, "kind"), kinds);
	if (!status && upf__opt(o, "status"))
		status = upf__check_choice(db, "status", upf__opt(o, "status"), statuses);
	if (!status && upf__opt(o, "as"))
		status = upf__check_choice(db, "as", upf__opt(o, "as"), views);
	if (!status && upf__opt(o, "year"))
		status = upf__check_year_text(db, upf__opt(o, "year"));
	if (!status)
		status = upf__check_date(db, "at", upf__opt(o, "at"), at);
	return status;
}

int upf_activity_list(upf_table **out, upf_db *db, const char *params_json)
{
	struct upf_opts o;
	char at[11];
	int status = upf__table_out(db, out);
	if (!status)
		status = upf__scope_admin(db, "activities");
	if (!status)
		status = upf__opts_parse(db, "params", params_json, list_keys, &o);
	if (status)
		return status;
	status = check_list(db, &o, at);
	/* As decided: the activities the decision took in, with its dates. */
	sqlite3_stmt *st = status ? NULL : upf__stmt(db,
		"WITH l AS (SELECT a.*, ?7 IS 'decided' AS decided FROM activity a) "
		"SELECT a.code, a.title, n.year, c.code AS committee, a.kind, "
		"iif(a.decided, 'planned', a.status) AS status, "
		"iif(a.decided, a.decided_start, a.start) AS start, "
		"iif(a.decided, a.decided_due, a.due) AS due, a.responsible, "
		"pr.code AS provider, " MISMATCH " AS mismatch, "
		"(NOT a.decided AND a.status IN ('planned', 'started') AND a.due < ?6) "
		"AS overdue "
		"FROM l a JOIN plan n ON n.id = a.plan_id "
		"JOIN committee c ON c.id = n.committee_id "
		"JOIN activity_default d ON d.activity_id = a.id "
		"LEFT JOIN provider pr ON pr.id = a.provider_id "
		"WHERE (?1 IS NULL OR n.year = ?1) AND (?2 IS NULL OR c.code = ?2) "
		"AND (?3 IS NULL OR a.kind = ?3) AND (?4 IS NULL OR a.status = ?4) "
		"AND (NOT ?5 OR (a.status IN ('planned', 'started') AND a.due < ?6)) "
		"AND (NOT a.decided OR a.decided_start IS NOT NULL) "
		"ORDER BY n.year, c.code, start, a.code");
	if (!status && !st)
		status = db->status;
	if (!status) {
		if (upf__opt(&o, "year"))
			sqlite3_bind_int(st, 1, atoi(upf__opt(&o, "year")));
		sqlite3_bind_text(st, 2, upf__opt(&o, "committee"), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, upf__opt(&o, "kind"), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, upf__opt(&o, "status"), -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 5, upf__opt_true(&o, "overdue"));
		sqlite3_bind_text(st, 6, at, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 7, upf__opt(&o, "as"), -1, SQLITE_STATIC);
		status = upf__table_from_stmt(out, db, st);
	}
	upf__opts_free(&o);
	return status;
}
