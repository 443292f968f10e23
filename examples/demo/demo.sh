#!/bin/sh
# Builds the demo registry of a fictitious municipality through the CLI,
# then prints its organisation. Usage: demo.sh REGISTRY
# $UPPFOLJ names the uppfolj binary (default: uppfolj on the PATH).
set -eu
db=${1:?usage: demo.sh REGISTRY}
rm -f "$db" "$db-wal" "$db-shm" "$db.csv" "$db.backup" "$db.nordv-org.json" "$db.nordv.sync"
u() { "${UPPFOLJ:-uppfolj}" --db "$db" --actor demo "$@"; }

u init >/dev/null

# The two committees of the seeds.
u committee add SON "Social- och omsorgsnämnden"
u committee add AN "Äldrenämnden"

# One in-house provider and three private ones.
u provider add EGEN "Egen regi" --regime in_house
u provider add NORDV "Nordvård AB" --regime private
u provider add OMSH "Omsorgshuset AB" --regime private
u provider add TRYGG "Trygga Händer AB" --regime private

# Level 1: assignments for the in-house provider, contracts for the others.
u assignment add EGEN-ALD "Äldreomsorg i egen regi" --committee AN \
  --provider EGEN --kind assignment --from 2024-01-01
u assignment add EGEN-SOC "Socialtjänst och LSS i egen regi" --committee SON \
  --provider EGEN --kind assignment --from 2024-01-01
u assignment add NORDV-HT "Hemtjänst, Nordvård" --committee AN \
  --provider NORDV --kind contract --from 2024-01-01 --to 2027-12-31
u assignment add OMSH-SABO "Särskilt boende, Omsorgshuset" --committee AN \
  --provider OMSH --kind contract --from 2024-01-01 --to 2028-12-31
u assignment add TRYGG-LSS "LSS-bostäder, Trygga Händer" --committee SON \
  --provider TRYGG --kind contract --from 2024-01-01 --to 2027-06-30

# Level 2: the aggregated parts, each with its service area.
l2() { u unit add "$1" "$2" --assignment "$3" --area "$4" --from 2024-01-01; }
l2 EGEN-HT "Hemtjänst egen regi" EGEN-ALD hemtjanst
l2 EGEN-SABO "Särskilt boende egen regi" EGEN-ALD sarskilt_boende
l2 EGEN-KORT "Korttidsboende egen regi" EGEN-ALD korttid
l2 EGEN-LSS "LSS-bostäder egen regi" EGEN-SOC lss_bostad
l2 EGEN-DV "Daglig verksamhet egen regi" EGEN-SOC daglig_verksamhet
l2 EGEN-IFO "Barn och unga egen regi" EGEN-SOC ifo_barn_unga
l2 EGEN-VUX "Vuxna och missbruk egen regi" EGEN-SOC ifo_vuxna
l2 NV-HT "Hemtjänst Nordvård" NORDV-HT hemtjanst
l2 OH-SABO "Särskilt boende Omsorgshuset" OMSH-SABO sarskilt_boende
l2 TH-LSS "LSS-bostäder Trygga Händer" TRYGG-LSS lss_bostad

