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
    sn_plan_cost cost;
} sn_kpi;

/* The school a zone's pupils of `grade` are designated to: the zone's
 * primary_school (grades 1-6) or junior_school (7-9), provided that school
 * teaches the grade; otherwise -1 (no designated school for this grade). */
int sn_kpi_designated(const sn_network *net, int zone, int grade);

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
 * private_seats = seat_price x students at private schools.
 * Returns 0 or SN_ENOMEM (err filled). */
int sn_kpi_compute(sn_kpi *k, const sn_network *net, const sn_plan *plan,
                   sn_error *err);

#endif
