/* scenario.h - the settings of one planning run (scenario.ini), with the
 * defaults every run starts from.  docs/data-format.md documents each key,
 * its default and where the default comes from.
 *
 * sn_scenario_init() gives the defaults; io/ini.c overrides them from a
 * scenario.ini.  Plain data: copying the struct copies everything except
 * the owned strings and the county quota list, which sn_scenario_copy()
 * duplicates.
 */
#ifndef SN_SCENARIO_H
#define SN_SCENARIO_H

#include <stddef.h>

#define SN_MAX_MILESTONES 64
#define SN_MILESTONE_COUNTY 64 /* bytes of a milestone's county name */

/* Milestone caps besides 1..200 (docs/scenarios.md). */
#define SN_CAP_STANDARD 0      /* "standard": 45 primary / 50 junior */
#define SN_CAP_NONE (-1)       /* "none": no hard cap yet */
#define SN_CAP_UNLIMITED 9999  /* the class size "none" stands for */

typedef enum { SN_DIVERT_INTAKE = 0, SN_DIVERT_ALL = 1 } sn_divert;

/* The objective levels of the allocation (docs/model.md), by id.  The
 * scenario's [objective] order says in which order they are solved. */
typedef enum {
    SN_LEVEL_UNPLACED = 0,
    SN_LEVEL_OVER_CAP = 1,      /* pupils above the hard cap */
    SN_LEVEL_OVER_STANDARD = 2, /* pupils above the standard size */
    SN_LEVEL_COST = 3,          /* yuan a year */
    SN_LEVEL_DIVERTED = 4,
    SN_LEVEL_KM = 5             /* student-km */
} sn_level;
#define SN_LEVELS 6

typedef enum { SN_OBJECTIVE_LEXICOGRAPHIC = 0,
               SN_OBJECTIVE_WEIGHTED = 1 } sn_objective_mode;

/* [milestones] hard_cap.YEAR = CAP or hard_cap.YEAR.COUNTY = CAP. */
typedef struct sn_milestone {
    int year;
    int cap;                  /* 1..200, SN_CAP_STANDARD or SN_CAP_NONE */
    char county[SN_MILESTONE_COUNTY]; /* "" = every county */
} sn_milestone;
typedef enum { SN_MISSING_ERROR = 0, SN_MISSING_INTERPOLATE = 1 } sn_missing;
typedef enum { SN_GPR_MEAN = 0, SN_GPR_WEIGHTED = 1,
               SN_GPR_MEDIAN = 2 } sn_gpr_method;
/* [report] lang: auto = Chinese when the data's names are Chinese. */
typedef enum { SN_LANG_AUTO = 0, SN_LANG_ZH = 1, SN_LANG_EN = 2 } sn_lang;

/* A point in WGS84 degrees; set = 0 when not given. */
typedef struct sn_latlon {
    int set;
    double lat, lon;
} sn_latlon;

/* [teachers] county_quota.NAME = N: the staff quota (编制总量) of a county,
 * with where it was given (the county is looked up once the schools are
 * read: io/read_staff.c). */
typedef struct sn_county_quota {
    char *county;            /* owned */
    int quota;
    char *path;              /* owned */
    long line, col;          /* of the key */
} sn_county_quota;

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
    int look_ahead;          /* 0: a --years run sizes each year's classes
                                for that year's cap; 1: for the strictest
                                cap of that year and the years after it in
                                the run (docs/scenarios.md) */
    int plan_through;        /* not a key: the last year of the --years run
                                under way (0 outside one); set by the run */

    /* [travel] */
    double max_km_primary;   /* 3 km walking limit */
    double max_km_junior;    /* 5 km */
    double boarding_max_km;  /* 30 km */
    double detour_factor;    /* 1.3: road km over straight-line km */
    double transport_cost_per_student_km; /* yuan a year per student-km */
    int boarding_min_grade;  /* 4: grades below it never board (国办发
                                〔2012〕48号: grades 1-3 in principle do not) */
    double bus_max_km;       /* 0 = no school bus; else day pupils ride it up
                                to this distance */

    /* [consolidation] */
    int allow_closures;      /* 1 */
    int max_open_schools;    /* per county; 0 = no limit */
    double capital_budget;   /* yuan of one-off capital (new schools and
                                classrooms) per county; 0 = no limit */

    /* [milestones]: the hard cap from YEAR on (until the next milestone)
     * in every county, or in one; sn_scenario_cap_code resolves them.
     * Sorted by (year, county), (year, county) unique. */
    sn_milestone milestones[SN_MAX_MILESTONES];
    int nmilestones;
    long hard_cap_line;      /* line where [classes] hard_cap was given in
                                the scenario's own file (not a base), 0
                                when it was not */

    /* [costs] */
    double discount_rate;    /* 0.04: annualises capital */
    int capital_years;       /* 20: life of a building */
    double boarding_cost_primary; /* 1000 yuan a year per primary boarder */
    double boarding_cost_junior;  /* 1250 yuan a year per junior boarder */

    /* [objective] */
    sn_objective_mode objective_mode;   /* lexicographic */
    int objective_order[SN_LEVELS];     /* level ids, first solved first */
    double objective_weight[SN_LEVELS]; /* by level id (weighted mode) */
    int weights_given;       /* some weight.LEVEL was given */

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
    /* teachers: the week of walking teachers, the county staff quota
     * (issue 11, docs/teachers.md) */
    int max_periods_per_day; /* 6: a teacher's periods on one day */
    struct sn_county_quota *county_quota; /* owned, ncounty_quota entries:
                                           * [teachers] county_quota.NAME */
    int ncounty_quota;

    /* [funding] (docs/teachers.md) */
    double funds_primary;    /* 600 yuan a year per pupil (公用经费) */
    double funds_junior;     /* 800 */
    int min_funded_pupils;   /* 100: smaller schools funded as 100 */
    char *poverty_counties;  /* owned; ';'-separated county names, "" */
    double allowance_min;    /* 100 yuan a month, rural teachers */
    double allowance_max;    /* 500 yuan a month, remote schools */
    double allowance_full_km; /* 30: km from the county seat at which the
                               * allowance reaches allowance_max */

    /* [projection] */
    int gpr_years;           /* K = 3 last transitions averaged */
    sn_gpr_method gpr_method;
    double shrink_students;  /* 60: zones borrow county ratios below this */
    sn_missing missing;      /* missing enrolment rows: error | interpolate */
    double entry_damping;    /* 0.8: damped trend of grade 1 without births */
    double yield_primary;    /* 0.19 primary pupils per new dwelling */
    double yield_junior;     /* 0.09 junior pupils per new dwelling */

    /* [solver] */
    double time_limit;       /* seconds, 60 */
    double mip_gap;          /* relative, 0.01 */
    int boarding_options;    /* nearest boarding schools a pupil group may
                                be sent to; 0 = all in reach (8) */

    /* [map] origin = LAT,LON: where x_km = y_km = 0 lies on the earth,
     * for maps of data on a local km plane (io/write_geojson.h) */
    sn_latlon map_origin;    /* not set by default */
    /* [report] */
    sn_lang report_lang;     /* auto */
    double work_limit;       /* [solver] deterministic work budget of a
                                plan, in units (docs/search.md); 0 = none */
} sn_scenario;