# Level 3: the units where the service is given.
l3() { u unit add "$1" "$2" --parent "$3" --from 2024-01-01; }
l3 HT-CENTRUM "Hemtjänst Centrum" EGEN-HT
l3 HT-NORR "Hemtjänst Norr" EGEN-HT
l3 HT-SODER "Hemtjänst Söder" EGEN-HT
l3 HT-VAST "Hemtjänst Väst" EGEN-HT
l3 HT-OST "Hemtjänst Öst" EGEN-HT
l3 SABO-LINDEN "Lindens äldreboende" EGEN-SABO
l3 SABO-ASPEN "Aspens äldreboende" EGEN-SABO
l3 SABO-BJORKEN "Björkens äldreboende" EGEN-SABO
l3 SABO-EKEN "Ekens demensboende" EGEN-SABO
l3 KORT-ROSEN "Rosens korttidsboende" EGEN-KORT
l3 LSS-SOLGARDEN "Solgården gruppbostad" EGEN-LSS
l3 LSS-MANEN "Månen servicebostad" EGEN-LSS
l3 LSS-STJARNAN "Stjärnan gruppbostad" EGEN-LSS
l3 DV-VERKSTAN "Verkstan" EGEN-DV
l3 DV-ATELJEN "Ateljén" EGEN-DV
l3 IFO-KOMPASSEN "HVB Kompassen" EGEN-IFO
l3 IFO-FAMILJ "Familjebehandlingen" EGEN-IFO
l3 VUX-BOENDESTOD "Boendestöd" EGEN-VUX
l3 VUX-MOTTAGNING "Beroendemottagningen" EGEN-VUX
l3 NV-ALBY "Nordvård Alby" NV-HT
l3 NV-BERGA "Nordvård Berga" NV-HT
l3 NV-DALEN "Nordvård Dalen" NV-HT
l3 OH-SOLROSEN "Solrosen" OH-SABO
l3 OH-VALLMON "Vallmon" OH-SABO
l3 OH-KLOVERN "Klövern" OH-SABO
l3 TH-GRANEN "Granen gruppbostad" TH-LSS
l3 TH-TALLEN "Tallen gruppbostad" TH-LSS
l3 TH-ALMEN "Almen gruppbostad" TH-LSS

# Mid-year, one group home is taken back in-house.
u unit move TH-ALMEN --parent EGEN-LSS --from 2025-07-01

# Where measures apply: the catalogue counts places only where there are
# places and hours only in home care; queues are kept here for LSS and
# IFO alone. Staff counts have a plausible range, and the default rule
# holds performed hours to those granted (a warning).
u measure edit STR-KO --areas lss_bostad,ifo_barn_unga,ifo_vuxna
u measure edit STR-ARSARB --min 0.5 --max 200

# Two years of values from a seeded generator, imported in one go. One
# planted slip lies outside the plausible range: the import refuses the
# file, and is run again with --confirm, which records it flagged.
here=$(dirname "$0")
u --format csv unit list --at 2024-09-01 | python3 "$here/values.py" >"$db.csv"
refusal=$(u import values "$db.csv" 2>&1 >/dev/null | sed -n 2p || true)
u import values --confirm "$db.csv" >/dev/null

# Targets for 2026: in general, stricter for one contract, and a queue
# that should stay short (its direction is down).
u target set RES-GP-PLAN 80 --year 2026
u target set RES-GP-PLAN 85 --year 2026 --assignment NORDV-HT
u target set STR-KO 4 --year 2026

# A year of deviations, imported, then taken through their workflow one
# step at a time, as the units would; and the basic follow-up of five
# items. The generator writes the steps as shell lines calling u.
u --format csv unit list --at 2026-08-31 >"$db.units"
python3 "$here/deviations.py" csv <"$db.units" >"$db.csv"
u import deviations "$db.csv" >/dev/null

# The HVB home Kompassen closes at the end of June 2026.
u unit close IFO-KOMPASSEN --on 2026-06-30

python3 "$here/deviations.py" steps <"$db.units" >"$db.steps"
. "$db.steps" >/dev/null
rm -f "$db.units" "$db.csv" "$db.steps"

# A fall registered twice by mistake; the second is withdrawn, and no
# report counts it.
u deviation add --unit SABO-LINDEN --type care --occurred 2026-08-20 \
  --reported 2026-08-20 --category fall --summary "Brukaren föll i badrummet" >/dev/null
dup=$(u deviation add --unit SABO-LINDEN --type care --occurred 2026-08-20 \
  --reported 2026-08-20 --category fall --summary "Brukaren föll i badrummet")
u deviation withdraw "$dup" --reason "Registrerad två gånger" --on 2026-08-21

# ---- A year of follow-up (2026) for the Äldrenämnden ----------------------
# The plan: ten activities of every kind, decided on 20 January; one added
# and one cancelled afterwards, each a revision with its reason.
u plan add 2026 --committee AN --title "Kvalitetsuppföljningsplan 2026, äldreomsorg"
act() { u activity add "$@" --plan 2026 --committee AN; }
act GP-HT "Granskning av genomförandeplaner i hemtjänsten" --kind individual \
  --area personcentrerat --area delaktighet --method granskning_gp \
  --scope area:hemtjanst --start 2026-02-01 --due 2026-06-30
