/* kpi.h - the definitions a plan is measured by: designated schools, the
 * status quo ("before"), class counts over a size limit, and the numbers of
 * summary.json.
 *
 * These are definitions, not rules: io/write_plan uses them to write the
 * summary, model/check uses the designated school, the status quo and the
 * class count to compare against (it recomputes the plan's own numbers with
 * its own code).  docs/checker.md states each definition in words.
 * Pure arithmetic: nothing here allocates except sn_kpi_compute's scratch.
 */
#ifndef SN_KPI_H
#define SN_KPI_H

#include "model/network.h"
#include "model/plan.h"

/* The numbers of summary.json that are computed from a plan. */
typedef struct sn_kpi {
    long students;            /* all pupils of the plan: placed + unplaced */
    long unplaced;
    long students_diverted;   /* placed pupils with diverted = 1 */
    double mean_km;           /* student-weighted over placed pupils; 0 if none */
    double max_km;            /* over assignments; 0 if none */
    int schools_closed;       /* state closed */
    int schools_opened;       /* state new */
    long classrooms_added;
    long over_hard_cap_before, over_hard_cap_after;   /* classes */
    long over_standard_before, over_standard_after;   /* classes */
    long pupils_over_cap;     /* sum of the shortfall rows */
    long classrooms_short;    /* sum of the shortfall rows */
    long beds_short;          /* sum of the shortfall rows */
    long pupils_beyond_walking; /* day pupils beyond walking and bus reach */
    long bus_riders;          /* day pupils beyond walking, within bus reach */
    long boarders_by_grade[SN_GRADES + 1];
    double capital_one_off;   /* yuan: build_cost of new schools +
                                 classroom_cost x classrooms added */
    sn_plan_cost cost;
} sn_kpi;

/* The school a zone's pupils of `grade` are designated to: the zone's
 * primary_school (grades 1-6) or junior_school (7-9), provided that school
 * teaches the grade; otherwise -1 (no designated school for this grade). */
int sn_kpi_designated(const sn_network *net, int zone, int grade);

/* The hard cap of grade g at school s in the plan's year: the cap of the
 * school's county (sn_scenario_cap, milestones per county). */
int sn_kpi_cap(const sn_network *net, int school, int year, int grade);

/* One-off capital of a school in the plan (yuan): its build_cost when new
 * plus classroom_cost x classrooms added. */
double sn_kpi_school_capital(const sn_school *s, const sn_school_plan *sp);

/* How a placed pupil travels (docs/checker.md, "Reach"): 0 walks (km within
 * the stage's walking limit), 1 rides the bus (within bus_max_km), 2
 * boards (boarding = 1), 3 a day pupil beyond walking and bus reach. */
int sn_kpi_travel(const sn_scenario *sc, int grade, double km, int boarding);
/* "walk", "bus", "board", "far". */
const char *sn_kpi_travel_name(int travel);

/* The rows of shortfall.csv for the plan, school by school in input
 * order: for each open class-mode school, each grade with pupils above
 * the hard cap or fewer classes than it needs within the cap,
 *   pupils_over_cap  = max(0, students - cap x classes),
 *   classrooms_short = max(1, ceil(students / cap)) - classes, if > 0
 *                      (the classes the grade lacks: a classroom each);
 * then, when the school runs more classes than its classrooms + added, or
 * has more boarders (boarding = 1) than beds, a row with grade 0 whose
 * classrooms_short is the first excess (classes without a classroom:
 * mixed-grade rooms until one is built) and beds_short the second (two to
 * a bed until beds are added).  Students and
 * classes are the plan's per-school fields (plan->schools).  *rows is
 * owned by the caller (NULL when *n is 0).  Returns 0 or SN_ENOMEM. */
int sn_kpi_shortfall(sn_shortfall_row **rows, size_t *n,
                     const sn_network *net, const sn_plan *plan);

/* Number of classes above `limit` when `students` pupils are split as evenly
 * as possible into `classes` classes (sizes differ by at most one).  A grade
 * with pupils but no class counts as one class over any limit below its
 * pupils.  0 when students <= 0. */
long sn_kpi_classes_over(int students, int classes, int limit);

/* The status quo the plan is compared with ("before"):
 *  - pupils: every pupil of zone z and grade g (demand[z*(SN_GRADES+1)+g])
 *    at its designated school (sn_kpi_designated); pupils without one, or
 *    whose designated school is a candidate, are left out;
 *  - classes (class-mode schools, status open): each grade with pupils gets
 *    one class; while classrooms remain, the next classroom goes to the
 *    grade whose classes are largest (students / classes; ties to the lower
 *    grade), but never beyond the classes that grade needs at standard size
 *    (ceil(students / standard)).  A school with fewer classrooms than grades
 *    with pupils keeps one class per such grade (mixed-grade rooms).
 *    Seat-mode schools and candidates get no classes.
 * students and classes are caller arrays of net->nschools * (SN_GRADES + 1)
 * ints, indexed [s * (SN_GRADES + 1) + g]; both are overwritten. */
void sn_plan_status_quo(int *students, int *classes, const sn_network *net,
                        const int *demand);

/* Fills k from the plan and the network.  Demand is taken as the plan's own
 * pupils (placed + unplaced per zone and grade), which is the year's demand
 * whenever the plan holds.  Distances are plan->asg[i].km; derived fields of
 * plan->schools are not used except state, classes and classrooms_added.
 * Cost: schools = annual_cost of open (kept or new) public schools;
 * capital = annuity x (build_cost of new schools + classroom_cost x added
 * classrooms); transport = transport_cost_per_student_km x sum students x km;
 * private_seats = seat_price x students at private schools; boarding =
 * boarders x boarding_cost_primary (grades 1-6) or _junior (7-9).
 * Classes over the hard cap use each school's county cap of plan->year.
 * Returns 0 or SN_ENOMEM (err filled). */
int sn_kpi_compute(sn_kpi *k, const sn_network *net, const sn_plan *plan,
                   sn_error *err);

#endif
