-- The default catalogue, from the guideline's appendix 1 (part 2): the six
-- quality areas, their process goals, the process measures with their
-- follow-up methods, the structure measures, the result measure, and the
-- economic key figures that measures are related to. The municipality
-- edits and extends it; no C code knows a measure by name.

INSERT INTO quality_area (code, name, description) VALUES
    ('samverkan', 'Samverkan', 'Samverkan kring den enskilde, internt och med andra huvudmän'),
    ('delaktighet', 'Delaktighet', 'Individens inflytande över insatser som utformas och erbjuds'),
    ('personcentrerat', 'Personcentrerat arbetssätt', 'Samordnade insatser med helhetssyn på individens behov'),
    ('kompetens', 'Personalens kompetens', 'Rätt kompetens, ett meningsfullt arbete och möjlighet att växa'),
    ('kunskapsbaserad', 'Kunskapsbaserad verksamhet', 'Bästa tillgängliga kunskap, den enskildes erfarenhet och professionell expertis'),
    ('ledning', 'Ledning och styrning', 'Styrning, uppföljning och utveckling enligt kvalitetsledningssystemet');

WITH g (area, text) AS (VALUES
    ('delaktighet', 'Individen (barnet, den äldre) ska ha inflytande över insatser som utformas och erbjuds.'),
    ('delaktighet', 'När beslut fattas ska det utgå från individens bästa. När insatsen berör barn ska barnets bästa beaktas.'),
    ('ledning', 'Verksamheten ska styras, följas upp och utvecklas av gällande kvalitetsledningssystem för socialtjänst.'),
    ('ledning', 'De ekonomiska ramarna inom verksamhetsuppdraget ska fördelas efter målgruppens behov.'),
    ('ledning', 'Transformativt ledarskap.'),
    ('personcentrerat', 'Insatser ska samordnas och ha helhetssyn kring individens behov.'),
    ('samverkan', 'Samverkan ska ske med utgångspunkt i den enskildes bästa.'),
    ('samverkan', 'Samverkan ska vara flexibel, utgå från uppdragen och vid behov vara verksamhetsöverskridande.'),
    ('kompetens', 'Personalen har rätt kompetens för att utföra sitt uppdrag.'),
    ('kompetens', 'Personalen ska känna att arbetet är meningsfullt och hanterbart.'),
    ('kompetens', 'Det ska finnas möjlighet att utvecklas och växa i sitt uppdrag och sin organisation.'),
    ('kunskapsbaserad', 'Insatser utformas utifrån bästa tillgängliga kunskap, den enskildes erfarenheter, önskemål och professionell expertis.'),
    ('kunskapsbaserad', 'Det finns strukturer för att skapa och tillvarata lokal kunskap.')
)
INSERT INTO process_goal (quality_area_id, text)
SELECT q.id, g.text FROM g JOIN quality_area q ON q.code = g.area;

