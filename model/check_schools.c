/* check_schools.c - the plan checker's school and county rules and the
 * stated totals (docs/checker.md): school states, classes and classrooms,
 * seats and beds, each school's stated numbers, open schools and capital
 * per county, the cost, summary.json and shortfall.csv.  The tallies come
 * from check.c (check_impl.h); nothing from solver/ is used.
 */
#include "model/check_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define holds sn_ck_holds
#define is_open ck_open

static const char *sid(const ck *c, int s) { return c->net->schools[s].id; }

/* ---- schools --------------------------------------------------------------- */

static void check_state(ck *c, int s)
{
    const sn_school *sch = &c->net->schools[s];
    sn_school_state st = c->plan->schools[s].state;
    const char *id = sid(c, s);
    if (sch->force == SN_FORCE_CLOSED)
        holds(c, st == SN_SCHOOL_CLOSED || st == SN_SCHOOL_NOT_BUILT,
              "school %s: state %s but the scenario closes it", id,
              sn_school_state_name(st));
    if (sch->force == SN_FORCE_OPEN &&
        (sch->status == SN_OPEN || sch->ready_year <= c->plan->year))
        holds(c, st == SN_SCHOOL_KEPT || st == SN_SCHOOL_NEW,
              "school %s: state %s but the scenario keeps it", id,
              sn_school_state_name(st));
    if (sch->status == SN_CANDIDATE) {
        /* a candidate the scenario keeps opens whatever its ready year */
        if (holds(c, st == SN_SCHOOL_NEW || st == SN_SCHOOL_NOT_BUILT,
                  "school %s: state %s but the school is a candidate", id,
                  sn_school_state_name(st)) &&
            st == SN_SCHOOL_NEW && sch->force != SN_FORCE_OPEN)
            holds(c, sch->ready_year <= c->plan->year,
                  "school %s: opens in %d but is ready only in %d", id,
                  c->plan->year, sch->ready_year);
        return;
    }
    if (!holds(c, st == SN_SCHOOL_KEPT || st == SN_SCHOOL_CLOSED,
               "school %s: state %s but the school exists", id,
               sn_school_state_name(st)) ||
        st != SN_SCHOOL_CLOSED)
        return;
    holds(c, !sch->remote, "school %s: closed but it is remote", id);
    if (sch->force == SN_FORCE_CLOSED)
        return; /* the scenario's decision, not the plan's */
    holds(c, c->sc->allow_closures, "school %s: closed but closures are not "
          "allowed (allow_closures = 0)", id);
    holds(c, sch->closable, "school %s: closed but it is not closable", id);
}

/* opened_year / closed_year, when stated (they are 0 otherwise): only for
 * a new / closed school, and a year it could change state in. */
static void check_years(ck *c, int s)
{
    const sn_school *sch = &c->net->schools[s];
    const sn_school_plan *sp = &c->plan->schools[s];
    const char *id = sid(c, s);
    int y = c->plan->year;
    if (sp->opened_year)
        holds(c, sp->state == SN_SCHOOL_NEW && sp->opened_year <= y &&
                     (sch->force == SN_FORCE_OPEN ||
                      sp->opened_year >= sch->ready_year),
              "school %s: opened_year %d, but it is %s in %d (ready in %d)",
              id, sp->opened_year, sn_school_state_name(sp->state), y,
              sch->ready_year);
    if (sp->closed_year)
        holds(c, sp->state == SN_SCHOOL_CLOSED && sp->closed_year <= y,
              "school %s: closed_year %d, but it is %s in %d", id,
              sp->closed_year, sn_school_state_name(sp->state), y);
}

/* Whether one more classroom at school s would break the county's
 * capital budget (then the plan may stop adding). */
static int budget_binds(const ck *c, int s)
{
    const sn_school *sch = &c->net->schools[s];
    double budget = c->sc->capital_budget;
    return budget > 0 &&
           c->spent[sch->county] + sch->classroom_cost > budget + 1e-3;
}

/* A grade above the cap is the plan's last resort: no classroom is free,
 * (cap before standard) no grade has a class it does not need within the
 * cap, (cap before cost) every addition allowed is built. */
