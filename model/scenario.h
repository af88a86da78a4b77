/* scenario.h - the settings of one planning run (scenario.ini), with the
 * defaults every run starts from.  docs/data-format.md documents each key,
 * its default and where the default comes from.
 *
 * sn_scenario_init() gives the defaults; io/ini.c overrides them from a
 * scenario.ini.  Plain data: copying the struct copies everything except
 * the two owned strings, which sn_scenario_copy() duplicates.
 */
#ifndef SN_SCENARIO_H
#define SN_SCENARIO_H

#define SN_MAX_MILESTONES 16

typedef enum { SN_DIVERT_INTAKE = 0, SN_DIVERT_ALL = 1 } sn_divert;
typedef enum { SN_GPR_MEAN = 0, SN_GPR_WEIGHTED = 1,
               SN_GPR_MEDIAN = 2 } sn_gpr_method;

typedef struct sn_scenario {
    /* [scenario] */
    char *name;              /* owned; default "scenario" */
    char *data_dir;          /* owned; absolute or relative to cwd */
    int year;                /* plan year; 0 = year after the last history */
    sn_divert divert;        /* which pupils may move (intake | all) */

    /* [classes] */
    int standard_primary;    /* 45: national standard class size */
    int standard_junior;     /* 50 */
    int hard_cap;            /* 56: policy, no class above 56 by 2020 */

    /* [travel] */
    double max_km_primary;   /* 3 km walking limit */
    double max_km_junior;    /* 5 km */
    double boarding_max_km;  /* 30 km */
    double detour_factor;    /* 1.3: road km over straight-line km */
    double transport_cost_per_student_km; /* yuan a year per student-km */

    /* [consolidation] */
    int allow_closures;      /* 1 */
    int max_open_schools;    /* per county; 0 = no limit */
    double capital_budget;   /* yuan of one-off capital (new schools and
                                classrooms) per county; 0 = no limit */

    /* [milestones] hard_cap.YEAR = CAP: the hard cap from YEAR on (until
     * the next milestone); years before the first use hard_cap.  Sorted by
     * year, years unique. */
    int milestone_year[SN_MAX_MILESTONES], milestone_cap[SN_MAX_MILESTONES];
    int nmilestones;

    /* [costs] */
    double discount_rate;    /* 0.04: annualises capital */
    int capital_years;       /* 20: life of a building */

    /* [teachers] */
    double ratio_primary;    /* 19 students per teacher */
    double ratio_junior;     /* 13.5 */
    double max_itinerant_km; /* 10 */
    int max_schools_per_teacher; /* 3, home included */
    double rotation_rate;    /* 0.10 */
    double rotation_excellent_share; /* 0.20 */
    int rotation_min_years;  /* 6 */
    int standard_periods;    /* 16 periods a week: a standard load */
    /* teachers: small schools, itinerant visits (docs/teachers.md) */
    double class_ratio_primary; /* 1.7 teachers per class, small schools */
    double class_ratio_junior;  /* 2.1 */
    int small_school_pupils; /* 100: below it the class ratio applies too */
    int periods_per_visit;   /* 4 periods taught per itinerant visit */

    /* [funding] (docs/teachers.md) */
    double funds_primary;    /* 600 yuan a year per pupil (公用经费) */
    double funds_junior;     /* 800 */
    int min_funded_pupils;   /* 100: smaller schools funded as 100 */
    char *poverty_counties;  /* owned; ';'-separated county names, "" */
    double allowance_min;    /* 100 yuan a month, rural teachers */
    double allowance_max;    /* 500 yuan a month, remote schools */

    /* [projection] */
    int gpr_years;           /* K = 3 last transitions averaged */
    sn_gpr_method gpr_method;
    double shrink_students;  /* 60: zones borrow county ratios below this */

    /* [solver] */
    double time_limit;       /* seconds, 60 */
    double mip_gap;          /* relative, 0.01 */
    int boarding_options;    /* nearest boarding schools a pupil group may
                                be sent to; 0 = all in reach (8) */
    double work_limit;       /* deterministic work budget of a plan, in
                                units (docs/search.md); 0 = none */
} sn_scenario;

/* Fills sc with the defaults (name "scenario", data_dir "."). Returns 0 or
 * SN_ENOMEM. */
int sn_scenario_init(sn_scenario *sc);
/* Deep copy; dst must not hold owned strings. Returns 0 or SN_ENOMEM. */
int sn_scenario_copy(sn_scenario *dst, const sn_scenario *src);
/* Frees the owned strings; the struct may be re-initialised after. */
void sn_scenario_dispose(sn_scenario *sc);
/* Standard class size for a grade (45 for 1-6, 50 for 7-9). */
int sn_scenario_standard(const sn_scenario *sc, int grade);
/* Capital recovery factor r / (1 - (1 + r)^-n): yuan a year per yuan. */
double sn_scenario_annuity(const sn_scenario *sc);
/* The hard cap of plan year `year`: the cap of the latest milestone at
 * or before it, else hard_cap. */
int sn_scenario_hard_cap(const sn_scenario *sc, int year);

#endif
