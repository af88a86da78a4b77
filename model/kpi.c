/* kpi.c - designated schools, the status quo and the summary numbers of a
 * plan (definitions in kpi.h and docs/checker.md). */
#include "model/kpi.h"

#include <stdlib.h>
#include <string.h>

#define NG (SN_GRADES + 1)

int sn_kpi_designated(const sn_network *net, int zone, int grade)
{
    const sn_zone *z = &net->zones[zone];
    int s = grade <= 6 ? z->primary_school : z->junior_school;
    if (s < 0 || s >= net->nschools ||
        !sn_school_teaches(&net->schools[s], grade))
        return -1;
    return s;
}

int sn_kpi_cap(const sn_network *net, int school, int year, int grade)
{
    const sn_school *s = &net->schools[school];
    return sn_scenario_cap(&net->sc, net->counties[s->county], year, grade);
}

double sn_kpi_school_capital(const sn_school *s, const sn_school_plan *sp)
{
    return (sp->state == SN_SCHOOL_NEW ? s->build_cost : 0.0) +
           s->classroom_cost * sp->classrooms_added;
}

int sn_kpi_travel(const sn_scenario *sc, int grade, double km, int boarding)
{
    double walk = grade <= 6 ? sc->max_km_primary : sc->max_km_junior;
    if (boarding)
        return 2;
    if (km <= walk + 1e-9)
        return 0;
    return km <= sc->bus_max_km + 1e-9 ? 1 : 3;
}

const char *sn_kpi_travel_name(int travel)
{
    static const char *const names[] = {"walk", "bus", "board", "far"};
    return travel >= 0 && travel < 4 ? names[travel] : "?";
}

static int push_row(sn_shortfall_row **rows, size_t *n, size_t *cap,
                    const sn_shortfall_row *r)
{
    if (*n == *cap) {
        size_t ncap = *cap ? 2 * *cap : 16;
        sn_shortfall_row *nr = realloc(*rows, ncap * sizeof *nr);
        if (!nr)
            return SN_ENOMEM;
        *rows = nr;
        *cap = ncap;
    }
    (*rows)[(*n)++] = *r;
    return 0;
}

int sn_kpi_shortfall(sn_shortfall_row **rows, size_t *n,
                     const sn_network *net, const sn_plan *plan)
{
    size_t cap = 0;
    *rows = NULL;
    *n = 0;
    long *boarders = calloc((size_t)(net->nschools ? net->nschools : 1),
                            sizeof *boarders);
    if (!boarders)
        return SN_ENOMEM;
    for (size_t i = 0; i < plan->nasg; i++)
        if (plan->asg[i].boarding && plan->asg[i].school >= 0 &&
            plan->asg[i].school < net->nschools)
            boarders[plan->asg[i].school] += plan->asg[i].students;
    for (int s = 0; s < net->nschools && s < plan->nschools; s++) {
        const sn_school *sch = &net->schools[s];
        const sn_school_plan *sp = &plan->schools[s];
        if (sch->classrooms < 0 || (sp->state != SN_SCHOOL_KEPT &&
                                    sp->state != SN_SCHOOL_NEW))
            continue;
        int rooms = sch->classrooms + sp->classrooms_added;
        long classes = 0, students = 0;
        for (int g = 1; g <= SN_GRADES; g++) {
            int st = sp->students[g], k = sp->classes[g];
            classes += k;
            students += st;
            if (st <= 0)
                continue;
            int H = sn_kpi_cap(net, s, plan->year, g);
            long over = (long)st - (long)H * (k > 0 ? k : 0);
            int need = (st + H - 1) / H;
            need = need < 1 ? 1 : need;
            int lack = need - (k > 0 ? k : 0);
            if (over <= 0 && lack <= 0)
                continue;
            sn_shortfall_row r = {s, g, st, k, rooms, over > 0 ? over : 0,
                                  lack > 0 ? lack : 0, 0};
            if (push_row(rows, n, &cap, &r))
                goto fail;
        }
        long beds = boarders[s] - sch->boarding_beds;
        if (classes > rooms || beds > 0) {
            sn_shortfall_row r = {s, 0, (int)students, (int)classes, rooms, 0,
                                  classes > rooms ? (int)(classes - rooms) : 0,
                                  beds > 0 ? beds : 0};
            if (push_row(rows, n, &cap, &r))
                goto fail;
        }
    }
    free(boarders);
    return 0;
fail:
    free(boarders);
    free(*rows);
    *rows = NULL;
    *n = 0;
    return SN_ENOMEM;
}