static void check_over_cap(ck *c, int s, int rooms, long classes)
{
    const sn_school *sch = &c->net->schools[s];
    const sn_school_plan *sp = &c->plan->schools[s];
    const char *id = sid(c, s);
    int over = 0, spare = 0;
    for (int g = 1; g <= SN_GRADES; g++) {
        long n = c->stud[s * NG + g];
        int k = sp->classes[g], H = ck_cap(c, s, g);
        if (k > 0 && n > (long)H * k && !over)
            over = g;
        long need = n > 0 ? (n + H - 1) / H : 0;
        if (k > 0 && k > (need > 1 ? need : (n > 0 ? 1 : 0)) && !spare)
            spare = g;
    }
    if (!over)
        return;
    holds(c, classes >= rooms, "school %s grade %d: %ld students above hard "
          "cap %d in %d classes while %ld classrooms are free", id, over,
          c->stud[s * NG + over], ck_cap(c, s, over), sp->classes[over],
          rooms - classes);
    if (c->cap_before_std)
        holds(c, !spare, "school %s grade %d: above hard cap %d while grade "
              "%d runs %d classes it does not need within the cap", id, over,
              ck_cap(c, s, over), spare, spare ? sp->classes[spare] : 0);
    if (c->cap_before_cost)
        holds(c, sp->classrooms_added >= sch->max_new_classrooms ||
                     budget_binds(c, s),
              "school %s grade %d: above hard cap %d with %d of %d "
              "classrooms added (the cap comes before cost)", id, over,
              ck_cap(c, s, over), sp->classrooms_added,
              sch->max_new_classrooms);
}

static void check_classes(ck *c, int s)
{
    const sn_school *sch = &c->net->schools[s];
    const sn_school_plan *sp = &c->plan->schools[s];
    const char *id = sid(c, s);
    long classes = 0;
    int multi = 0, empty = 0;
    for (int g = 1; g <= SN_GRADES; g++) {
        int k = sp->classes[g];
        long n = c->stud[s * NG + g];
        classes += k;
        holds(c, k >= 0, "school %s grade %d: %d classes (negative)", id, g, k);
        if (sch->classrooms < 0) {
            holds(c, k == 0, "school %s grade %d: %d classes at a seat-mode "
                  "school", id, g, k);
            continue;
        }
        if (k > 0)
            holds(c, sn_school_teaches(sch, g) && is_open(sp->state),
                  "school %s grade %d: %d classes in a grade it does not "
                  "teach or at a school that is %s", id, g, k,
                  sn_school_state_name(sp->state));
        holds(c, n <= 0 || k > 0, "school %s grade %d: %ld students in 0 "
              "classes", id, g, n);
        int H = ck_cap(c, s, g);
        if (k > 0 && n > (long)H * k)
            c->rep->reported_over_cap += sn_kpi_classes_over((int)n, k, H);
        c->rep->over_hard_cap_after += sn_kpi_classes_over((int)n, k, H);
        c->rep->over_standard_after += sn_kpi_classes_over(
            (int)n, k, sn_scenario_standard(c->sc, g));
        if ((k > 1 || (k == 1 && n <= 0)) && !multi)
            multi = g;
        if (k > 0 && n <= 0)
            empty = g;
    }
    int add = sp->classrooms_added;
    holds(c, add >= 0 && add <= sch->max_new_classrooms,
          "school %s: %d classrooms added, allowed 0 to %d", id, add,
          sch->max_new_classrooms);
    holds(c, add == 0 || is_open(sp->state), "school %s: %d classrooms added "
          "at a school that is %s", id, add, sn_school_state_name(sp->state));
    if (sch->classrooms < 0)
        return;
    int rooms = sch->classrooms + add;
    /* classes without a classroom (mixed-grade rooms): (cap before
     * standard) only while every grade with pupils runs one class, and
     * (cap before cost) once every addition allowed is built */
    if (classes > rooms) {
        if (c->cap_before_std)
            holds(c, !multi, "school %s: %ld classes in %d classrooms + %d "
                  "added, but grade %d runs %d classes%s", id, classes,
                  sch->classrooms, add, multi, multi ? sp->classes[multi] : 0,
                  multi == empty ? " without pupils" : "");
        if (c->cap_before_cost)
            holds(c, add >= sch->max_new_classrooms || budget_binds(c, s),
                  "school %s: %ld classes in %d classrooms + %d added while "
                  "%d more may be added", id, classes, sch->classrooms, add,
                  sch->max_new_classrooms - add);
    }
    check_over_cap(c, s, rooms, classes);
}

static void check_capacity(ck *c, int s)
{
    const sn_school *sch = &c->net->schools[s];
    const char *id = sid(c, s);
    long total = 0, stay = 0;
    for (int g = 1; g <= SN_GRADES; g++) {
        total += c->stud[s * NG + g];
        stay += c->stay[s * NG + g];
    }
    if (sch->seats >= 0)
        holds(c, total - stay <= sch->seats, "school %s: %ld students exceed "
              "%d seats", id, total, sch->seats);
    /* boarders above the beds are a shortfall at a public class-mode
     * school (shortfall.csv), a violation where no seat can be added */
    if (sch->classrooms < 0 || sch->is_private)
        holds(c, c->boarders[s] <= sch->boarding_beds, "school %s: %ld "
              "boarders exceed %d boarding beds", id, c->boarders[s],
              sch->boarding_beds);
}

