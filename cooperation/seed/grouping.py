"""The grouping decisions of the seed: which researched figure rows describe the same
real-world cohort, donation, pledge or announced total.

This is the one file to review before the seed changes. ``build.py`` turns the
researched rows (``research/figures.csv``, a byte-identical copy of
``../shared/data/figures.csv``) plus these decisions into the seed CSV files; it adds
no number of its own. Every record below lists the figure rows it groups (each becomes
one citation whose id is the figure id), names the citation that supplies the headline
number, and says why. Quotes marked README are from ``../shared/data/README.md``,
quotes marked REPORT from ``../shared/data/research/REPORT.md``.

Why group at all: DESIGN.md, "Sources disagree, and that is data": "The 2025 cohort is
'150' leaving Haiti in one source, '143' graduating in another, 'about 140' returning
in a third: that is one cohort with three citations, not three cohorts (the cumulative
chart must not count it three times)." Rows stay apart only when they are different
claims (different values, dates or scope) AND keeping them apart cannot count one group
twice in a cumulative sum; every such case says so below.

The headline rule (build.py checks that each named headline is the rule's winner):
among the record's citations that state a number, prefer

1. a figure for completed training (the rows in ``COMPLETED_TRAINING``) over departed /
   selected / expected (cohorts only); within completed training, a figure for the
   end of the course itself (graduated, finished: ``COURSE_FINISHED``) over one for
   the return home, which counts who travelled back rather than who completed;
2. a primary or official source (source kind ``government_release`` or
   ``un_document``) over press relays;
3. an ``exact`` figure over an approximate, at-least, target or denied one;
4. the later statement over the earlier (``stated_on`` as an ISO prefix; an unknown
   date counts as earliest, never as later);
5. if still tied, the row the researcher listed first (lowest figure id).

The headline is that citation's stated value: never an average, never a number no
source states. A record whose citations state no number has no headline number; its
"lead" citation (chosen by steps 2, 4, 5) gives its dates, institutions and wording.

Record fields the figure rows do not hold (stage, category, kind, measure, place) are
set here, each with its reason. Dates come only from period dates in the research
rows; institutions and descriptions from the headline (or lead) row.
"""

from dataclasses import dataclass

# --- Vocabularies (mirroring cooperation.models; tests check they still match) ------

COMPLETED, IN_TRAINING, SELECTED = "completed", "in_training", "selected"


@dataclass(frozen=True)
class Record:
    id: str  # the public id: stable once published, never reused
    figures: tuple[str, ...]  # the research rows cited by this record
    headline: str  # the citation giving the headline number (or the lead, when none states one)
    notes: str  # written to the record's notes column: what the sources say and why it is one record
    rule: str = ""  # which step of the headline rule decided, for the notes


@dataclass(frozen=True)
class Cohort(Record):
    stage: str = COMPLETED
    # Rows whose period dates give the cohort's start / end (default: the headline row).
    start_from: str = ""
    end_from: str = ""
    # Row whose research `women` column gives the women (default: none).
    women_from: str = ""
    place: str = ""


@dataclass(frozen=True)
class Donation(Record):
    category: str = ""
    date_from: str = ""  # row whose period date gives the date (default: the headline row)
    value_from: str = ""  # a money row giving the value beside an item count


@dataclass(frozen=True)
class Pledge(Record):
    kind: str = ""
    period_from: str = ""  # row whose period dates give the period (default: the headline row)


@dataclass(frozen=True)
class Reported(Record):
    measure: str = ""


# Cohort rows whose own wording reports the training as done (rule step 1). Rows left
# out report a departure, a selection, an expected arrival or a course under way.
# Rows that report the course itself finished (a graduation or its end), as opposed to
# a return flight after it: step 1 prefers these within completed training.
COURSE_FINISHED = frozenset(
    {
        "F035",  # "finished a military training"
        "F036",  # "finalizó el viernes un entrenamiento militar"
        "F119",  # "a graduation ceremony was held for 40 new Haitian soldiers"
        "F122",  # "la graduation des 10 soldats ingénieurs"
    }
)

COMPLETED_TRAINING = frozenset(
    {
        "F017",  # "ont bouclé hier un séminaire"
        "F018",  # "Après un mois et demi de formation ... sont retournés"
        "F022",  # "est de retour au pays ... après une formation de 6 semaines"
        "F025",  # "avaient pris part à une séance de formation spéciale de 4 semaines"
        "F026",  # same sentence, the 12 police
        "F028",  # "est rentré au pays ... après avoir séjourné pendant quatre semaines"
        "F029",  # "une formation intensive suivie par une quarantaine de policiers"
        "F030",  # "ont bénéficié d'une formation spécialisée au Mexique"
        "F035",  # "finished a military training"
        "F036",  # "finalizó el viernes un entrenamiento militar"
        "F037",  # "sont rentrés au pays ..., après avoir suivi une formation intensive"
        "F038",  # "Après près de deux mois de formation ..., environ 140 soldats ... sont revenus"
        "F068",  # "a punto de regresar a su país convertidas en policías profesionales"
        "F095",  # "were equipped in security screening interview techniques during a one-week course"
        "F099",  # "quatre formateurs du RAID ont encadré 55 policiers"
        "F100",  # same sentence, "ainsi que 9 moniteurs"
        "F109",  # "avaient déjà bénéficié de cette formation en juillet"
        "F119",  # "a graduation ceremony was held for 40 new Haitian soldiers"
        "F122",  # "la graduation des 10 soldats ingénieurs"
    }
)


