/* forecast.h - enrolment projection by zone and grade (cohort survival with
 * grade progression ratios), its prediction intervals, and a backtest.
 *
 * The method is documented in docs/projection.md.  In short: grade g+1 in
 * year t+1 is grade g in year t times a grade progression ratio (GPR)
 * estimated from the last K = sc.gpr_years transitions (by default the
 * aggregate ratio: the sum of the K numerators over the sum of the K
 * denominators); a zone's ratio is shrunk towards its county's ratio with
 * weight w = n / (n + sc.shrink_students)
 * (n: the zone's pupils in the base grade over the window); grade 1 comes
 * from births six years earlier times an entry ratio when births.csv covers
 * that year, else from a straight-line trend (gsl_fit_linear).  Local and
 * migrant pupils are projected separately and summed.
 *
 * Invariants: a projection uses only years <= base_year of the network, so
 * a backtest is a projection with an earlier base year; results are
 * deterministic (no randomness, fixed order of summation).  This module is
 * the only one that includes GSL headers; every function that calls GSL
 * first turns GSL's aborting error handler off (gsl_set_error_handler_off,
 * idempotent) and checks every status.
 */
#ifndef SN_FORECAST_H
#define SN_FORECAST_H

#include <stddef.h>

#include "model/error.h"
#include "model/network.h"

/* A projected number of pupils with its 80% and 95% prediction intervals.
 * low* are never below 0; point is not rounded. */
typedef struct sn_projection {
    double students;     /* all pupils, housing included */
    double low80, high80;
    double low95, high95;
    double housing;      /* of students: pupils from new housing */
} sn_projection;

typedef struct sn_forecast sn_forecast; /* opaque */

/* Projects enrolment for the years base_year + 1 .. base_year + horizon from
 * the history years year_lo .. base_year of net, with the settings of
 * net->sc (gpr_years, gpr_method, shrink_students, entry_damping, yields),
 * and calibrates the intervals on projections from earlier base years.
 *
 * Returns 0 and sets *out (free with sn_forecast_free), or
 *  SN_EUSAGE   horizon < 1, or base_year outside the network's history;
 *  SN_EINPUT   history too short (fewer than gpr_years + 1 years up to
 *              base_year), gpr_years < 2, shrink_students < 0, or migrants
 *              exceeding students in some cell;
 *  SN_ENUMERIC a GSL routine failed;
 *  SN_ENOMEM.
 * On failure *out is NULL and err holds one line.  The forecast does not
 * keep a pointer to net. */
int sn_forecast_new(sn_forecast **out, const sn_network *net, int base_year,
                    int horizon_years, sn_error *err);
/* Frees a forecast.  Accepts NULL. */
void sn_forecast_free(sn_forecast *fc);

/* First and last projected year. */
int sn_forecast_first_year(const sn_forecast *fc);
int sn_forecast_last_year(const sn_forecast *fc);

/* Projection of one zone in one projected year, for grade 1..9 or 0 for all
 * grades of the zone.  Returns 0, or SN_EUSAGE (year, zone or grade out of
 * range; *out is then zeroed). */
int sn_forecast_zone(sn_projection *out, const sn_forecast *fc, int year,
                     int zone, int grade);
/* The same for a county total (sum of its zones). */
int sn_forecast_county(sn_projection *out, const sn_forecast *fc, int year,
                       int county, int grade);
/* The same for a school: the sum over zones designated to it (primary_school
 * for grades 1-6, junior_school for 7-9), grade 0 for every grade it
 * teaches.  net must be the network the forecast was made from. */
int sn_forecast_school(sn_projection *out, const sn_forecast *fc,
                       const sn_network *net, int year, int school,
                       int grade);

/* Demand for the planner: out[z * (SN_GRADES + 1) + g] for every zone z and
 * grade g = 1..9 (index 0 is set to 0).  When year lies within the history
 * the recorded students are copied and *source (if not NULL) is set to the
 * static string "history"; when year lies beyond it the projection from the
 * last history year is rounded half up to whole pupils and *source is
 * "projection".  Returns 0, or the codes of sn_forecast_new, or SN_EUSAGE
 * for a year before the history.  On failure out is unspecified. */
int sn_forecast_demand(int *out, const sn_network *net, int year,
                       const char **source, sn_error *err);

/* 1 when the intervals come from the errors of earlier origins, 0 when
 * the history allowed none (counting noise only: too narrow). */