act GP-SABO "Granskning av genomförandeplaner i särskilt boende" --kind individual \
  --area personcentrerat --method granskning_gp --scope area:sarskilt_boende \
  --start 2026-08-01 --due 2026-11-30
act AVTAL-NV "Avtalsuppföljning Nordvård" --kind assignment --area ledning \
  --area kompetens --method granskning --scope assignment:NORDV-HT \
  --start 2026-03-01 --due 2026-05-31
act AVTAL-OMSH "Avtalsuppföljning Omsorgshuset" --kind assignment --area ledning \
  --method granskning --scope assignment:OMSH-SABO --start 2026-09-01 --due 2026-11-30
act UPPDRAG-EGEN "Uppföljning av verksamhetsuppdraget äldreomsorg" --kind assignment \
  --area ledning --method egenkontroll --scope assignment:EGEN-ALD \
  --start 2026-04-01 --due 2026-10-31
act MAT "Måltider i särskilt boende" --kind thematic --area kunskapsbaserad \
  --area delaktighet --method fokusgrupper --method granskning \
  --scope area:sarskilt_boende --start 2026-04-01 --due 2026-06-30
act DEMENS "Demensvård" --kind thematic --area kunskapsbaserad --method granskning \
  --scope unit:SABO-EKEN --scope unit:OH-KLOVERN --start 2026-09-01 --due 2026-12-15
act MAL-PLAN "Måluppföljning: aktuella genomförandeplaner" --kind goal \
  --area personcentrerat --method granskning_gp --scope all \
  --start 2026-01-15 --due 2026-12-31
act MAL-MAT "Måluppföljning: måltiderna" --kind goal --area delaktighet \
  --method brukarenkat --scope area:sarskilt_boende --start 2026-01-15 --due 2026-12-31
act LOGG "Loggkontroller" --kind basic --area ledning --method egenkontroll \
  --scope regime:in_house --start 2026-02-01 --due 2026-04-30
u plan decide 2026 --committee AN --on 2026-01-20 --reference "ÄN 2026/12"
act IVO "Uppföljning efter IVO:s tillsyn" --kind thematic --area ledning \
  --method avvikelser --scope unit:SABO-LINDEN --start 2026-05-01 --due 2026-09-30 \
  --reason "IVO:s tillsyn i april" --on 2026-04-20
u activity cancel DEMENS --reason "Ingår i IVO-uppföljningen" --on 2026-06-01
u activity move AVTAL-NV --start 2026-03-01 --due 2026-06-30 \
  --reason "Nordvård begärde anstånd" --on 2026-05-20
for a in GP-HT AVTAL-NV UPPDRAG-EGEN MAT LOGG IVO; do
  u activity start "$a" --on 2026-03-02
done
for a in GP-HT AVTAL-NV MAT LOGG; do u activity done "$a" --on 2026-06-25; done

# The instruments: care plans on yes/no, meals on yes/partly/no, a
# contract's requirements on met/remark/deficiency. Each criterion is a
# measure (REV-GP-AKTUELL, ...), reported like any other.
u instrument add GP "Granskning av genomförandeplaner" --method granskning_gp --scale yes_no
u instrument criterion add GP AKTUELL "Genomförandeplanen är aktuell" --area personcentrerat
u instrument criterion add GP DELAKTIG "Brukaren har varit delaktig i planen" \
  --area delaktighet
u instrument criterion add GP ENLIGT-PLAN "Insatsen avslutades enligt plan"
u instrument add MAT "Måltidsobservation" --method granskning --scale yes_partly_no
u instrument criterion add MAT MILJO "Måltidsmiljön är lugn och trivsam" \
  --area kunskapsbaserad
u instrument criterion add MAT VAL "Brukaren kan välja mat och dryck" --area delaktighet
u instrument criterion add MAT NATTFASTA "Nattfastan är högst elva timmar" \
  --area kunskapsbaserad