# --- Training cohorts ----------------------------------------------------------------
#
# Stage: README §2 flags the groups "selected or expected to travel" (F019, F082, F116,
# F120): stage `selected`. A group is `completed` when one of its rows reports the
# training done (COMPLETED_TRAINING); a group whose rows report only a departure or a
# course under way is `in_training` (F006/F007 "110 en proceso de entrenamiento" and the
# groups commented "under way" below). build.py checks that a record is `completed`
# exactly when one of its rows is in COMPLETED_TRAINING.
#
# Year: only from period dates in the grouped rows (period_start, else period_end) of
# the rows named by start_from / end_from; a record with no period date keeps the year
# empty (it then stays out of per-year charts, which is also why some year-less records
# below cannot double count there).

COHORTS = (
    # README §5.5 / REPORT §5.4: "150 departed, including 15 women (F031–F034). 143
    # graduated (F035, F036) ... About 140 returned (F037, F038)." One group, one record.
    # F034 (S36, "150 military recruits to Mexico") is the same departure: its input notes
    # place "the first group in Mexico on an eight-week course".
    # Headline: F035–F038 report completed training (step 1); F035 and F036 report the
    # course finished ("finished a military training", "finalizó ... un entrenamiento"),
    # F037 and F038 the return home, so the graduates come first (step 1). S20/S21 are AP
    # wire relays: no official source either way (step 2); both exact (step 3), both
    # 19 Sept 2025 (step 4); F035 is listed first (step 5). So 143.
    # Start: F031's excerpt prints the departure "ce jeudi 24 juillet 2025" (more precise
    # than the headline row's 2025-07, which README §4(c) flags as not printed). End:
    # F035's 2025-09-19, the end of the course ("on Friday", article of that date).
    # Women: 15 from F031/F032 ("135 hommes et 15 femmes"); the 128 + 15 split of the
    # graduates is only in F035's input notes, not in an excerpt.
    # Place: F035's input notes quote AP: "San Miguel de los Jagüeyes (Estado de México)".
    Cohort(
        id="cohort-2025-sedena-fadh-basic-training",
        figures=("F031", "F032", "F033", "F034", "F035", "F036", "F037", "F038"),
        headline="F035",
        rule="steps 1 and 5: finished the course (graduation) rather than returned home; F035 listed before F036",
        stage=COMPLETED,
        start_from="F031",
        end_from="F035",
        women_from="F031",
        place="San Miguel de los Jagüeyes, Estado de México",
        notes=(
            "One group, three headcounts: 150 left Haiti on 24 July 2025, 15 of them women (F031-F034); "
            "143 finished the course on 19 Sept 2025 (F035, F036); 140, or about 140, came back (F037, F038). "
            "The course was announced as three months (F032) and reported as eight weeks (F034, F035 input notes). "
            "Start is the departure printed in F031; end is the end of the course in F035. "
            "Women (15) are stated for the departing group (F031, F032)."
        ),
    ),
    # README §5.6 / REPORT §5.5: "110 soldiers left (F023, F025) but 113 returned (F028)."
    # One course, so one record for the soldiers; the 12 police of the same flight are
    # a different force and a separate record (next).
    # Headline: F025 and F028 report the course done (step 1); both news, both exact;
    # F025 is dated 2023-10-18 while F028's source (S08) is undated (step 4): 110.
    # Dates: F025's period_start 2023-08 ("Au mois d'août dernier"); no row dates the
    # end (F028's "samedi 23 septembre" has no year, README §4).
    Cohort(
        id="cohort-2023-mx-fadh-drone-course",
        figures=("F023", "F025", "F028"),
        headline="F025",
        rule="steps 1 and 4: took part in the four-week course, and the only dated statement among those",
        stage=COMPLETED,
        place="Mexico",
        notes=(
            "The 2023 drone-piloting course: 110 FAd'H soldiers flown to Mexico (F023), 110 who took part in the "
            "four-week course (F025), 113 who came back on 'samedi 23 septembre' with no year printed (F028). "
            "S07 (F023) credits the Sedena / Fuerza Aérea flight; S06 and S08 say Mexico."
        ),
    ),
    # Same course, the police: README §5.6 "The 12 PNH officers are credited to 'la Police
    # Mexicaine' by the PNH (F027), but S07 places them on the Sedena/Fuerza Aérea flight
    # (F024)." Same 12 people, so one record.
    # Headline: F026 alone reports the course done (step 1). Start: F027 prints the
    # departure "le samedi 26 août 2023", more precise than F026's 2023-08.
    Cohort(
        id="cohort-2023-mx-pnh-drone-course",
        figures=("F024", "F026", "F027"),
        headline="F026",
        rule="step 1: the only row reporting the course done",
        stage=COMPLETED,
        start_from="F027",
        place="Mexico",
        notes=(
            "Twelve PNH officers on the 2023 drone course: on the Sedena / Fuerza Aérea flight per S07 (F024), "
            "credited to 'la Police Mexicaine' by the PNH (F027). Start is the departure printed in F027."
        ),
    ),
    # README §3: "F004/F005 and F006/F007: the same remarks reported twice" → one record.
    # Stage `in_training`: "110 en proceso de entrenamiento" / "en cours de formation".
    # F006's input notes: "Probably the Aug–Sept 2023 drone cohort (110 FAd'H soldiers,
    # S06/S07), though the minister calls them police; the source does not link them."
    # Not merged into the drone cohort because no source links them; no period date is
    # printed (UNGA 78 is context only), so the year stays empty and the record stays
    # out of per-year sums: it cannot double count the drone cohort there.
    # Headline: two undated press relays of the same remarks, both exact: step 5, F006.
    Cohort(
        id="cohort-mx-ht-in-training-barcena-remarks",
        figures=("F006", "F007"),
        headline="F006",
        rule="step 5: the same remarks in two relays, tied on every other step",
        stage=IN_TRAINING,
        place="Mexico",
        notes=(
            "Foreign minister Bárcena's remarks (UNGA 78 by context; no date printed): 550 trained and 110 "
            "'en proceso de entrenamiento'. She calls them police; the input notes think they are probably the "
            "2023 drone cohort of FAd'H soldiers, which no source confirms. No year: no period date is printed."
        ),
    ),
    Cohort(
        id="cohort-2008-mx-pf-pnh-anti-kidnapping-seminar",
        figures=("F017",),
        headline="F017",
        stage=COMPLETED,
        place="Haiti",
        notes="Two Mexican federal police inspectors ran an anti-kidnapping seminar for 22 Haitian police officers.",
    ),
    Cohort(
        id="cohort-2019-sedena-fadh-cadres-temamatla",
        figures=("F018",),
        headline="F018",
        stage=COMPLETED,
        place="Temamatla, Estado de México",
        notes="Fifteen future FAd'H cadres came back on 22 February 2019 after a month and a half at Temamatla.",
    ),
    # README §2: "Groups selected or expected to travel are also cohorts, flagged in
    # notes: F019, F082, F116, F120" → `selected`. F015 (a reported total of 50 NCOs
    # "entraînés au Mexique") is "Possibly the same 50" (F019 notes); it stays a reported
    # figure, which is never summed with cohorts.
    Cohort(
        id="cohort-2019-sedena-fadh-nco-candidates-selected",
        figures=("F019",),
        headline="F019",
        stage=SELECTED,
        place="Mexico",
        notes=(
            "Fifty NCOs selected to join a programme with the Mexican army; the source does not say they were "
            "trained. Possibly the same 50 as the reported figure F015 (input notes)."
        ),
    ),
    # F021's input notes: "Same cohort as S11" → one record.
    # Stage `in_training`: both rows report the departure for Temamatla ("ont quitté le
    # pays ... en direction de Temamatla"; S11's title "en formation au Mexique"); no
    # row reports the course done.
    # Headline: both approximate 30, both departures, both news; F020 is dated
    # 2022-09-06 and F021's source is undated (step 4).
    Cohort(
        id="cohort-2022-sedena-fadh-engineers-temamatla",
        figures=("F020", "F021"),
        headline="F020",
        rule="step 4: the only dated statement",
        stage=IN_TRAINING,
        place="Temamatla, Estado de México",
        notes=(
            "About thirty FAd'H engineer-corps soldiers flown to Temamatla for training (F020: '30', with 'Une "
            "trentaine' in the headline; F021: 'nearly thirty'). No source found reports the course completed. "
            "F020 prints 'le vendredi 3 septembre 2022'; 3 September 2022 was a Saturday (input notes)."
        ),
    ),
    Cohort(
        id="cohort-2022-sedena-fadh-national-guard-unit",
        figures=("F022",),
        headline="F022",
        stage=COMPLETED,
        place="Mexico",
        notes="150 FAd'H soldiers came back on 18 November 2022 after six weeks of training in Mexico.",
    ),
    # README §5.2 lists "about 40 trained in Jamaica and Mexico together (F029)" beside
    # the 12 drone trainees as a separate documented police group. It may overlap the 12
    # (both drones, PNH) but no source says so; with no period date its year is empty,
    # so it stays out of per-year sums and cannot double count the 2023 record there.
    Cohort(
        id="cohort-mx-pnh-drones-jamaica-mexico",
        figures=("F029",),
        headline="F029",
        stage=COMPLETED,
        place="Jamaica and Mexico",
        notes=(
            "About forty PNH officers trained in Jamaica and Mexico with Canadian funding, no split between the two "
            "countries and no date. Jamaica and Canada are also providers (input). May overlap the 12 PNH officers "
            "of the 2023 drone course; no source says so."
        ),
    ),
    # F030 states no number: the record has no trainees, and no headline number.
    Cohort(
        id="cohort-2024-amexcid-ht-c2-c5-centres",
        figures=("F030",),
        headline="F030",
        stage=COMPLETED,
        place="C2 and C5 centres, Mexico City",
        notes="Haitian security representatives trained at Mexico City's C2 and C5 centres from January 2024; no number stated.",
    ),
    Cohort(
        id="cohort-co-pnc-pnh-women-police-recruits",
        figures=("F068",),
        headline="F068",
        stage=COMPLETED,
        women_from="F068",
        place="Escuela de Policía de Sumapaz, Fusagasugá, Colombia",
        notes="Ten Haitian women about to return home as police officers after training in Colombia, US-funded; no date printed.",
    ),
    # Stage `in_training`: "se encuentra en Miami en donde durante tres semanas serán
    # entrenados" (under way); no row reports the course done.
    Cohort(
        id="cohort-us-pnh-anti-narcotics-miami",
        figures=("F081",),
        headline="F081",
        stage=IN_TRAINING,
        place="Miami",
        notes="21 PNH anti-narcotics agents in Miami for three weeks of training by US federal agents; no date printed.",
    ),
    Cohort(
        id="cohort-inl-pnh-team-leaders-texas",
        figures=("F082",),
        headline="F082",
        stage=SELECTED,
        place="Texas",
        notes="25 PNH team leaders due to leave for Texas on 'vendredi 31 mai' (no year) for leadership and human-rights training.",
    ),
    Cohort(
        id="cohort-jcf-pnh-security-screening",
        figures=("F095",),
        headline="F095",
        stage=COMPLETED,
        place="National Police College of Jamaica",
        notes="First 16-member PNH cohort trained in a one-week course; RCMP and Global Affairs Canada also named (input).",
    ),
    # F099 and F100 are two different groups of the same course ("55 policiers ... ainsi
    # que 9 moniteurs"): two records, each with its own stated number. No number is summed.
    Cohort(
        id="cohort-2025-raid-pnh-specialised-units",
        figures=("F099",),
        headline="F099",
        stage=COMPLETED,
        place="Haiti (Police Academy)",
        notes="Four RAID trainers trained 55 PNH officers from specialised units; 9 PNH monitors on the same course are a separate record.",
    ),
    Cohort(
        id="cohort-2025-raid-pnh-monitors",
        figures=("F100",),
        headline="F100",
        stage=COMPLETED,
        place="Haiti (Police Academy)",
        notes="Nine PNH monitors (instructors) trained on the same RAID course as the 55 officers of the previous record.",
    ),
    # F109 speaks of "une trentaine d'autres soldats" besides the 25 of F108, so F108 is a
    # different group. Stage `in_training`: "a confirmé la participation de 25 militaires
    # haïtiens au programme Sabre" reports participation, not a finished course.
    Cohort(
        id="cohort-fr-fadh-sabre-martinique-confirmed",
        figures=("F108",),
        headline="F108",
        stage=IN_TRAINING,
        place="Martinique",
        notes="The French ambassador confirmed on 14 September (no year printed) that 25 Haitian soldiers take part in the SABRE programme.",
    ),
    # F110's curation: "It corroborates F109" → one group. Headline: F109 reports the
    # training done ("avaient déjà bénéficié"), F110 the departure (step 1).
    Cohort(
        id="cohort-2025-fr-fadh-sabre-martinique-july",
        figures=("F109", "F110"),
        headline="F109",
        rule="step 1: reports the training done; the other row reports the departure",
        stage=COMPLETED,
        place="Martinique",
        notes="About thirty Haitian soldiers trained in Martinique in July 2025 (F109), sent there for two weeks (F110).",
    ),
    # README §5.10: "a first class of 24 men + 6 women (F112, F113)". The class total is
    # not stated as a single number ("Class total not stated as a single number"), and
    # a record's number must be one a source states: so the men and the women are two
    # records, 24 and 6, which together hold the class without adding anything.
    # Stage `in_training`: the course opened on 8 Aug 2025; no row reports it finished.
    Cohort(
        id="cohort-2025-pf-pnh-special-forces-men",
        figures=("F112",),
        headline="F112",
        stage=IN_TRAINING,
        place="Academia Nacional de Polícia, Brasília",
        notes=(
            "The 24 men of the first PNH special-forces class at Brazil's federal police academy (course opened "
            "8 Aug 2025). The 6 women of the same class are the next record: the source gives no class total."
        ),
    ),
    Cohort(
        id="cohort-2025-pf-pnh-special-forces-women",
        figures=("F113",),
        headline="F113",
        stage=IN_TRAINING,
        women_from="F113",
        place="Academia Nacional de Polícia, Brasília",
        notes="The 6 women of the same first class; the 24 men are the previous record.",
    ),
    Cohort(
        id="cohort-2009-carabineros-pnh-agents-cenrecar",
        figures=("F116",),
        headline="F116",
        stage=SELECTED,
        place="CENRECAR, Chile",
        notes="40 PNH agents expected in Chile in early March 2009 for a special agents course.",
    ),
    # "Ce groupe rejoint une vingtaine d'inspecteurs": a different group from F116.
    # Stage `in_training`: "se trouvent au Chili depuis le 28 février 2009".
    Cohort(
        id="cohort-2009-carabineros-pnh-inspectors",
        figures=("F117",),
        headline="F117",
        stage=IN_TRAINING,
        place="Chile",
        notes="About twenty PNH inspectors in Chile since 28 February 2009 for a public-security certificate.",
    ),
    # Stage `in_training`: "llegaron ... para convertirse en oficiales de Carabineros".
    Cohort(
        id="cohort-carabineros-ht-officer-cadets",
        figures=("F118",),
        headline="F118",
        stage=IN_TRAINING,
        women_from="F118",
        place="Chile",
        notes="Six Haitians (one man, five women) arrived to train as Carabineros officers on a scholarship; no period date printed.",
    ),
    Cohort(
        id="cohort-2015-ec-army-fadh-engineers",
        figures=("F119",),
        headline="F119",
        stage=COMPLETED,
        place="Ecuador",
        notes="40 Haitian engineering-corps soldiers graduated in Ecuador. The 2015 dates are kept from the input and not printed (README §4(c)).",
    ),
    Cohort(
        id="cohort-ec-eloy-alfaro-mod-cadets-selected",
        figures=("F120",),
        headline="F120",
        stage=SELECTED,
        place="Eloy Alfaro Military College, Quito",
        notes="Eight cadets selected by Haiti's Ministry of Defence for four years of study in Ecuador.",
    ),
    Cohort(
        id="cohort-2017-ec-army-fadh-soldier-engineers",
        figures=("F122",),
        headline="F122",
        stage=COMPLETED,
        place="Ecuador",
        notes="Graduation of 10 Haitian soldier-engineers, class of 2017; the end date 2017-08-15 is kept from the input, not printed.",
    ),
)