int sn_forecast_calibrated(const sn_forecast *fc);

/* Nine-year retention (巩固率) of a county in a projected year: grade 9
 * pupils of `year` over grade 1 pupils of year - 8 (history or
 * projection), all pupils, migrants included.  Returns 0, SN_EUSAGE (year
 * or county out of range) or SN_EINPUT (no grade-1 pupils then); *out is
 * 0 on failure. */
int sn_forecast_retention(double *out, const sn_forecast *fc, int year,
                          int county);

/* What a plan reports about its demand (summary.json): pupils from new
 * housing in `year` (0 within the history, where they are in the
 * enrolment), and the nine-year retention of each county, grade 9 of
 * `year` over grade 1 of year - 8, from history and projected points (NAN
 * when grade 1 of year - 8 is unknown or 0). */
typedef struct sn_demand_info {
    double housing;
    int ncounties;
    double *retention; /* ncounties entries, owned */
} sn_demand_info;

/* Fills *out for `year` (the plan year).  Returns 0, or the codes of
 * sn_forecast_demand; on failure out->retention is NULL.  Free the
 * contents with sn_demand_info_dispose. */
int sn_forecast_demand_info(sn_demand_info *out, const sn_network *net,
                            int year, sn_error *err);
void sn_demand_info_dispose(sn_demand_info *d); /* accepts NULL */

/* ---- backtest ---------------------------------------------------------- */

typedef enum {
    SN_BT_COHORT = 0, /* this module's projection */
    SN_BT_LAST = 1,   /* last value carried forward */
    SN_BT_TREND = 2,  /* straight line through each grade's history */
    SN_BT_NMETHODS = 3
} sn_bt_method;

typedef enum {
    SN_BT_COUNTY = 0, /* county totals, all grades: MAPE over counties */
    SN_BT_GRADE = 1,  /* county x grade totals: MAPE over cells */
    SN_BT_ZONE = 2,   /* zone totals, all grades: weighted APE */
    SN_BT_NLEVELS = 3
} sn_bt_level;

#define SN_BT_NBANDS 7 /* zone size bands, by base-year pupils */

/* Errors of one method at one level, size band and horizon, pooled over
 * every origin.  Percentages: mape is the mean absolute percentage error
 * (weighted, sum |P - A| / sum A, for zones), mspe the mean signed error
 * (positive: projection too high).  cover80/cover95: share of the scored
 * units whose actual value lies in the cohort method's interval, over the
 * ncover units whose interval was calibrated on earlier origins (-1 when
 * none, and always for the baselines). */
typedef struct sn_backtest_row {
    sn_bt_level level;
    int band;              /* -1: all units; 0..6 zone size band */
    int horizon;           /* 1..H years ahead */
    sn_bt_method method;
    int n;                 /* (origin, unit) pairs scored: units with
                              actual > 0 for county and grade, every zone
                              that existed at the origin for zone */
    double mape, mspe;
    int ncover;
    double cover80, cover95;
} sn_backtest_row;

typedef struct sn_backtest {
    int first_origin, last_origin; /* base years used */
    int horizon;
    sn_backtest_row *rows; /* owned; by level, band (-1 first), horizon,
                              method; band rows for the zone level only */
    size_t nrows;
} sn_backtest;

/* Rolling-origin backtest: projects from every base year B from
 * year_lo + gpr_years to year_hi - 1, up to `horizon` years ahead (fewer
 * near the end of the history), with the cohort method (its intervals
 * calibrated on origins before B only) and the two baselines, and scores
 * them against the history.  Returns 0 and sets *out (free with
 * sn_backtest_free), or SN_EUSAGE (horizon < 1), SN_EINPUT (history too
 * short for one origin), or the codes of sn_forecast_new.  On failure
 * *out is NULL. */
int sn_forecast_backtest(sn_backtest **out, const sn_network *net,
                         int horizon, sn_error *err);
/* Frees a backtest.  Accepts NULL. */
void sn_backtest_free(sn_backtest *bt);
/* Static names: "cohort", "last", "trend"; "county", "grade", "zone"; a
 * band's pupils as "0-9", "10-29", ..., "10000+" (band -1: "all"). */
const char *sn_bt_method_name(sn_bt_method m);
const char *sn_bt_level_name(sn_bt_level l);
const char *sn_bt_band_name(int band);

#endif