-- Process measures: one per process measure of the appendix's table, with
-- the goal it follows (by the goal's first words) and its methods.
WITH p (code, name, area, goal, type, label, method) AS (VALUES
    ('DEL-INFO', 'Individen får anpassad information om det som berör dem', 'delaktighet',
     'Individen (barnet', 'share', 'andel svarande', 'Enkät alt. avslutssamtal; granskning av genomförandeplaner'),
    ('DEL-INFLYT', 'Individen får uttrycka sin mening, vara delaktig och ha inflytande', 'delaktighet',
     'När beslut', 'share', 'andel svarande', 'Enkät alt. avslutssamtal; granskning av genomförandeplaner'),
    ('LED-HME', 'Hållbart medarbetarengagemang (HME)', 'ledning',
     'Transformativt', 'mean', 'index 0-100', 'HME'),
    ('LED-KLS', 'Verksamheten styrs och följs upp i kvalitetsledningssystemet', 'ledning',
     'Verksamheten ska styras', 'yesno', 'ja/nej', 'Egenkontroll; granskning'),
    ('PC-METOD', 'Verksamheten har metoder och arbetssätt som stödjer ett personcentrerat förhållningssätt', 'personcentrerat',
     'Insatser ska samordnas', 'yesno', 'ja/nej', 'Granskning av SIP och genomförandeplan; uppföljning av nätverksarbete'),
    ('SAM-HELHET', 'Nätverk och andra professioners stödinsatser upplevs sammanhållna av individen', 'samverkan',
     'Samverkan ska ske', 'share', 'andel svarande', 'Genomförandeplan; SIP; SVOP; kundresan'),
    ('SAM-STRUKTUR', 'Det finns samverkansstrukturer som ger medarbetarna goda förutsättningar att samverka kring individen', 'samverkan',
     'Samverkan ska vara flexibel', 'yesno', 'ja/nej', 'Samverkansöverenskommelser (tjänstemannanivå); fokusgrupper; avvikelser (internt/externt)'),
    ('KOMP-BEMOT', 'Individerna upplever ett gott bemötande', 'kompetens',
     'Personalen har rätt', 'share', 'andel svarande', 'Brukarenkät'),
    ('KOMP-UPPDRAG', 'Medarbetaren förstår sitt uppdrag', 'kompetens',
     'Personalen ska känna', 'share', 'andel svarande', 'Medarbetarenkät; medarbetarsamtal'),
    ('KUNS-NY', 'Ny kunskap inhämtas, analyseras och används i fortsatt arbete', 'kunskapsbaserad',
     'Insatser utformas', 'yesno', 'ja/nej', 'Effektutvärderingar; handlingsplaner utifrån brukarundersökningar'),
    ('KUNS-METOD', 'Vedertagna metoder nyttjas', 'kunskapsbaserad',
     'Insatser utformas', 'yesno', 'ja/nej', 'Effektutvärderingar'),
    ('KUNS-ERFAR', 'Brukarnas egna erfarenheter tas tillvara och omsätts i verksamheten', 'kunskapsbaserad',
     'Det finns strukturer', 'yesno', 'ja/nej', 'Analys av synpunkter, avvikelser, lex Sarah och lex Maria')
)
INSERT INTO measure (code, name, kind, quality_area_id, goal_id, type, time_rule,
                     level, frequency, direction, unit_label, method)
SELECT p.code, p.name, 'process', q.id,
       (SELECT id FROM process_goal WHERE quality_area_id = q.id AND text LIKE p.goal || '%'),
       p.type, CASE p.type WHEN 'yesno' THEN 'last' ELSE 'pool' END,
       3, 'year', 'up', p.label, p.method
FROM p JOIN quality_area q ON q.code = p.area;

-- Staff turnover should fall: the one process measure whose direction is down.
INSERT INTO measure (code, name, kind, quality_area_id, goal_id, type, time_rule,
                     level, frequency, direction, unit_label, method)
SELECT 'KOMP-OMSATT', 'Personalomsättning', 'process', q.id,
       (SELECT id FROM process_goal WHERE quality_area_id = q.id AND text LIKE 'Det ska finnas möjlighet%'),
       'share', 'pool', 3, 'year', 'down', 'andel av anställda',
       'Exitsamtal/avgångssamtal; uppföljning av kompetensförsörjning (verksamhetsberättelse och enkät i oktober)'
FROM quality_area q WHERE q.code = 'kompetens';

-- Structure measures (level 2 and 3), the result measure, and economic
-- key figures.
INSERT INTO measure (code, name, kind, type, time_rule, level, frequency, direction,
                     unit_label, description)
VALUES
    ('STR-PLATSER', 'Antal platser', 'structure', 'count', 'stock', 3, 'month', 'none', 'platser',
     'Volym: platser i boende eller verksamhet'),
    ('STR-TIMMAR', 'Utförda timmar', 'structure', 'amount', 'flow', 3, 'month', 'none', 'timmar',
     'Volym: utförda timmar hos brukare'),
    ('STR-PERSONER', 'Antal personer med insats', 'structure', 'count', 'stock', 3, 'month', 'none', 'personer',
     'Volym: personer som har insatsen'),
    ('STR-ARSARB', 'Antal årsarbetare', 'structure', 'amount', 'stock', 3, 'month', 'none', 'årsarbetare',
     'Personal: antal i förhållande till verksamhetens omfattning'),
    ('STR-UTB', 'Personal med relevant utbildning', 'structure', 'share', 'pool', 3, 'year', 'up', 'andel av personalen',
     'Personal: kompetensnivå i förhållande till uppdraget'),
    ('STR-KO', 'Personer i kö till insats', 'structure', 'count', 'last', 3, 'month', 'down', 'personer',
     'Köer till insatser'),
    ('STR-LOKALER', 'Lokalerna är ändamålsenliga', 'structure', 'yesno', 'last', 2, 'year', 'up', 'ja/nej',
     'Lokaler'),
    ('RES-GP-PLAN', 'Genomförandeplaner som avslutats enligt plan', 'result', 'share', 'pool', 3, 'month', 'up',
     'andel av avslutade planer',
     'Antalet genomförandeplaner som avslutas enligt plan, av alla som avslutats'),
    ('EKO-KOSTNAD', 'Kostnad', 'economic', 'amount', 'flow', 3, 'month', 'down', 'kr',
     'Verksamhetens kostnad'),
    ('EKO-BUDGET', 'Budget', 'economic', 'amount', 'flow', 3, 'month', 'none', 'kr',
     'Verksamhetens budget (internbudget)');

-- Derived indicators that relate measures to the economic key figures.
INSERT INTO indicator (code, name, numerator_id, denominator_id, factor)
SELECT 'EKO-KR-PLATS', 'Kostnad per plats', n.id, d.id, 1
FROM measure n, measure d WHERE n.code = 'EKO-KOSTNAD' AND d.code = 'STR-PLATSER';
INSERT INTO indicator (code, name, numerator_id, denominator_id, factor)
SELECT 'EKO-KR-TIMME', 'Kostnad per utförd timme', n.id, d.id, 1
FROM measure n, measure d WHERE n.code = 'EKO-KOSTNAD' AND d.code = 'STR-TIMMAR';