# --- Reported figures (announced totals) -------------------------------------------
#
# Claims, shown beside the itemised records and never summed with them, so different
# values or dates stay different records (README §5.4: "The totals do not rise
# steadily"). Same total from different outlets = one record (README §3: "Several
# totals are the same figure from different outlets, e.g. F001/F002, F009/F010 and
# F011–F013"). stated_on and the period come from the headline row.

REPORTED_FIGURES = (
    # README §5.1: F001 "citing the Cancillería"; F002 "This is third-hand". Both undated,
    # both exact. Steps 1–4 tie; step 5 gives F001, which is also the less relayed one.
    Reported(
        id="reported-mx-912-trained-since-2018",
        figures=("F001", "F002"),
        headline="F001",
        rule="step 5 on a tie; F001 is also closer to the official statement (Cancillería, second-hand) than F002 (third-hand)",
        measure="personnel_trained",
        notes=(
            "912 trained by Mexico since 2018: 'efectivos haitianos' per the Cancillería (F001), 'soldados' of the "
            "FAd'H per Sedena via Haïti Libre via Almomento (F002). Neither source is dated; no primary Mexican "
            "document with 912 was found (README §6)."
        ),
    ),
    Reported(
        id="reported-2023-mx-fadh-654-soldiers-trained",
        figures=("F003",),
        headline="F003",
        measure="personnel_trained",
        notes="Mexican ambassador to Le Nouvelliste: 654 soldiers trained in Haiti or Mexico ('environ 654' elsewhere in the article).",
    ),
    # README §3: "F004/F005 ... the same remarks reported twice". F004 says "unos 550",
    # F005 "550" (step 3).
    Reported(
        id="reported-mx-550-trained-barcena",
        figures=("F004", "F005"),
        headline="F005",
        rule="step 3: exact ('550') beats 'unos 550'",
        measure="personnel_trained",
        notes="Bárcena's remarks at UNGA 78 (by context; no date printed): 550 already trained, called police by the minister.",
    ),
    # README §5.4: "more than 720 (F008) and 762 (F009, F010), from the Kingston
    # meeting" — different values, so different records.
    Reported(
        id="reported-mx-720-police-trained-barcena",
        figures=("F008",),
        headline="F008",
        measure="personnel_trained",
        notes="Bárcena, Kingston CARICOM meeting (March 2024 by context): 'más de 720 policías haitianos' trained. Differs from the 762 of the SRE communiqué.",
    ),
    Reported(
        id="reported-mx-762-officers-trained",
        figures=("F009", "F010"),
        headline="F009",
        rule="step 5: two relays of the same communiqué, tied on every other step",
        measure="personnel_trained",
        notes="SRE communiqué on the Kingston meeting: 762 Haitian officers trained, police and armed forces programmes, no split.",
    ),
    Reported(
        id="reported-2024-mx-fadh-700-trained-since-2017",
        figures=("F011", "F012", "F013"),
        headline="F011",
        rule="step 5: the same interview in three outlets on the same day, tied on every other step",
        measure="personnel_trained",
        notes=(
            "Chargé d'affaires Jesús Cisneros, December 2024: more than 700 FAd'H soldiers trained, 2017-2024. "
            "Lower than the 762 of March 2024; a lower bound that may count soldiers only (README §5.4)."
        ),
    ),
    # F014 and F015 are two lines of one list of "commitments honoured": different
    # claims, two records. README §4(c): their 2018 is the programme's start year.
    Reported(
        id="reported-mx-fadh-250-trained-anacaona",
        figures=("F014",),
        headline="F014",
        measure="personnel_trained",
        notes="Telemix list: 250 soldiers trained by Mexican instructors at the Anacaona base. Period start 2018 is the programme's start year (UNCERTAIN, README §4(c)).",
    ),
    Reported(
        id="reported-mx-fadh-50-ncos-trained-in-mexico",
        figures=("F015",),
        headline="F015",
        measure="personnel_trained",
        notes="Telemix list: 50 soldiers trained in Mexico became NCOs; possibly the 50 selected in 2019 (cohort F019).",
    ),
    Reported(
        id="reported-us-pnh-250-million-usd-since-2010",
        figures=("F069",),
        headline="F069",
        measure="funding",
        notes="Assistant Secretary Nichols: more than USD 250 million to the Haitian police since 2010, training and equipment combined.",
    ),
    # README §5.10: "Canadian academy graduates: about 400 (F090) vs 482 (F091)" —
    # different values and dates, so two claims.
    Reported(
        id="reported-2022-ca-pnh-400-trained-academy-project",
        figures=("F090",),
        headline="F090",
        measure="personnel_trained",
        notes="L'Express: a Canadian-funded project trained 'près de 400' PNH commissioners and inspectors. Global Affairs Canada says 482 (separate record).",
    ),
    Reported(
        id="reported-2022-ca-pnh-482-academy-graduates",
        figures=("F091",),
        headline="F091",
        measure="personnel_trained",
        notes="Global Affairs Canada: 482 commissioners and inspectors graduated from the National Police Academy. L'Express says about 400 (separate record).",
    ),
    Reported(
        id="reported-fr-ht-10-million-eur-security-2024",
        figures=("F103",),
        headline="F103",
        measure="funding",
        notes="More than EUR 10 million for security in 2024, within EUR 43 million allocated to Haiti by the French embassy.",
    ),
    Reported(
        id="reported-fr-pnh-360-police-trained",
        figures=("F104",),
        headline="F104",
        measure="personnel_trained",
        notes="About 360 specialised PNH officers trained by French experts; listed beside 12 RAID sessions in 2023-2024 (context row F105).",
    ),
    # README §3: "F123 and F124: 400 kits counted again within the 800" — the 800 is a
    # claim, kept apart from the 400-kit donation and never added to it.
    Reported(
        id="reported-2024-tw-ht-800-ppe-kits",
        figures=("F124",),
        headline="F124",
        measure="equipment_items",
        notes="Taiwan: 800 PPE kits given in two years, including the 400 of August 2024 (donation F123). Do not add the two.",
    ),
    Reported(
        id="reported-2023-undp-pnh-basket-fund-14-9-million-usd",
        figures=("F126",),
        headline="F126",
        measure="funding",
        notes="UNDP's basket fund for PNH professionalisation had received USD 14.9 million of a USD 28 million budget (UN Secretary-General report, 14 April 2023).",
    ),
)