/* Fills sc with the defaults (name "scenario", data_dir "."). Returns 0 or
 * SN_ENOMEM. */
int sn_scenario_init(sn_scenario *sc);
/* Deep copy; dst must not hold owned strings. Returns 0 or SN_ENOMEM. */
int sn_scenario_copy(sn_scenario *dst, const sn_scenario *src);
/* Sets county's staff quota (replacing an earlier value of the same
 * county), given at path:line:col.  Returns its index, or SN_ENOMEM. */
int sn_scenario_set_quota(sn_scenario *sc, const char *county, int quota,
                          const char *path, long line, long col);
/* Frees the owned strings; the struct may be re-initialised after. */
void sn_scenario_dispose(sn_scenario *sc);
/* Standard class size for a grade (45 for 1-6, 50 for 7-9). */
int sn_scenario_standard(const sn_scenario *sc, int grade);
/* Capital recovery factor r / (1 - (1 + r)^-n): yuan a year per yuan. */
double sn_scenario_annuity(const sn_scenario *sc);
/* The hard cap code of `county` (a name) in plan year `year`: of the
 * milestones at or before the year that apply to every county or to this
 * one, the latest (at one year the county's own wins); else hard_cap.
 * Returns 1..200, SN_CAP_STANDARD or SN_CAP_NONE; *from (may be NULL)
 * receives the index of the deciding milestone, or -1 for hard_cap. */
int sn_scenario_cap_code(const sn_scenario *sc, const char *county, int year,
                         int *from);
/* The class size limit of grade g for that code: the code itself,
 * the standard size of the grade, or SN_CAP_UNLIMITED. */
int sn_scenario_cap_size(const sn_scenario *sc, int code, int grade);
/* sn_scenario_cap_size of sn_scenario_cap_code. */
int sn_scenario_cap(const sn_scenario *sc, const char *county, int year,
                    int grade);
/* "66", "standard" or "none" into buf. */
void sn_scenario_cap_name(char *buf, size_t n, int code);
/* The city-wide hard cap of plan year `year` as one number (county
 * milestones aside): the latest city-wide milestone at or before it, else
 * hard_cap; "standard" gives the larger standard size, "none"
 * SN_CAP_UNLIMITED.  For displays; plans use sn_scenario_cap. */
int sn_scenario_hard_cap(const sn_scenario *sc, int year);
/* Whether a and b give the same planning model in plan year `year` (0:
 * in every year): every setting equal except the name, the data folder
 * and what cannot matter (the hard cap where milestones decide every
 * county's cap, weights in lexicographic mode).  Overrides of schools
 * ([overrides]) are not part of sn_scenario and not compared. */
int sn_scenario_same_effect(const sn_scenario *a, const sn_scenario *b,
                            int year);
/* Why `[classes] hard_cap`, given in the scenario (hard_cap_line > 0),
 * has no effect in plan year `year` for counties[0..ncounties): every
 * county's cap comes from a milestone.  Writes the reason (naming the
 * milestone) to why and returns 1; else returns 0. */
int sn_scenario_cap_shadowed(const sn_scenario *sc, const char *const *counties,
                             int ncounties, int year, char *why, size_t n);

/* Name of a level id ("unplaced", "over_hard_cap", "over_standard",
 * "cost", "diverted", "student_km"), or NULL. */
const char *sn_level_name(int id);
/* Level id of a name, or -1. */
int sn_level_find(const char *name);

#endif
