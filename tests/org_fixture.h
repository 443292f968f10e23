/* A small organisation shared by the measure, value and report tests:
 *
 *   committee AN
 *     assignment LL (in_house, provider LL)   level 2 L2A (hemtjanst)
 *                                               level 3 A1, A2
 *     contract PV (private, provider PV)       level 2 L2B (sarskilt_boende)
 *                                               level 3 B1, B2
 *
 * all from 2025-01-01, and one measure of each kind of rule. */
#ifndef UPF_TEST_ORG_FIXTURE_H
#define UPF_TEST_ORG_FIXTURE_H

#include "helpers.h"

static inline void build_small_org(upf_db *db)
{
	OK(db, upf_committee_add(db, "AN", "Äldrenämnden"));
	OK(db, upf_provider_add(db, "LL", "Leanlink", "in_house"));
	OK(db, upf_provider_add(db, "PV", "Privat Vård AB", "private"));
	OK(db, upf_assignment_add(db, "LL", "Egen regi", "AN", "LL", "assignment",
				  "2025-01-01", NULL));
	OK(db, upf_assignment_add(db, "PV", "Avtal PV", "AN", "PV", "contract",
				  "2025-01-01", NULL));
	OK(db, upf_unit_add_level2(db, "L2A", "Hemtjänst egen regi", "LL",
				   "hemtjanst", "2025-01-01"));
	OK(db, upf_unit_add_level2(db, "L2B", "Boende PV", "PV",
				   "sarskilt_boende", "2025-01-01"));
	OK(db, upf_unit_add_level3(db, "A1", "Enhet A1", "L2A", "2025-01-01"));
	OK(db, upf_unit_add_level3(db, "A2", "Enhet A2", "L2A", "2025-01-01"));
	OK(db, upf_unit_add_level3(db, "B1", "Enhet B1", "L2B", "2025-01-01"));
	OK(db, upf_unit_add_level3(db, "B2", "Enhet B2", "L2B", "2025-01-01"));
	OK(db, upf_measure_add(db, "FLOW", "Timmar", "structure", "amount", NULL));
	OK(db, upf_measure_add(db, "STOCK", "Platser", "structure", "count",
			       "{\"time\": \"stock\"}"));
	OK(db, upf_measure_add(db, "LAST", "Kö", "structure", "count",
			       "{\"time\": \"last\", \"direction\": \"down\"}"));
	OK(db, upf_measure_add(db, "SHARE", "Andel enligt plan", "result", "share",
			       "{\"direction\": \"up\"}"));
	OK(db, upf_measure_add(db, "MEAN", "Nöjdhet", "process", "mean",
			       "{\"frequency\": \"year\", \"direction\": \"up\"}"));
	OK(db, upf_measure_add(db, "YESNO", "Rutin finns", "process", "yesno",
			       "{\"frequency\": \"year\"}"));
	OK(db, upf_measure_add(db, "L2YN", "Lokaler", "structure", "yesno",
			       "{\"frequency\": \"year\", \"level\": 2}"));
	OK(db, upf_measure_add(db, "TERT", "Per tertial", "structure", "count",
			       "{\"frequency\": \"tertial\"}"));
}

static inline void set(upf_db *db, const char *measure, const char *unit,
		       const char *period, double value)
{
	OK(db, upf_value_set(db, measure, unit, period, value, NULL, NULL, 0));
}

static inline void set_share(upf_db *db, const char *measure,
			     const char *unit, const char *period,
			     double value, double den)
{
	OK(db, upf_value_set(db, measure, unit, period, value, &den, NULL, 0));
}

#endif