# --- Pledges --------------------------------------------------------------------------
#
# One promise (the same donor, recipient and scope) is one record however often it
# was restated, even when the number changed: README §5.7 "The 2025 pledge grew over
# time". A promise of a different scope (a whole programme vs its first year or first
# contingent) is a different record, with a "do not add" note. Pledges are compared
# with deliveries one by one, never summed into the cumulative chart.
# announced = the headline row's stated_on; the period = the period_from row's dates.

PLEDGES = (
    # README §5.7: "More than 100 soldiers (F040–F042, December 2024). Then 150 (F039).
    # Then 700 over the whole programme (F043–F046)." F040's input notes: "the figure
    # later became 150 (S01) / 700 over the programme". The >100 and the 150 are the
    # same promise, the 2025 intake ("en 2025", "l'année prochaine"); the 700 is a
    # different scope ("à terme", "au total", "ultimately") and a separate record.
    # Headline: F039 is the only exact figure (step 3). Period: F040 prints "en 2025"
    # (F039 has no period).
    Pledge(
        id="pledge-2025-mx-fadh-training-in-mexico",
        figures=("F039", "F040", "F041", "F042"),
        headline="F039",
        rule="step 3: the only exact figure (150); the others are 'plus de 100'",
        kind="training",
        period_from="F040",
        notes=(
            "Mexico's training of FAd'H soldiers in 2025: 'plus de 100' in December 2024 (F040-F042, Mexican "
            "embassy), then 150 announced by SRE, Sedena and AMEXCID (F039, undated). Part of the 700-soldier "
            "programme pledge: do not add the two. Period 2025 is printed in F040."
        ),
    ),
    # Headline: all four exact; F044 and F045 are dated 2025-07-25, F043 and F046 undated
    # (step 4); F044 before F045 (step 5). README §5.7: "Only Haitian or secondary sources
    # give the 700; no Mexican source does."
    Pledge(
        id="pledge-2025-mx-fadh-700-soldiers-programme",
        figures=("F043", "F044", "F045", "F046"),
        headline="F044",
        rule="steps 4 and 5: dated 25 July 2025 (F043, F046 are undated), listed before F045",
        kind="training",
        notes=(
            "The bilateral programme is to train 700 Haitian soldiers in all. Haitian government and Ministry of "
            "Defence figure relayed by the press; no Mexican source for 700 was found. Includes the 2025 intake "
            "(separate record): do not add."
        ),
    ),
    # F049 (AMEXCID "entregará", 2025 by context) and F050 (December 2024, "Le prochain
    # soutien concret prendra la forme d'un don d'équipements de protection
    # individuelle") promise the same PPE for the FAd'H; neither states a quantity. The
    # delivery is donation F048 (1,000 items). Lead: F050, the only dated row (step 4).
    Pledge(
        id="pledge-2024-mx-fadh-protective-equipment",
        figures=("F049", "F050"),
        headline="F050",
        rule="step 4: the only dated row",
        kind="equipment",
        notes=(
            "Personal protective equipment for the FAd'H, announced in December 2024 (F050) and again by AMEXCID "
            "(F049); no quantity stated. The donation of 1,000 items (F048) is recorded separately."
        ),
    ),
    # README §5.10: "Colombia's 1,000: military only (F058, F067) vs military and police
    # (F060, F066)." One promise. Headline: all exact; F060 (2025-08-19) is the latest
    # (step 4).
    Pledge(
        id="pledge-2025-co-train-1000-haitians",
        figures=("F058", "F060", "F066", "F067"),
        headline="F060",
        rule="step 4: the latest statement (19 Aug 2025)",
        kind="training",
        notes=(
            "Colombia to train 1,000 Haitians: 'militares y policías' (F060, F066) or military only (F058: 500 Army, "
            "250 Navy, 250 Air Force; F067). Its first contingent of 200 is a separate record: do not add."
        ),
    ),
    # F059 "un primer contingente de 200 soldados" and F062 "entrenar a 200 militares en
    # lo que restaba del año": the same first step of the 1,000, a different scope.
    Pledge(
        id="pledge-2025-co-first-contingent-200",
        figures=("F059", "F062"),
        headline="F062",
        rule="step 4: the later statement (19 Aug 2025)",
        kind="training",
        notes="Colombia's first contingent of 200 Haitian soldiers, to be trained in the rest of 2025. Part of the 1,000: do not add.",
    ),
    # README §5.10: "US vehicles: 50 (F070, F072; being delivered) vs 60 delivered
    # (F073)." F070 and F072 are the same promised 50 (one record); the 60 delivered is
    # a donation. Headline: both exact; F072 is dated 2021-12 (step 4).
    Pledge(
        id="pledge-2021-inl-pnh-50-vehicles",
        figures=("F070", "F072"),
        headline="F072",
        rule="step 4: the only dated statement",
        kind="equipment",
        notes=(
            "INL to deliver 50 new vehicles and protective equipment to the PNH; 19 already in service (F072). "
            "Nichols later said 60 vehicles were delivered (donation F073)."
        ),
    ),
    Pledge(
        id="pledge-us-pnh-15-million-usd",
        figures=("F071",),
        headline="F071",
        kind="funding",
        notes="A recent USD 15 million increase, 12 million of it for anti-gang capacity. UNCERTAIN type (input): delivery not stated.",
    ),
    Pledge(
        id="pledge-ca-pnh-academy-15-million",
        figures=("F074",),
        headline="F074",
        kind="funding",
        notes="Canada committed $15 million to the National Police Academy within a $50-million package. CAD is the input's assumption ('$').",
    ),
    Pledge(
        id="pledge-us-mss-pnh-40-3-million-usd",
        figures=("F078",),
        headline="F078",
        kind="funding",
        notes="USD 40.3 million aid package shared by the MSS and the PNH, no split (recipient: the first named, MSS).",
    ),
    Pledge(
        id="pledge-2022-us-ht-48-million-usd-law-and-order",
        figures=("F079",),
        headline="F079",
        kind="funding",
        notes="State Department to give USD 48 million for law-and-order infrastructure and against gangs; not PNH-only.",
    ),
    Pledge(
        id="pledge-us-pnh-65-million-usd",
        figures=("F085",),
        headline="F085",
        kind="funding",
        notes="Blinken: USD 65 million more 'para profesionalizar' the Haitian police (UNGA ministerial, September 2023 by context).",
    ),
    # README §3: "F087 and F088: the same Canadian project, in CAD and in USD." One
    # record. Headline: F087 "9,9 millions de dollars canadiens" is exact, F088 "unos
    # 7,3 millones" approximate (step 3); F087's own excerpt also gives the USD sum.
    Pledge(
        id="pledge-ca-pnh-academy-9-9-million-cad",
        figures=("F087", "F088"),
        headline="F087",
        rule="step 3: exact CAD 9.9 million beats 'unos 7,3 millones' USD",
        kind="funding",
        notes=(
            "Canadian project for the National Police Academy under an MoU signed 'mercredi 29 mars' (2023 per "
            "S58): CAD 9.9 million (F087), 'un peu plus de 7,3 millions de dollars américains' in the same excerpt, "
            "about USD 7.3 million over five years (F088). The same money: do not add."
        ),
    ),
    Pledge(
        id="pledge-ca-pnh-100-million-equipment",
        figures=("F089",),
        headline="F089",
        kind="funding",
        notes="Trudeau announced on 'Mar. 24' (no year) $100 million for PNH equipment. CAD is the input's assumption.",
    ),
    Pledge(
        id="pledge-2024-gac-pnh-training-centres",
        figures=("F092",),
        headline="F092",
        kind="funding",
        notes="Global Affairs Canada project: maximum contribution $3,800,000 for PNH training centres, 26 March 2024 to 31 March 2026.",
    ),
    Pledge(
        id="pledge-2010-ca-pnh-headquarters",
        figures=("F093",),
        headline="F093",
        kind="funding",
        notes="Ottawa to spend $9.5 million over two years to help build the police headquarters.",
    ),
    Pledge(
        id="pledge-2010-ca-ht-first-aid-training-7000",
        figures=("F094",),
        headline="F094",
        kind="training",
        notes="A target ('The hope is to train') of 7,000 police officers and first responders in emergency response, Canadian-funded.",
    ),
    # README §5.10: "Kenya's 2,000-trainee plan was reported (F096, F097) and then
    # denied by its Prime Cabinet Secretary (F098)." One claimed plan: its reports and
    # its denial are citations of one record (the denial carries qualifier `denied`).
    # Headline: F096 is the only exact figure (step 3).
    Pledge(
        id="pledge-2024-ke-pnh-train-2000-denied",
        figures=("F096", "F097", "F098"),
        headline="F096",
        rule="step 3: the only exact figure; F097 is 'unos 2,000', F098 a denial",
        kind="training",
        notes=(
            "DENIED. Reported in May 2024: Kenya would train 2,000 Haitian police (F096, F097). Kenya's Prime "
            "Cabinet Secretary Musalia Mudavadi denied any such arrangement (F098). No evidence it happened. "
            "Period dates are kept from the input and are UNCERTAIN (README §4(c))."
        ),
    ),
    # README §5.10: "Brazil: 'more than 400' or '400' (F114, F115) vs about 40 planned
    # (F111) vs a first class of 24 men + 6 women (F112, F113)." The 400s are one
    # promise; the ~40 is a different plan (a different value and date).
    Pledge(
        id="pledge-2024-br-pnh-40-police-brasilia",
        figures=("F111",),
        headline="F111",
        kind="training",
        notes="Plan for about 40 Haitian police at the federal police academy in Brasília ('outros grupos poderiam vir na sequência').",
    ),
    Pledge(
        id="pledge-br-pnh-train-400-police",
        figures=("F114", "F115"),
        headline="F115",
        rule="step 3: exact '400' beats 'plus de 400'",
        kind="training",
        notes="More than 400 (F114, September 2024) or 400 (F115) Haitian police to be trained in Brazil. The first class found had 24 men and 6 women.",
    ),
    Pledge(
        id="pledge-2012-ec-police-pnh-15-per-year",
        figures=("F121",),
        headline="F121",
        kind="training",
        notes="Ecuadorian police to train 15 Haitian policemen each year: a yearly rate, not a total.",
    ),
)