/* The per-school numbers the plan states against the recomputed ones. */
static void check_derived(ck *c, int s)
{
    const sn_school_plan *sp = &c->plan->schools[s];
    const char *id = sid(c, s);
    for (int g = 1; g <= SN_GRADES; g++)
        holds(c, sp->students[g] == c->stud[s * NG + g],
              "school %s grade %d: plan states %d students, assignments "
              "give %ld", id, g, sp->students[g], c->stud[s * NG + g]);
    holds(c, sp->boarders == c->boarders[s], "school %s: plan states %d "
          "boarders, assignments give %ld", id, sp->boarders, c->boarders[s]);
    holds(c, sp->diverted_in == c->div_in[s], "school %s: plan states "
          "diverted_in %d, assignments give %ld", id, sp->diverted_in,
          c->div_in[s]);
    holds(c, sp->diverted_out == c->div_out[s], "school %s: plan states "
          "diverted_out %d, assignments give %ld", id, sp->diverted_out,
          c->div_out[s]);
}

void sn_ck_school(ck *c, int s)
{
    check_state(c, s);
    check_years(c, s);
    check_classes(c, s);
    check_capacity(c, s);
    check_derived(c, s);
}

/* ---- counties ---------------------------------------------------------------- */

static int check_open_counts(ck *c)
{
    if (c->sc->max_open_schools <= 0)
        return 0;
    int *open = calloc((size_t)c->net->ncounties + 1, sizeof *open);
    if (!open)
        return SN_ENOMEM;
    for (int s = 0; s < c->ns; s++)
        if (!c->net->schools[s].is_private &&
            is_open(c->plan->schools[s].state))
            open[c->net->schools[s].county]++;
    for (int k = 0; k < c->net->ncounties; k++)
        holds(c, open[k] <= c->sc->max_open_schools,
              "county %s: %d open public schools exceed max_open_schools %d",
              c->net->counties[k], open[k], c->sc->max_open_schools);
    free(open);
    return 0;
}

/* One-off capital per county (new schools, added classrooms) into
 * c->spent, within capital_budget when set. */
static void check_capital_budget(ck *c)
{
    for (int s = 0; s < c->ns; s++) {
        const sn_school *sch = &c->net->schools[s];
        const sn_school_plan *sp = &c->plan->schools[s];
        if (sp->state == SN_SCHOOL_NEW)
            c->spent[sch->county] += sch->build_cost;
        c->spent[sch->county] += sch->classroom_cost * sp->classrooms_added;
    }
    double budget = c->sc->capital_budget;
    for (int k = 0; budget > 0 && k < c->net->ncounties; k++)
        holds(c, c->spent[k] <= budget * (1 + 1e-6) + 1e-3, "county %s: "
              "capital %.3f exceeds capital_budget %.3f", c->net->counties[k],
              c->spent[k], budget);
}

void sn_ck_spent(ck *c)
{
    check_capital_budget(c);
}

/* ---- costs, summary, shortfall ------------------------------------------------ */

static sn_plan_cost recompute_cost(const ck *c)
{
    sn_plan_cost k;
    memset(&k, 0, sizeof k);
    double capital = 0;
    for (int s = 0; s < c->ns; s++) {
        const sn_school *sch = &c->net->schools[s];
        const sn_school_plan *sp = &c->plan->schools[s];
        if (is_open(sp->state) && !sch->is_private)
            k.schools += sch->annual_cost;
        if (sp->state == SN_SCHOOL_NEW)
            capital += sch->build_cost;
        capital += sch->classroom_cost * sp->classrooms_added;
    }
    k.capital = sn_scenario_annuity(c->sc) * capital;
    k.transport = c->sc->transport_cost_per_student_km * c->student_km;
    k.private_seats = c->seat_cost;
    k.boarding = c->boarding_cost;
    k.total = k.schools + k.capital + k.transport + k.private_seats +
              k.boarding;
    return k;
}

static int near(double a, double b, double abs_tol)
{
    return fabs(a - b) <= abs_tol + 1e-6 * fmax(fabs(a), fabs(b));
}