u instrument add AVTAL "Avtalskrav" --method granskning --scale met_remark_deficiency
u instrument criterion add AVTAL BEMANNING "Bemanning enligt avtalet" --area kompetens
u instrument criterion add AVTAL DOKUMENTATION "Social dokumentation enligt avtalet"
u instrument criterion add AVTAL KLAGOMAL "Rutin för synpunkter och klagomål" --area ledning

# 40 pseudonymous cases in home care, in-house and private, and the meals
# of every residential unit, from a seeded generator.
u --format csv unit list --at 2026-08-31 | python3 "$here/reviews.py" >"$db.csv"
u review import "$db.csv" >/dev/null
rm -f "$db.csv"

# The contract review finds a deficiency: a correction request to the
# provider, answered and verified.
rev=$(u review add --activity AVTAL-NV --instrument AVTAL --assignment NORDV-HT --on 2026-04-14)
u review answer "$rev" BEMANNING deficiency --note "Nattetid en medarbetare för få" \
  --due 2026-05-31
u review answer "$rev" DOKUMENTATION remark --note "Genomförandeplaner saknar datum"
u review answer "$rev" KLAGOMAL met
u correction reply 1 --on 2026-05-12 --text "Nattbemanningen utökad från 1 maj"
u correction verify 1 --on 2026-06-10

# Two goals of the committee's verksamhetsplan, with their measures'
# targets.
u goal add AN-M1 "Brukarna har en aktuell genomförandeplan som följs" \
  --area personcentrerat --committee AN --year 2026
u goal add AN-M2 "Måltiden är en trevlig stund med valmöjligheter" --area delaktighet \
  --committee AN --year 2026
u measure edit REV-GP-AKTUELL --goal AN-M1
u measure edit RES-GP-PLAN --goal AN-M1
u measure edit REV-MAT-MILJO --goal AN-M2
u measure edit REV-MAT-VAL --goal AN-M2
u target set REV-GP-AKTUELL 80 --year 2026
u target set REV-MAT-MILJO 75 --year 2026
u target set REV-MAT-VAL 60 --year 2026

# ---- What the year found, and what was done about it ----------------------
# The user survey (brukarundersökningen) in home care, 2025 and 2026, as
# satisfied out of those who answered; a target for 2026.
u measure edit RES-NOJD-HT --quality-area personcentrerat
while read -r unit a25 n25 a26 n26; do
  u value set RES-NOJD-HT "$unit" 2025 "$a25" --den "$n25"
  u value set RES-NOJD-HT "$unit" 2026 "$a26" --den "$n26"
done <<EOF
HT-CENTRUM 41 48 43 50
HT-NORR 29 44 36 45
HT-SODER 38 45 39 46
HT-VAST 35 40 36 41
HT-OST 44 50 45 51
NV-ALBY 30 39 31 40
NV-BERGA 22 31 24 30
NV-DALEN 27 33 28 34
EOF
u target set RES-NOJD-HT 85 --year 2026
# Kolada's figures for the same survey question (KPI U21468), 2025: a v3
# response in two pages, both given; the country, a municipality group
# and others, one of them reported missing.
u import kolada "$here/kolada/U21468-2025-p2.json" "$here/kolada/U21468-2025-p1.json" >/dev/null

# Findings, each resting on the figures it was made from.
u finding add --activity GP-HT --regime in_house --quality-area personcentrerat \
  --grade strength --text "Genomförandeplanerna i egen regi är aktuella" \
  --evidence REV-GP-AKTUELL:2026 --on 2026-06-25 >/dev/null
gp=$(u finding add --activity GP-HT --assignment NORDV-HT --quality-area personcentrerat \
  --grade deficiency --text "En tredjedel av Nordvårds genomförandeplaner är inaktuella" \
  --evidence REV-GP-AKTUELL:2026 --on 2026-06-25)
u finding add --activity GP-HT --area hemtjanst --quality-area delaktighet \
  --grade strength --text "Brukarna har varit delaktiga i sina planer" \
  --evidence REV-GP-DELAKTIG:2026 --on 2026-06-25 >/dev/null
u finding add --activity MAT --area sarskilt_boende --quality-area delaktighet \
  --grade improvement --text "Få brukare kan välja mat och dryck" \
  --evidence REV-MAT-VAL:2026 --on 2026-06-25 >/dev/null