# --- Equipment donations ------------------------------------------------------------
#
# Category from models.DonationCategory. Money-only donations hold value + currency and
# no quantity. The date is the date_from row's period_start (else period_end).

DONATIONS = (
    Donation(
        id="donation-mx-fadh-protective-equipment",
        figures=("F048",),
        headline="F048",
        category="protective_gear",
        notes=(
            "Mexican embassy communiqué: 1,000 items of personal protective equipment given to the FAd'H, on "
            "'vendredi 25 juillet' with no year printed. No breakdown into vests, helmets, etc. was found."
        ),
    ),
    # README §5.9: "Telemix's claim that Mexico supplied armoured vehicles and light arms
    # (F051) has no quantity and no corroboration." Category `other`: the claim mixes
    # vehicles and weapons ("des équipements militaires, notamment ...").
    Donation(
        id="donation-mx-ht-armoured-vehicles-light-arms-claim",
        figures=("F051",),
        headline="F051",
        category="other",
        notes="UNCORROBORATED claim (Telemix) that Mexico supplied military equipment, including armoured vehicles and light arms. No quantity.",
    ),
    # README §5.8: one command centre, three dates (27 May 2025, 2 June 2025, "En 2024")
    # and two credits. One C3I, so one record, or it would be counted up to four times.
    # Headline: F052 is the only primary government document (S29, step 2). Its donor is
    # AMEXCID (input's first-named); F054 credits the US, Canada and UNDP and not Mexico.
    Donation(
        id="donation-2025-mx-ht-c3i-command-centre",
        figures=("F052", "F053", "F054", "F055"),
        headline="F052",
        rule="step 2: the only primary government source (Embajada de México en Haití, S29)",
        category="infrastructure",
        notes=(
            "Haiti's Command, Control, Communication and Intelligence Centre (C3I). Date: 27 May 2025 (F052, F054) "
            "vs 2 June 2025 (F053) vs 'En 2024' (F055). Credit: Mexican sources credit the embassy, AMEXCID and a "
            "'modelo mexicano'; TedActu credits the US, Canada and UNDP and does not mention Mexico (F054). The "
            "primary Mexican document (F052) says only that the embassy took part in the handover ceremony."
        ),
    ),
    Donation(
        id="donation-us-pnh-60-vehicles-delivered",
        figures=("F073",),
        headline="F073",
        category="vehicles",
        notes="Nichols: 'We've delivered 60 new vehicles' and hundreds of PPE items. The INL pledge says 50 (pledge record).",
    ),
    # README §3: "F075 and F076/F077: a shipment and its contents" → one record. The
    # model holds one quantity per donation, and the shipment has two (9 vehicles, 600
    # rifles) besides its value; the record holds the shipment's value (F075, which
    # describes the whole) and leaves quantity empty, the counts stay in their citations.
    # Headline: three rows of one undated source, all exact (step 5: F075).
    Donation(
        id="donation-inl-pnh-armoured-vehicles-rifles-shipment",
        figures=("F075", "F076", "F077"),
        headline="F075",
        rule="step 5: one source, tied; F075 is also the only row describing the whole shipment",
        category="vehicles",
        notes=(
            "INL shipment worth USD 6 million: nine armoured all-terrain vehicles (F076), 600 rifles (F077), "
            "backhoe loaders and bulldozers. One shipment: the counts are its contents, not further donations. "
            "Quantity is empty because the record holds one count and the shipment has two."
        ),
    ),
    # README §3: "F083 and F084: vehicles and the programme that bought them" → one
    # record: the 20 vehicles (F083, step 5 on a tie) with the programme's value (F084).
    Donation(
        id="donation-us-pnh-border-police-vehicles",
        figures=("F083", "F084"),
        headline="F083",
        rule="step 5: one source, tied",
        category="vehicles",
        value_from="F084",
        notes=(
            "20 motorcycles and all-terrain vehicles for the Border Police, delivered via IOM, bought under a USD "
            "645,000 programme (F084). The value is the programme's; the vehicles' own value is not stated."
        ),
    ),
    Donation(
        id="donation-us-pnh-community-anti-gang-funding",
        figures=("F086",),
        headline="F086",
        category="funding",
        notes="Psaki: the US was providing USD 5 million to the PNH 'to work with communities to resist gangs'.",
    ),
    # F101's period is "les 16 et 17 juin": the record holds one date, the first day.
    Donation(
        id="donation-2025-fr-pnh-four-tonnes-equipment",
        figures=("F101",),
        headline="F101",
        category="other",
        notes=(
            "Four tonnes of equipment and materiel (including simulation weapons) delivered on 16 and 17 June; the "
            "year is kept from the input (UNCERTAIN). The DCIS is also named."
        ),
    ),
    # The excerpt also says "d'une valeur d'environ 1 million €", but no research row
    # states that value as a number (README: "is not a separate row"), so the record has
    # no value: a record number must be a citation's stated value.
    Donation(
        id="donation-2024-fr-pnh-armoured-vehicles",
        figures=("F102",),
        headline="F102",
        category="vehicles",
        notes="Four armoured intervention vehicles handed over in December 2024, 'd'une valeur d'environ 1 million €' (value not recorded as a number).",
    ),
    Donation(
        id="donation-fr-pnh-17-motorcycles",
        figures=("F107",),
        headline="F107",
        category="vehicles",
        notes="France (DCSD) gave 17 motorcycles to the PNH on 10 May (no year printed).",
    ),
    Donation(
        id="donation-2024-tw-ht-ppe-kits",
        figures=("F123",),
        headline="F123",
        category="protective_gear",
        notes="400 PPE kits (helmet, vest, etc.) from Taiwan. Counted again within the 800 kits of reported figure F124: do not add.",
    ),
    Donation(
        id="donation-2025-jp-pnh-32-vehicles",
        figures=("F125",),
        headline="F125",
        category="vehicles",
        notes="32 new Toyota vehicles (24 patrol cars, 8 ambulances) from Japan via UNDP.",
    ),
    Donation(
        id="donation-undp-pnh-ppe-items",
        figures=("F128",),
        headline="F128",
        category="protective_gear",
        notes="UNDP delivering 300 PPE items to Haiti, per a BINUH partner meeting of '15 May' (no year).",
    ),
    Donation(
        id="donation-un-pnh-motorola-radios",
        figures=("F129",),
        headline="F129",
        category="communications",
        notes="About a thousand Motorola radios, in the same list as the 300 PPE items; the donor is not clearly stated.",
    ),
)