static void check_cost(ck *c, const char *what, const sn_plan_cost *got)
{
    sn_plan_cost k = recompute_cost(c);
    const char *names[] = {"total", "schools", "capital", "transport",
                           "private_seats", "boarding"};
    double g[] = {got->total, got->schools, got->capital, got->transport,
                  got->private_seats, got->boarding};
    double w[] = {k.total, k.schools, k.capital, k.transport,
                  k.private_seats, k.boarding};
    for (int i = 0; i < 6; i++)
        holds(c, near(g[i], w[i], 1e-3), "%s cost.%s: %.3f stated, %.3f "
              "recomputed", what, names[i], g[i], w[i]);
}

static void compare_long(ck *c, const char *key, long got, long want)
{
    holds(c, got == want, "summary %s: %ld written, %ld recomputed", key,
          got, want);
}

static void check_written(ck *c, const sn_kpi *w)
{
    long closed = 0, opened = 0, added = 0;
    for (int s = 0; s < c->ns; s++) {
        closed += c->plan->schools[s].state == SN_SCHOOL_CLOSED;
        opened += c->plan->schools[s].state == SN_SCHOOL_NEW;
        added += c->plan->schools[s].classrooms_added;
    }
    const sn_check_report *r = c->rep;
    compare_long(c, "students", w->students,
                 c->placed_total + c->unplaced_total);
    compare_long(c, "unplaced", w->unplaced, c->unplaced_total);
    compare_long(c, "students_diverted", w->students_diverted, c->diverted);
    compare_long(c, "schools_closed", w->schools_closed, closed);
    compare_long(c, "schools_opened", w->schools_opened, opened);
    compare_long(c, "classrooms_added", w->classrooms_added, added);
    compare_long(c, "classes_over_hard_cap.before", w->over_hard_cap_before,
                 r->over_hard_cap_before);
    compare_long(c, "classes_over_hard_cap.after", w->over_hard_cap_after,
                 r->over_hard_cap_after);
    compare_long(c, "classes_over_standard.before", w->over_standard_before,
                 r->over_standard_before);
    compare_long(c, "classes_over_standard.after", w->over_standard_after,
                 r->over_standard_after);
    double mean = c->placed_total > 0 ? c->student_km / c->placed_total : 0;
    /* written from the plan's own km (each within KM_TOL) and rounded */
    holds(c, near(w->mean_km, mean, 2 * KM_TOL), "summary mean_km: %.3f "
          "written, %.3f recomputed", w->mean_km, mean);
    holds(c, near(w->max_km, c->max_km, 2 * KM_TOL), "summary max_km: %.3f "
          "written, %.3f recomputed", w->max_km, c->max_km);
    check_cost(c, "summary", &w->cost);
    compare_long(c, "pupils_beyond_walking", w->pupils_beyond_walking,
                 c->beyond_walking);
    compare_long(c, "bus_riders", w->bus_riders, c->bus_riders);
    for (int g = 1; g <= SN_GRADES; g++) {
        char key[40];
        snprintf(key, sizeof key, "boarders_by_grade[%d]", g - 1);
        compare_long(c, key, w->boarders_by_grade[g], c->boarders_by_grade[g]);
    }
    double one_off = 0;
    for (int k = 0; k < c->net->ncounties; k++)
        one_off += c->spent[k];
    holds(c, near(w->capital_one_off, one_off, 1e-3), "summary "
          "capital_one_off: %.3f written, %.3f recomputed", w->capital_one_off,
          one_off);
}

/* ---- shortfall ------------------------------------------------------------------ */

/* The shortfall rows of school s, recomputed from the tallies (see
 * docs/checker.md, "Shortfall"); out has room for SN_GRADES + 1 rows.
 * Returns the number of rows. */
static int school_shortfall(const ck *c, int s, sn_shortfall_row *out)
{
    const sn_school *sch = &c->net->schools[s];
    const sn_school_plan *sp = &c->plan->schools[s];
    if (sch->classrooms < 0 || !is_open(sp->state))
        return 0;
    int n = 0, rooms = sch->classrooms + sp->classrooms_added;
    long classes = 0, pupils = 0;
    for (int g = 1; g <= SN_GRADES; g++) {
        long st = c->stud[s * NG + g];
        int k = sp->classes[g] > 0 ? sp->classes[g] : 0, H = ck_cap(c, s, g);
        classes += k;
        pupils += st;
        if (st <= 0)
            continue;
        long over = st - (long)H * k, lack = (st + H - 1) / H;
        lack = (lack < 1 ? 1 : lack) - k;
        if (over > 0 || lack > 0)
            out[n++] = (sn_shortfall_row){s, g, (int)st, k, rooms,
                                          over > 0 ? over : 0,
                                          lack > 0 ? (int)lack : 0, 0};
    }
    long beds = c->boarders[s] - sch->boarding_beds;
    if (classes > rooms || beds > 0)
        out[n++] = (sn_shortfall_row){s, 0, (int)pupils, (int)classes, rooms,
                                      0, classes > rooms
                                             ? (int)(classes - rooms) : 0,
                                      beds > 0 ? beds : 0};
    return n;
}

