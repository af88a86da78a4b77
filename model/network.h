/* network.h - the school network of one data set: the domain every module
 * reads.  Built by io/ (from CSV) or gen/generate (synthetic), consumed by
 * the projection, the solvers and the plan checker.
 *
 * Invariants once sn_network_finish() has returned 0:
 *  - every index field (county, school, zone, subject) is valid, or -1 where
 *    the comment says "or -1";
 *  - schools, zones and teachers are stored in input order; ids are unique;
 *  - enrolment and births are dense arrays over [year_lo, year_hi] and are
 *    zero where the input had no row;
 *  - distances given explicitly are sorted by (zone, school).
 * Grades are 1..9 (primary 1-6, junior middle 7-9); arrays indexed by grade
 * have SN_GRADES + 1 entries and ignore index 0.
 */
#ifndef SN_NETWORK_H
#define SN_NETWORK_H

#include <stddef.h>

#include "model/error.h"
#include "model/scenario.h"
#include "model/strmap.h"

#define SN_GRADES 9
#define SN_MAX_SUBJECTS 64

typedef enum { SN_PRIMARY = 0, SN_JUNIOR = 1, SN_NINE_YEAR = 2 } sn_stage;
typedef enum { SN_OPEN = 0, SN_CANDIDATE = 1 } sn_status;
/* A scenario may decide a school's state instead of the model: keep it open
 * (a candidate is then built) or close it (a candidate is not built). */
typedef enum { SN_FORCE_NONE = 0, SN_FORCE_OPEN = 1,
               SN_FORCE_CLOSED = 2 } sn_force;
typedef enum { SN_TITLE_JUNIOR = 0, SN_TITLE_INTERMEDIATE = 1,
               SN_TITLE_SENIOR = 2 } sn_title;

typedef struct sn_school {
    char *id, *name;        /* owned */
    int county;             /* index into counties */
    sn_stage stage;
    int grade_lo, grade_hi; /* grades taught (from stage or `grades`) */
    int has_xy;             /* x_km, y_km known (lat/lon are converted) */
    double x_km, y_km;
    int classrooms;         /* class mode: >= 0; seat mode: -1 */
    int seats;              /* seat mode: >= 0; class mode: -1 */
    int boarding_beds;
    sn_status status;
    int ready_year;         /* candidates: first year it can open; else 0 */
    double build_cost;      /* yuan, one-off, candidates */
    int closable, remote;   /* remote schools are never closed */
    double annual_cost;     /* yuan a year to keep it open */
    int max_new_classrooms;
    double classroom_cost;  /* yuan, one-off, per added classroom */
    int is_private;         /* non-profit private: seats can be bought */
    double seat_price;      /* yuan a year per bought seat */
    int urban;              /* 1 in the county town (teacher rotation) */
    sn_force force;         /* scenario override of the open/close choice */
} sn_school;

typedef struct sn_zone {
    char *id, *name;        /* owned */
    int county;
    int has_xy;
    double x_km, y_km;
    int primary_school;     /* designated school for grades 1-6, or -1 */
    int junior_school;      /* designated school for grades 7-9, or -1 */
} sn_zone;

typedef struct sn_teacher {
    char *id;               /* owned */
    char *name;             /* owned; NULL when the data give none */
    int school;
    unsigned long long subjects; /* bit s set: qualified for subject s */
    sn_title title;
    int excellent;
    int years_at_school;
    int max_periods;        /* per week */
    int itinerant;          /* may teach at other schools */
    int class_teacher;
} sn_teacher;

/* Dwellings completed in a zone in a year (housing.csv). */
typedef struct sn_housing {
    int zone, year, dwellings;
} sn_housing;

typedef struct sn_distance {
    int zone, school;
    double km;
} sn_distance;