u finding add --activity AVTAL-NV --assignment NORDV-HT --quality-area kompetens \
  --grade deficiency --text "Nattbemanningen var lägre än avtalet kräver" --on 2026-04-14 \
  >/dev/null
u finding add --activity LOGG --regime in_house --quality-area ledning --grade strength \
  --text "Loggkontrollerna görs enligt rutinen" --on 2026-04-30 >/dev/null

# The overall assessment of each quality area; personcentrerat is revised
# once the survey is in, and the first assessment is kept.
u assessment set --committee AN --year 2025 --quality-area personcentrerat --grade good \
  --rationale "Planerna aktuella i alla granskade enheter" --on 2025-12-10
assess() { u assessment set --committee AN --year 2026 --quality-area "$1" --grade "$2" \
  --rationale "$3" --on "$4"; }
assess personcentrerat acceptable "Planerna aktuella i egen regi, brister hos Nordvård" \
  2026-11-10
assess personcentrerat improvement_needed \
  "Brister hos Nordvård; brukarundersökningen under målet" 2026-11-24
assess delaktighet acceptable "Delaktiga i planerna; få valmöjligheter vid måltiderna" \
  2026-11-10
assess kompetens improvement_needed "Nattbemanningen hos Nordvård, nu rättad" 2026-11-10
assess kunskapsbaserad acceptable "Måltidsmiljön god; nattfastan för lång på två boenden" \
  2026-11-10
assess ledning good "Egenkontroller och loggkontroller enligt plan" 2026-11-10
assess samverkan acceptable "Inte följd upp i år; ingår i planen för 2027" 2026-11-10

# Actions: from the finding about Nordvård's care plans, from the survey
# result in Hemtjänst Norr, and from the activity after IVO's supervision.
a=$(u action add --from "finding:$gp" --text "Nordvård går igenom alla genomförandeplaner" \
  --responsible "Verksamhetschef Nordvård" --due 2026-10-31 --on 2026-07-01)
u action done "$a" --on 2026-10-15
u action evaluate "$a" --effect partly --on 2026-11-20 \
  --note "Uppföljande stickprov: 8 av 10 planer aktuella"
a=$(u action add --from measure:RES-NOJD-HT:2025 --unit HT-NORR \
  --text "Färre personal per brukare genom fasta team" --responsible "Enhetschef" \
  --due 2026-06-30 --on 2026-03-15)
u action done "$a" --on 2026-06-20
u action evaluate "$a" --effect achieved --on 2026-11-24 \
  --note "Nöjdheten steg från 66 till 80 procent"
u action add --from activity:IVO --unit SABO-LINDEN --text "Ny rutin för nattillsyn" \
  --responsible "Enhetschef" --due 2026-08-31 --on 2026-05-15 >/dev/null

# A complaint from outside, and a serious lex Maria case in-house that the
# committee is told of, as of a remarkable deviation.
u deviation add --unit HT-NORR --type complaint --occurred 2026-08-10 --reported 2026-08-12 \
  --summary "Anhörig klagar på sena besök" --origin external >/dev/null
lm=$(u deviation add --unit SABO-LINDEN --type lex_maria --occurred 2026-08-25 \
  --reported 2026-08-26 --category lakemedel \
  --summary "Fel läkemedel gavs vid kvällsmedicineringen")
u deviation investigate "$lm" --on 2026-08-26
u deviation assess "$lm" --assessment serious --on 2026-09-04
u deviation notify "$lm" --on 2026-09-05 --by provider
u deviation inform-committee "$lm" --on 2026-09-07

# Supervision: IVO's in April, answered and closed; Arbetsmiljöverket's
# in August, its response still due.
s=$(u supervision add --authority IVO --unit SABO-LINDEN --reference "3.5.1-11790/2026" \
  --summary "Tillsyn av nattbemanning och nattillsyn" --received 2026-04-10 --due 2026-05-15)
u supervision respond "$s" --on 2026-05-12
u supervision close "$s" --on 2026-06-20
u supervision add --authority AMV --unit EGEN-HT --summary "Inspektion av arbetsmiljön" \
  --received 2026-08-20 --due 2026-09-30 >/dev/null