static int same_row(const sn_shortfall_row *a, const sn_shortfall_row *b)
{
    return a->school == b->school && a->grade == b->grade &&
           a->students == b->students && a->classes == b->classes &&
           a->classrooms == b->classrooms &&
           a->pupils_over_cap == b->pupils_over_cap &&
           a->classrooms_short == b->classrooms_short &&
           a->beds_short == b->beds_short;
}

/* shortfall.csv (plan->shortfall, when read from the files) and the
 * summary's totals and per-county numbers against the recomputation. */
static int check_shortfall(ck *c, const sn_kpi *w)
{
    const sn_plan *p = c->plan;
    long *county = calloc((size_t)c->net->ncounties + 1, sizeof *county);
    char *used = calloc(p->nshortfall + 1, 1);
    if (!county || !used) {
        free(county);
        free(used);
        return SN_ENOMEM;
    }
    long over = 0, lack = 0, beds = 0;
    sn_shortfall_row rows[SN_GRADES + 1];
    for (int s = 0; s < c->ns; s++) {
        int n = school_shortfall(c, s, rows);
        for (int i = 0; i < n; i++) {
            over += rows[i].pupils_over_cap;
            lack += rows[i].classrooms_short;
            beds += rows[i].beds_short;
            county[c->net->schools[s].county] += rows[i].classrooms_short;
            if (!p->shortfall)
                continue;
            size_t j = 0;
            while (j < p->nshortfall &&
                   (used[j] || !same_row(&p->shortfall[j], &rows[i])))
                j++;
            if (holds(c, j < p->nshortfall, "shortfall.csv: school %s grade "
                      "%d: %ld pupils over the cap, %d classrooms and %ld "
                      "beds short are missing or stated otherwise", sid(c, s),
                      rows[i].grade, rows[i].pupils_over_cap,
                      rows[i].classrooms_short, rows[i].beds_short))
                used[j] = 1;
        }
    }
    for (size_t j = 0; p->shortfall && j < p->nshortfall; j++)
        holds(c, used[j], "shortfall.csv: the row of school %s grade %d is "
              "not a shortfall of the plan",
              p->shortfall[j].school >= 0 && p->shortfall[j].school < c->ns
                  ? sid(c, p->shortfall[j].school)
                  : "?",
              p->shortfall[j].grade);
    for (int k = 0; p->county_short && k < c->net->ncounties; k++)
        holds(c, p->county_short[k] == county[k], "summary classrooms_short "
              "of county %s: %ld written, %ld recomputed",
              c->net->counties[k], p->county_short[k], county[k]);
    if (w) {
        compare_long(c, "pupils_over_cap", w->pupils_over_cap, over);
        compare_long(c, "classrooms_short", w->classrooms_short, lack);
        compare_long(c, "beds_short", w->beds_short, beds);
    }
    free(county);
    free(used);
    return 0;
}

/* Classes over the limits before the plan (model/kpi's status quo). */
static int count_before(ck *c)
{
    size_t n = (size_t)(c->ns > 0 ? c->ns : 1) * NG;
    int *st = malloc(n * sizeof *st), *cl = malloc(n * sizeof *cl);
    if (!st || !cl) {
        free(st);
        free(cl);
        return SN_ENOMEM;
    }
    sn_plan_status_quo(st, cl, c->net, c->demand);
    for (int s = 0; s < c->ns; s++)
        for (int g = 1; g <= SN_GRADES && c->net->schools[s].classrooms >= 0;
             g++) {
            int k = s * NG + g;
            c->rep->over_hard_cap_before +=
                sn_kpi_classes_over(st[k], cl[k], ck_cap(c, s, g));
            c->rep->over_standard_before += sn_kpi_classes_over(
                st[k], cl[k], sn_scenario_standard(c->sc, g));
        }
    free(st);
    free(cl);
    return 0;
}


int sn_ck_totals(ck *c, const sn_kpi *written)
{
    int rc;
    if ((rc = check_open_counts(c)) != 0 || (rc = count_before(c)) != 0)
        return rc;
    check_cost(c, "plan", &c->plan->cost);
    if (written)
        check_written(c, written);
    return check_shortfall(c, written);
}