typedef struct sn_network {
    /* counties in order of first appearance in schools.csv */
    char **counties; int ncounties;
    sn_school *schools; int nschools;
    sn_zone *zones; int nzones;
    sn_teacher *teachers; int nteachers;
    char *subjects[SN_MAX_SUBJECTS]; int nsubjects; /* owned names */

    /* enrolment[((y - year_lo) * nzones + z) * (SN_GRADES + 1) + g] */
    int year_lo, year_hi;   /* year_lo > year_hi: no history */
    int *students;
    int *migrants;
    /* zone_first[z]: the zone's first history year (year_lo unless its
     * rows start later: a zone that did not exist yet; year_hi + 1 for a
     * zone without rows).  Set to year_lo by sn_network_alloc_years. */
    int *zone_first;
    /* births[(y - births_lo) * nzones + z]; NULL when births.csv is absent */
    int births_lo, births_hi;
    int *births;
    /* dwellings completed per zone and year (housing.csv, optional) */
    sn_housing *housing; size_t nhousing;

    sn_distance *distances; size_t ndistances; /* sorted (zone, school) */
    size_t *dist_start;     /* nzones + 1 offsets into distances */

    /* curriculum[g * SN_MAX_SUBJECTS + s]: periods a week per class */
    int curriculum[(SN_GRADES + 1) * SN_MAX_SUBJECTS];

    sn_scenario sc;         /* the scenario these data were read for */

    /* geo = 1: the input gave lat,lon, projected to x_km, y_km about
     * (geo_lat0, geo_lon0) (io/read_network: equirectangular, R = 6371 km,
     * docs/data-format.md); 0: coordinates were on a km plane or absent */
    int geo;
    double geo_lat0, geo_lon0;

    sn_strmap *county_ids, *school_ids, *zone_ids, *teacher_ids,
              *subject_ids; /* lookup tables, owned */
} sn_network;

/* Allocates an empty network with default scenario values.
 * Returns 0 or SN_ENOMEM; *out is NULL on failure. */
int sn_network_new(sn_network **out);
/* Frees everything the network owns.  Accepts NULL. */
void sn_network_free(sn_network *net);

/* Builders used by readers and the generator.  Strings are copied.  Each
 * returns the new index (>= 0), or SN_ENOMEM; duplicates are the caller's
 * business (look up first with sn_network_find_*). */
int sn_network_add_county(sn_network *net, const char *name);
int sn_network_add_school(sn_network *net, const sn_school *s);
int sn_network_add_zone(sn_network *net, const sn_zone *z);
int sn_network_add_teacher(sn_network *net, const sn_teacher *t);
int sn_network_add_subject(sn_network *net, const char *name);
/* Allocates the enrolment arrays for [lo, hi] (zeroed).  Zones must all have
 * been added.  Returns 0 or SN_ENOMEM. */
int sn_network_alloc_years(sn_network *net, int lo, int hi);
int sn_network_alloc_births(sn_network *net, int lo, int hi);
/* Appends a housing completion.  Returns 0 or SN_ENOMEM. */
int sn_network_add_housing(sn_network *net, int zone, int year,
                           int dwellings);
/* Appends an explicit distance; call sn_network_finish() afterwards. */
int sn_network_add_distance(sn_network *net, int zone, int school, double km);
/* Sorts distances and builds the per-zone index.  Returns 0 or SN_ENOMEM. */
int sn_network_finish(sn_network *net);

/* Lookups: index or -1. */
int sn_network_find_county(const sn_network *net, const char *name);
int sn_network_find_school(const sn_network *net, const char *id);
int sn_network_find_zone(const sn_network *net, const char *id);
int sn_network_find_subject(const sn_network *net, const char *name);

/* Enrolment access; out-of-range years read as 0. */
int *sn_network_students_at(const sn_network *net, int year, int zone);
int sn_network_students(const sn_network *net, int year, int zone, int grade);
int sn_network_migrants(const sn_network *net, int year, int zone, int grade);
int sn_network_births(const sn_network *net, int year, int zone);
/* First history year of a zone (see zone_first); year_lo when unset. */
int sn_network_zone_first(const sn_network *net, int zone);

/* Travel distance in km from a zone to a school: the distances.csv value if
 * given, else straight line x detour factor, else -1 (unknown: no reach). */
double sn_network_km(const sn_network *net, int zone, int school);

/* Whether school s teaches grade g. */
int sn_school_teaches(const sn_school *s, int grade);
/* Stage of a grade: SN_PRIMARY for 1-6, SN_JUNIOR for 7-9. */
sn_stage sn_grade_stage(int grade);
/* "primary", "junior", "nine_year" */
const char *sn_stage_name(sn_stage st);

#endif