# Stakeholders, named by the activities, and told of the results.
u stakeholder add AN "Äldrenämnden" --kind committee
u stakeholder add EGEN "Egen regi, äldreomsorgen" --kind provider
u stakeholder add NORDV "Nordvård AB" --kind provider
u stakeholder add OMSH "Omsorgshuset AB" --kind provider
u stakeholder add PRO "Pensionärsföreningarna" --kind users
u activity edit GP-HT --stakeholder AN --stakeholder EGEN --stakeholder NORDV
u activity edit AVTAL-NV --stakeholder AN --stakeholder NORDV
u activity edit MAT --stakeholder EGEN --stakeholder OMSH --stakeholder PRO
u activity edit LOGG --stakeholder EGEN
u inform --activity AVTAL-NV --stakeholder NORDV --how letter --on 2026-07-02
u inform --activity GP-HT --stakeholder NORDV --how meeting --on 2026-08-25
u inform --activity GP-HT --stakeholder EGEN --how meeting --on 2026-08-27
u inform --activity GP-HT --stakeholder AN --how report --on 2026-09-15
u inform --activity MAT --stakeholder EGEN --how meeting --on 2026-09-01
u inform --activity MAT --stakeholder PRO --how web --on 2026-09-10
u inform --activity LOGG --stakeholder EGEN --how meeting --on 2026-06-30

echo "Demo registry: $db"
echo
echo "The values' file was refused at first, for one line:"
echo "  $refusal"
echo "and imported with --confirm, which records that value flagged."
echo
echo "The organisation on 2026-08-31:"
u org --at 2026-08-31
echo
echo "Almen gruppbostad, taken back in-house on 2025-07-01:"
u unit history TH-ALMEN
echo
echo "Level 2, the latest tertial (2026-T2), against the same tertial of 2025:"
u report values --period 2026-T2 --level 2 --compare previous \
  --measure RES-GP-PLAN --measure STR-PERSONER --measure EKO-KOSTNAD \
  --measure EKO-KR-PLATS
echo
echo "Cost per place in total, over the units that have places:"
u report values --period 2026-T2 --level total --measure EKO-KR-PLATS
echo
echo "Deviations per level 2, 2025-09..2026-08:"
u report deviations --period 2025-09..2026-08 --level 2
echo
echo "The follow-up plan 2026 of Äldrenämnden on 2026-08-31:"
u report plan --year 2026 --committee AN --at 2026-08-31
echo
echo "The review of care plans in home care, per criterion:"
u report review --activity GP-HT
echo
echo "Care plans up to date, by regime, 2026 (a criterion is a measure):"
u report values --period 2026 --level total --by regime --measure REV-GP-AKTUELL
echo
echo "The user survey in home care 2025 against Kolada's similar municipalities:"
u report values --period 2025 --level 2 --measure RES-NOJD-HT --compare group G33612 \
  --columns node,value,reference,reference_status
echo
echo "Goal follow-up 2026, Äldrenämnden:"
u report goals --year 2026 --committee AN
echo
echo "The overall assessment 2026 of Äldrenämnden, per quality area:"
u report assessment --year 2026 --committee AN
echo
echo "Actions decided in 2026 for Äldrenämnden per assignment, on 2026-11-30:"
UPPFOLJ_TODAY=2026-11-30 u report actions --period 2026 --committee AN --level 1
echo
echo "Nordvård's own view (--scope provider:NORDV): its units, its figures of"
echo "2026-T2 in total (the provider's own, not the municipality's), and what"
echo "only the administration may do, refused:"
u --scope provider:NORDV unit list --at 2026-08-31
u --scope provider:NORDV report values --period 2026-T2 --level total \
  --measure RES-GP-PLAN --measure EKO-KOSTNAD --columns measure,value,units_reported,units_expected