long sn_kpi_classes_over(int students, int classes, int limit)
{
    if (students <= 0)
        return 0;
    if (classes <= 0)
        return students > limit ? 1 : 0;
    int q = students / classes, r = students % classes;
    long over = 0;
    if (q + 1 > limit)
        over += r;
    if (q > limit)
        over += classes - r;
    return over;
}

/* Status-quo classes of one class-mode school (see kpi.h). */
static void status_quo_classes(int *classes, const int *students,
                               int classrooms, const sn_scenario *sc)
{
    int need[NG], left = classrooms;
    for (int g = 1; g <= SN_GRADES; g++) {
        classes[g] = students[g] > 0 ? 1 : 0;
        left -= classes[g];
        int std = sn_scenario_standard(sc, g);
        need[g] = students[g] > 0 && std > 0 ? (students[g] + std - 1) / std
                                             : classes[g];
    }
    while (left > 0) {
        int best = 0;
        for (int g = 1; g <= SN_GRADES; g++) {
            if (classes[g] == 0 || classes[g] >= need[g])
                continue;
            /* students[g] / classes[g] > students[best] / classes[best] */
            if (best == 0 || (long long)students[g] * classes[best] >
                                 (long long)students[best] * classes[g])
                best = g;
        }
        if (best == 0)
            break;
        classes[best]++;
        left--;
    }
}

void sn_plan_status_quo(int *students, int *classes, const sn_network *net,
                        const int *demand)
{
    size_t n = (size_t)net->nschools * NG;
    memset(students, 0, n * sizeof *students);
    memset(classes, 0, n * sizeof *classes);
    for (int z = 0; z < net->nzones; z++)
        for (int g = 1; g <= SN_GRADES; g++) {
            int s = sn_kpi_designated(net, z, g);
            if (s >= 0 && net->schools[s].status == SN_OPEN &&
                demand[z * NG + g] > 0)
                students[s * NG + g] += demand[z * NG + g];
        }
    for (int s = 0; s < net->nschools; s++) {
        const sn_school *sch = &net->schools[s];
        if (sch->status == SN_OPEN && sch->classrooms >= 0)
            status_quo_classes(classes + s * NG, students + s * NG,
                               sch->classrooms, &net->sc);
    }
}

static int is_open(sn_school_state st)
{
    return st == SN_SCHOOL_KEPT || st == SN_SCHOOL_NEW;
}

/* Adds the plan's placed pupils into per-school arrays and k's sums. */
static void add_assignments(sn_kpi *k, int *students, int *demand,
                            const sn_network *net, const sn_plan *plan)
{
    double student_km = 0, seats = 0;
    long placed = 0;
    for (size_t i = 0; i < plan->nasg; i++) {
        const sn_assignment *a = &plan->asg[i];
        if (a->school < 0 || a->school >= net->nschools || a->zone < 0 ||
            a->zone >= net->nzones || a->grade < 1 || a->grade > SN_GRADES)
            continue;
        students[a->school * NG + a->grade] += a->students;
        demand[a->zone * NG + a->grade] += a->students;
        placed += a->students;
        if (a->km >= 0) /* unknown distance (-1): a violation, no km */
            student_km += (double)a->students * a->km;
        if (a->km > k->max_km)
            k->max_km = a->km;
        if (a->diverted)
            k->students_diverted += a->students;
        if (net->schools[a->school].is_private)
            seats += net->schools[a->school].seat_price * a->students;
        int travel = sn_kpi_travel(&net->sc, a->grade, a->km, a->boarding);
        if (travel == 1)
            k->bus_riders += a->students;
        else if (travel == 3)
            k->pupils_beyond_walking += a->students;
        else if (travel == 2) {
            k->boarders_by_grade[a->grade] += a->students;
            k->cost.boarding += a->students *
                                (a->grade <= 6 ? net->sc.boarding_cost_primary
                                               : net->sc.boarding_cost_junior);
        }
    }
    k->students += placed;
    k->mean_km = placed > 0 ? student_km / (double)placed : 0.0;
    k->cost.transport = net->sc.transport_cost_per_student_km * student_km;
    k->cost.private_seats = seats;
}