# --- Context rows -------------------------------------------------------------------
#
# README §2: "context: Anything else: delegation sizes, numbers of seminars or
# sessions, programme duration, per-session rates, an estimated cost, purchases that
# are not donations, a class size shown in donated uniforms." They are not figures of
# any record: no citation, no record. They stay in research/figures.csv (the copy of
# the researched data shipped with the seed), which is where to find them.

CONTEXT = {
    "F016": "about a dozen seminars (a count of seminars, not people), S08's list",
    "F047": "MoU renewing the programme for five years (a duration)",
    "F056": "five Mexican Army officers gave a seminar (instructors, not trainees)",
    "F057": "six-member Mexican military delegation, May 2018 (a delegation size)",
    "F061": "about USD 2.5 million estimated cost of Colombia's programme (an estimate, not a donation)",
    "F063": "Colombia coordination delegation of seven (a delegation size)",
    "F064": "seven military of the same delegation, per Petro (a delegation size)",
    "F065": "three police of the same delegation, per Petro (a delegation size)",
    "F080": "1,058 HNP cadets graduating in US-donated uniforms (a class size; the uniforms are not counted)",
    "F105": "twelve RAID sessions in 2023-2024 (a count of sessions), beside reported figure F104",
    "F106": "about twenty police per RAID session (a per-session rate)",
    "F127": "PNH received 11 of 18 armoured vehicles it bought from companies (a purchase, not a donation)",
}

RECORDS = {
    "cohort": COHORTS,
    "reported_figure": REPORTED_FIGURES,
    "pledge": PLEDGES,
    "donation": DONATIONS,
}