refused=$(u --scope provider:NORDV value set RES-GP-PLAN HT-NORR 2026-08 5 --den 6 2>&1) || true
echo "  $refused"
refused=$(u --scope provider:NORDV report plan --year 2026 --committee AN 2>&1) || true
echo "  $refused"
echo
echo "Nordvård's own registry, made from the municipality's organisation, in which"
echo "Nordvård records for its own units only:"
nordv="$(dirname "$db")/demo-nordv.db"
rm -f "$nordv" "$nordv-wal" "$nordv-shm"
u org export --provider NORDV --output "$db.nordv-org.json"
n() { "${UPPFOLJ:-uppfolj}" --db "$nordv" --actor nordvard "$@"; }
n init --from-org "$db.nordv-org.json"
n registry
n value set STR-TIMMAR NV-ALBY 2026-11 1480
n report values --period 2026-11 --level 2 --measure STR-TIMMAR \
  --columns measure,node,value,units_reported,units_expected
refused=$(n unit add NV-EKEN "Nordvård Eken" --parent NV-HT --from 2026-12-01 2>&1) || true
echo "  $refused"
echo "What Nordvård recorded, sent as a changeset and applied in the municipality's registry:"
n sync export --output "$db.nordv.sync"
u sync apply "$db.nordv.sync"
u value list --measure STR-TIMMAR --unit NV-ALBY --period 2026-11
echo "The municipality renames a unit of Nordvård's; Nordvård's registry takes it:"
u unit rename NV-ALBY "Nordvård Alby, nya lokalen"
u org export --for "$(n --format csv registry --columns registry | tail -1)" \
  --output "$db.nordv-org.json"
n org update "$db.nordv-org.json"
n unit list --columns code,name | grep NV-ALBY
echo
echo "Data quality, 2026-T2 (missing reports, values out of range, rules"
echo "broken, outliers against the unit's history or comparable units):"
u report quality --period 2026-T2
echo
echo "The interim report (delårsrapport) January to August 2026 to Äldrenämnden,"
echo "built on 2026-09-10 and presented at the meeting of 2026-09-24:"
report=$(UPPFOLJ_TODAY=2026-09-10 u committee-report build --committee AN --kind interim \
  --period 2026-01..2026-08 --title "Delårsrapport januari–augusti 2026")
u committee-report text "$report" --section summary --text "Verksamheterna följer i \
stort den uppföljningsplan som nämnden beslutade i februari. Genomförandeplanerna \
är aktuella hos fyra av fem brukare; måltiderna i särskilt boende behöver \
förbättras, och Nordvårds nattbemanning var en brist som nu är rättad.

Tabeller och diagram följer. Uppgifter som bygger på färre än fem personer \
visas inte i denna allmänna handling."
u committee-report text "$report" --section deviations --text "Fler klagomål \
än väntat i hemtjänsten under andra tertialet; alla lex Sarah-rapporter har \
utretts och ingen utredning kom för sent till IVO."
u committee-report text "$report" --section measures_2 --text "Andelen \
genomförandeplaner som följs ligger nära målet på 80 procent."
UPPFOLJ_TODAY=2026-09-24 u committee-report present "$report" --meeting 2026-09-24 \
  --reference "AN 2026/118"
u committee-report show "$report" --format html --output "$(dirname "$db")/demo-report.html"
if command -v "${UPPFOLJ_CHROMIUM:-chromium}" >/dev/null 2>&1; then
  u committee-report show "$report" --format pdf --output "$(dirname "$db")/demo-report.pdf"
fi
u committee-report verify "$report"
echo "What Äldrenämnden has received:"
u committee-report received --committee AN --columns id,kind,period,meeting,reference
echo
echo "A correction after the meeting: May is unlocked, a value corrected, and"
echo "the diff lists what the registry now gives differently from what was presented:"
UPPFOLJ_TODAY=2026-10-05 u period unlock --committee AN --period 2026-05 \
  --reason "Hemtjänst Norr rapporterade fel antal planer i maj"
u value set RES-GP-PLAN HT-NORR 2026-05 1 --den 6 --confirm
u committee-report diff "$report"
echo "The report is $(dirname "$db")/demo-report.html (a single file: open it in"
echo "any browser, or print it)."
echo
u backup --to "$db.backup"
echo "A backup of the registry, $db.backup, and its checks:"
"${UPPFOLJ:-uppfolj}" --db "$db.backup" doctor