/* Schools opened/closed, classrooms, classes over limits and fixed costs. */
static void add_schools(sn_kpi *k, const int *students, const sn_network *net,
                        const sn_plan *plan)
{
    double capital = 0;
    for (int s = 0; s < net->nschools && s < plan->nschools; s++) {
        const sn_school *sch = &net->schools[s];
        const sn_school_plan *sp = &plan->schools[s];
        k->schools_closed += sp->state == SN_SCHOOL_CLOSED;
        k->schools_opened += sp->state == SN_SCHOOL_NEW;
        k->classrooms_added += sp->classrooms_added;
        capital += sch->classroom_cost * sp->classrooms_added;
        if (sp->state == SN_SCHOOL_NEW)
            capital += sch->build_cost;
        if (is_open(sp->state) && !sch->is_private)
            k->cost.schools += sch->annual_cost;
        if (sch->classrooms < 0)
            continue;
        for (int g = 1; g <= SN_GRADES; g++) {
            int n = students[s * NG + g], c = sp->classes[g];
            k->over_hard_cap_after += sn_kpi_classes_over(
                n, c, sn_kpi_cap(net, s, plan->year, g));
            k->over_standard_after +=
                sn_kpi_classes_over(n, c, sn_scenario_standard(&net->sc, g));
        }
    }
    k->cost.capital = sn_scenario_annuity(&net->sc) * capital;
    k->capital_one_off = capital;
}

/* Classes over the limits in the status quo of the given demand. */
static void add_before(sn_kpi *k, const int *sq_students,
                       const int *sq_classes, const sn_network *net, int year)
{
    for (int s = 0; s < net->nschools; s++)
        for (int g = 1; g <= SN_GRADES; g++) {
            int n = sq_students[s * NG + g], c = sq_classes[s * NG + g];
            if (net->schools[s].classrooms < 0)
                continue;
            k->over_hard_cap_before +=
                sn_kpi_classes_over(n, c, sn_kpi_cap(net, s, year, g));
            k->over_standard_before +=
                sn_kpi_classes_over(n, c, sn_scenario_standard(&net->sc, g));
        }
}

int sn_kpi_compute(sn_kpi *k, const sn_network *net, const sn_plan *plan,
                   sn_error *err)
{
    memset(k, 0, sizeof *k);
    size_t ns = (size_t)(net->nschools > 0 ? net->nschools : 1) * NG;
    size_t nz = (size_t)(net->nzones > 0 ? net->nzones : 1) * NG;
    int *students = calloc(ns, sizeof *students);
    int *demand = calloc(nz, sizeof *demand);
    int *sq_students = malloc(ns * sizeof *sq_students);
    int *sq_classes = malloc(ns * sizeof *sq_classes);
    int rc = 0;
    if (!students || !demand || !sq_students || !sq_classes) {
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
        goto done;
    }
    add_assignments(k, students, demand, net, plan);
    for (size_t i = 0; i < plan->nunplaced; i++) {
        const sn_unplaced *u = &plan->unplaced[i];
        k->unplaced += u->students;
        k->students += u->students;
        if (u->zone >= 0 && u->zone < net->nzones && u->grade >= 1 &&
            u->grade <= SN_GRADES)
            demand[u->zone * NG + u->grade] += u->students;
    }
    add_schools(k, students, net, plan);
    sn_plan_status_quo(sq_students, sq_classes, net, demand);
    add_before(k, sq_students, sq_classes, net, plan->year);
    k->cost.total = k->cost.schools + k->cost.capital + k->cost.transport +
                    k->cost.private_seats + k->cost.boarding;
    sn_shortfall_row *rows;
    size_t nrows;
    if (sn_kpi_shortfall(&rows, &nrows, net, plan)) {
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < nrows; i++) {
        k->pupils_over_cap += rows[i].pupils_over_cap;
        k->classrooms_short += rows[i].classrooms_short;
        k->beds_short += rows[i].beds_short;
    }
    free(rows);
done:
    free(students);
    free(demand);
    free(sq_students);
    free(sq_classes);
    return rc;
}
