/* check.c - the independent plan checker (rules in docs/checker.md).
 *
 * One pass tallies the plan's assignments with distances, flags and
 * diversions recomputed from the network; then each rule family runs over
 * the tallies and appends one line per violation.  Nothing from solver/ is
 * used; the plan's derived fields are only ever compared, never trusted.
 * Sums are kept in long so that no input, however large or negative, can
 * overflow them.
 */
#include "model/check.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/forecast.h"

#define NG (SN_GRADES + 1)
#define KM_TOL 0.001  /* written km vs recomputed */
#define EPS 1e-9      /* slack on limits compared with computed km */

void sn_check_report_init(sn_check_report *rep)
{
    memset(rep, 0, sizeof *rep);
}

void sn_check_report_dispose(sn_check_report *rep)
{
    if (!rep)
        return;
    for (size_t i = 0; i < rep->nviolations; i++)
        free(rep->violations[i]);
    free(rep->violations);
    memset(rep, 0, sizeof *rep);
}

typedef struct ck {
    sn_check_report *rep;
    const sn_network *net;
    const sn_plan *plan;
    const sn_scenario *sc; /* net->sc with the plan year's hard cap */
    sn_scenario sc_year;
    /* carried-over pupils (multi-year plans), clamped to the demand and
     * sorted by (zone, grade, school); got: pupils the plan has there */
    sn_assignment *st;
    long *st_got;
    size_t nst;
    long *st_other, *st_des; /* [z*NG+g] carried to other / designated */
    int nz, ns;
    int *demand;          /* [z*NG+g] the year's demand */
    const char *source;   /* "history" or "projection" */
    long *placed, *unplaced, *at_home; /* [z*NG+g] */
    long *stud, *stay;    /* [s*NG+g] pupils; enrolled pupils who stay */
    long *boarders, *div_in, *div_out; /* [s] */
    double *km;           /* [i] recomputed km of assignment i */
    char *ok;             /* [i] assignment i has valid indices */
    long placed_total, unplaced_total, diverted;
    double student_km, max_km, seat_cost;
} ck;

static void add_line(sn_check_report *rep, const char *fmt, va_list ap)
{
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    if (rep->nviolations == rep->cap) {
        size_t ncap = rep->cap ? 2 * rep->cap : 32;
        char **nl = realloc(rep->violations, ncap * sizeof *nl);
        if (!nl) {
            rep->lost++;
            return;
        }
        rep->violations = nl;
        rep->cap = ncap;
    }
    char *line = strdup(buf);
    if (!line) {
        rep->lost++;
        return;
    }
    rep->violations[rep->nviolations++] = line;
}

/* Counts one rule; when it does not hold, records the formatted line. */
static int holds(ck *c, int ok, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int holds(ck *c, int ok, const char *fmt, ...)
{
    c->rep->rules_checked++;
    if (!ok) {
        va_list ap;
        va_start(ap, fmt);
        add_line(c->rep, fmt, ap);
        va_end(ap);
    }
    return ok;
}

static int is_open(sn_school_state st)
{
    return st == SN_SCHOOL_KEPT || st == SN_SCHOOL_NEW;
}

static double walk_km(const sn_scenario *sc, int grade)
{
    return grade <= 6 ? sc->max_km_primary : sc->max_km_junior;
}

static int entry_grade(int g) { return g == 1 || g == 7; }

static const char *zid(const ck *c, int z) { return c->net->zones[z].id; }
static const char *sid(const ck *c, int s) { return c->net->schools[s].id; }

/* Whether pupils of zone z, grade g can reach school s: known distance,
 * walking, or boarding within boarding_max_km at a school with beds. */
static int reachable(const ck *c, int z, int g, int s)
{
    const sn_school *sch = &c->net->schools[s];
    if (sch->county != c->net->zones[z].county || !sn_school_teaches(sch, g))
        return 0;
    double km = sn_network_km(c->net, z, s);
    if (km < 0)
        return 0;
    return km <= walk_km(c->sc, g) + EPS ||
           (sch->boarding_beds > 0 && km <= c->sc->boarding_max_km + EPS);
}

/* ---- shape: indices, signs, duplicates --------------------------------- */

static int cmp_asg(const void *a, const void *b)
{
    const sn_assignment *x = *(const sn_assignment *const *)a;
    const sn_assignment *y = *(const sn_assignment *const *)b;
    if (x->zone != y->zone)
        return x->zone < y->zone ? -1 : 1;
    if (x->grade != y->grade)
        return x->grade < y->grade ? -1 : 1;
    return (x->school > y->school) - (x->school < y->school);
}

static int cmp_unplaced(const void *a, const void *b)
{
    const sn_unplaced *x = *(const sn_unplaced *const *)a;
    const sn_unplaced *y = *(const sn_unplaced *const *)b;
    if (x->zone != y->zone)
        return x->zone < y->zone ? -1 : 1;
    return (x->grade > y->grade) - (x->grade < y->grade);
}

static int check_duplicates(ck *c)
{
    const sn_plan *p = c->plan;
    size_t n = p->nasg > p->nunplaced ? p->nasg : p->nunplaced;
    const void **ix = malloc((n ? n : 1) * sizeof *ix);
    if (!ix)
        return SN_ENOMEM;
    size_t m = 0;
    for (size_t i = 0; i < p->nasg; i++)
        if (c->ok[i])
            ix[m++] = &p->asg[i];
    qsort(ix, m, sizeof *ix, cmp_asg);
    for (size_t i = 0; i + 1 < m; i++) {
        const sn_assignment *a = ix[i];
        holds(c, cmp_asg(&ix[i], &ix[i + 1]) != 0,
              "zone %s grade %d -> school %s: listed more than once",
              zid(c, a->zone), a->grade, sid(c, a->school));
    }
    m = 0;
    for (size_t i = 0; i < p->nunplaced; i++) {
        const sn_unplaced *u = &p->unplaced[i];
        if (u->zone >= 0 && u->zone < c->nz && u->grade >= 1 &&
            u->grade <= SN_GRADES)
            ix[m++] = u;
    }
    qsort(ix, m, sizeof *ix, cmp_unplaced);
    for (size_t i = 0; i + 1 < m; i++) {
        const sn_unplaced *u = ix[i];
        holds(c, cmp_unplaced(&ix[i], &ix[i + 1]) != 0,
              "zone %s grade %d: unplaced pupils listed more than once",
              zid(c, u->zone), u->grade);
    }
    free(ix);
    return 0;
}

static void check_shape(ck *c)
{
    const sn_plan *p = c->plan;
    for (size_t i = 0; i < p->nasg; i++) {
        const sn_assignment *a = &p->asg[i];
        c->ok[i] = holds(c, a->zone >= 0 && a->zone < c->nz && a->school >= 0 &&
                                a->school < c->ns && a->grade >= 1 &&
                                a->grade <= SN_GRADES,
                         "assignment %zu: zone %d, grade %d or school %d "
                         "out of range", i, a->zone, a->grade, a->school);
        if (c->ok[i])
            holds(c, a->students >= 0,
                  "zone %s grade %d -> school %s: %d students (negative)",
                  zid(c, a->zone), a->grade, sid(c, a->school), a->students);
    }
    for (size_t i = 0; i < p->nunplaced; i++) {
        const sn_unplaced *u = &p->unplaced[i];
        if (!holds(c, u->zone >= 0 && u->zone < c->nz && u->grade >= 1 &&
                          u->grade <= SN_GRADES &&
                          (u->reason == SN_UNPLACED_NO_REACH ||
                           u->reason == SN_UNPLACED_NO_CAPACITY),
                   "unplaced row %zu: zone %d, grade %d or reason %d out "
                   "of range", i, u->zone, u->grade, (int)u->reason))
            continue;
        holds(c, u->students >= 0, "zone %s grade %d: %d unplaced (negative)",
              zid(c, u->zone), u->grade, u->students);
    }
}

/* ---- carried-over pupils (stayers.csv of a multi-year plan) ------------- */

/* Copies the valid rows, sorts them and clamps each (zone, grade) to its
 * demand in school order, as the solver does. */
static int prepare_stayers(ck *c, const sn_assignment *stay, size_t nstay)
{
    c->st = malloc((nstay ? nstay : 1) * sizeof *c->st);
    c->st_got = calloc(nstay ? nstay : 1, sizeof *c->st_got);
    if (!c->st || !c->st_got)
        return SN_ENOMEM;
    for (size_t i = 0; i < nstay; i++) {
        const sn_assignment *a = &stay[i];
        if (a->zone >= 0 && a->zone < c->nz && a->school >= 0 &&
            a->school < c->ns && a->grade >= 1 && a->grade <= SN_GRADES &&
            a->students > 0 && !entry_grade(a->grade))
            c->st[c->nst++] = *a;
    }
    qsort(c->st, c->nst, sizeof *c->st, sn_assignment_cmp);
    long left = 0;
    for (size_t i = 0; i < c->nst; i++) {
        sn_assignment *a = &c->st[i];
        if (i == 0 || a->zone != a[-1].zone || a->grade != a[-1].grade)
            left = c->demand[a->zone * NG + a->grade];
        if (a->students > left)
            a->students = (int)left;
        left -= a->students;
        int d = sn_kpi_designated(c->net, a->zone, a->grade);
        if (a->school == d)
            c->st_des[a->zone * NG + a->grade] += a->students;
        else
            c->st_other[a->zone * NG + a->grade] += a->students;
    }
    return 0;
}

static const sn_assignment *find_stay(const ck *c, int z, int g, int s,
                                      size_t *at)
{
    sn_assignment key = {z, g, s, 0, 0, 0, 0};
    const sn_assignment *a = c->nst ? bsearch(&key, c->st, c->nst,
                                              sizeof *c->st, sn_assignment_cmp)
                                    : NULL;
    if (a && at)
        *at = (size_t)(a - c->st);
    return a;
}

/* Of n pupils of (z, g) at their designated school, those who stay: the
 * pupils carried there plus the ones not carried anywhere. */
static long home_stayers(const ck *c, int z, int g, long n)
{
    long rest = c->demand[z * NG + g] - c->st_other[z * NG + g];
    return n < rest ? n : rest;
}

/* Of n pupils of (z, g) at school s (not designated), those carried over
 * to s; counts them for the stayer rule. */
static long carried_here(ck *c, int z, int g, int s, long n)
{
    size_t at;
    const sn_assignment *a = find_stay(c, z, g, s, &at);
    if (!a)
        return 0;
    c->st_got[at] += n;
    return n < a->students ? n : a->students;
}

/* Carried-over pupils stay at their (non-designated) school when it is
 * open and in walking reach, or in boarding reach with beds for them. */
static void check_stayers(ck *c)
{
    if (c->sc->divert != SN_DIVERT_INTAKE)
        return;
    for (size_t i = 0; i < c->nst; i++) {
        const sn_assignment *a = &c->st[i];
        int z = a->zone, g = a->grade, s = a->school;
        long missing = a->students - c->st_got[i];
        if (s == sn_kpi_designated(c->net, z, g) || missing <= 0 ||
            !is_open(c->plan->schools[s].state) ||
            c->net->schools[s].county != c->net->zones[z].county ||
            !sn_school_teaches(&c->net->schools[s], g))
            continue;
        double km = sn_network_km(c->net, z, s);
        if (km < 0)
            continue;
        if (km <= walk_km(c->sc, g) + EPS)
            holds(c, 0, "zone %s grade %d: %ld pupils carried over at school "
                  "%s (stayers.csv) are not there", zid(c, z), g, missing,
                  sid(c, s));
        else if (km <= c->sc->boarding_max_km + EPS)
            holds(c, c->boarders[s] + missing >
                         c->net->schools[s].boarding_beds,
                  "zone %s grade %d: %ld boarders carried over at school %s "
                  "(stayers.csv) are not there, and it has beds for them",
                  zid(c, z), g, missing, sid(c, s));
    }
}

/* ---- tallies ------------------------------------------------------------- */

static void tally(ck *c)
{
    const sn_plan *p = c->plan;
    for (size_t i = 0; i < p->nasg; i++) {
        if (!c->ok[i])
            continue;
        const sn_assignment *a = &p->asg[i];
        int z = a->zone, g = a->grade, s = a->school, n = a->students;
        int d = sn_kpi_designated(c->net, z, g);
        double km = c->km[i] = sn_network_km(c->net, z, s);
        c->placed[z * NG + g] += n;
        c->stud[s * NG + g] += n;
        c->placed_total += n;
        if (d == s) {
            c->at_home[z * NG + g] += n;
            if (c->sc->divert == SN_DIVERT_INTAKE && !entry_grade(g))
                c->stay[s * NG + g] += home_stayers(c, z, g, n);
        } else if (c->sc->divert == SN_DIVERT_INTAKE && !entry_grade(g)) {
            c->stay[s * NG + g] += carried_here(c, z, g, s, n);
        }
        if (km > walk_km(c->sc, g))
            c->boarders[s] += n;
        if (d >= 0 && d != s) {
            c->div_in[s] += n;
            c->div_out[d] += n;
            c->diverted += n;
        }
        if (km >= 0) {
            c->student_km += (double)n * km;
            if (km > c->max_km)
                c->max_km = km;
        }
        if (c->net->schools[s].is_private)
            c->seat_cost += c->net->schools[s].seat_price * n;
    }
    for (size_t i = 0; i < p->nunplaced; i++) {
        const sn_unplaced *u = &p->unplaced[i];
        if (u->zone < 0 || u->zone >= c->nz || u->grade < 1 ||
            u->grade > SN_GRADES)
            continue;
        c->unplaced[u->zone * NG + u->grade] += u->students;
        c->unplaced_total += u->students;
    }
}

/* ---- pupils: conservation, assignments, intake, unplaced ---------------- */

static void check_conservation(ck *c)
{
    for (int z = 0; z < c->nz; z++)
        for (int g = 1; g <= SN_GRADES; g++) {
            long pl = c->placed[z * NG + g], un = c->unplaced[z * NG + g];
            int d = c->demand[z * NG + g];
            holds(c, pl + un == d,
                  "zone %s grade %d: %ld placed + %ld unplaced = %ld, "
                  "demand is %d", zid(c, z), g, pl, un, pl + un, d);
        }
}

static void check_assignment(ck *c, size_t i)
{
    const sn_assignment *a = &c->plan->asg[i];
    int z = a->zone, g = a->grade, s = a->school;
    const sn_school *sch = &c->net->schools[s];
    const sn_school_state st = c->plan->schools[s].state;
    char who[256];
    snprintf(who, sizeof who, "zone %s grade %d -> school %s", zid(c, z), g,
             sid(c, s));
    int zc = c->net->zones[z].county;
    holds(c, sch->county == zc, "%s: school in county %s, zone in county %s",
          who, c->net->counties[sch->county], c->net->counties[zc]);
    holds(c, sn_school_teaches(sch, g), "%s: school teaches grades %d-%d",
          who, sch->grade_lo, sch->grade_hi);
    holds(c, is_open(st), "%s: %d students at a school that is %s", who,
          a->students, sn_school_state_name(st));
    double km = c->km[i], walk = walk_km(c->sc, g);
    if (!holds(c, km >= 0, "%s: distance unknown (never in reach)", who))
        return;
    holds(c, fabs(a->km - km) <= KM_TOL, "%s: km %.3f written, %.3f "
          "recomputed", who, a->km, km);
    int boards = km > walk;
    holds(c, (a->boarding != 0) == boards,
          boards ? "%s: boarding %d but %.3f km exceeds walking limit %.3f"
                 : "%s: boarding %d but %.3f km is within walking limit %.3f",
          who, a->boarding, km, walk);
    if (boards)
        holds(c, km <= c->sc->boarding_max_km + EPS,
              "%s: %.3f km exceeds boarding limit %.3f", who, km,
              c->sc->boarding_max_km);
    int d = sn_kpi_designated(c->net, z, g);
    int div = d >= 0 && d != s;
    if (div)
        holds(c, a->diverted != 0, "%s: diverted 0 but the designated "
              "school is %s", who, sid(c, d));
    else
        holds(c, a->diverted == 0, "%s: diverted %d but %s", who,
              a->diverted, d < 0 ? "the zone has no designated school for "
                                   "the grade"
                                 : "it is the designated school");
}

/* divert = intake: enrolled pupils (grades other than 1 and 7) stay at
 * their open designated school when they walk there, or board there while
 * it has beds for them. */
static void check_intake(ck *c)
{
    if (c->sc->divert != SN_DIVERT_INTAKE)
        return;
    for (int z = 0; z < c->nz; z++)
        for (int g = 1; g <= SN_GRADES; g++) {
            int d = sn_kpi_designated(c->net, z, g);
            if (entry_grade(g) || d < 0 ||
                c->plan->schools[d].state != SN_SCHOOL_KEPT ||
                c->net->schools[d].county != c->net->zones[z].county)
                continue;
            double km = sn_network_km(c->net, z, d);
            /* pupils carried over to another school may be there */
            long moved = c->placed[z * NG + g] - c->at_home[z * NG + g] +
                         c->unplaced[z * NG + g] - c->st_other[z * NG + g];
            if (km < 0 || moved <= 0)
                continue;
            const sn_school *sch = &c->net->schools[d];
            if (km <= walk_km(c->sc, g) + EPS)
                holds(c, 0, "zone %s grade %d: %ld enrolled pupils not at "
                      "their open designated school %s, %.3f km away "
                      "(divert = intake)", zid(c, z), g, moved, sid(c, d), km);
            else if (km <= c->sc->boarding_max_km + EPS)
                holds(c, c->boarders[d] + moved > sch->boarding_beds,
                      "zone %s grade %d: %ld enrolled boarders not at their "
                      "open designated school %s, which has beds for them "
                      "(divert = intake)", zid(c, z), g, moved, sid(c, d));
        }
}

static void check_unplaced(ck *c)
{
    for (size_t i = 0; i < c->plan->nunplaced; i++) {
        const sn_unplaced *u = &c->plan->unplaced[i];
        if (u->zone < 0 || u->zone >= c->nz || u->grade < 1 ||
            u->grade > SN_GRADES || u->students <= 0)
            continue;
        int open_s = -1, any = 0;
        for (int s = 0; s < c->ns; s++) {
            if (!reachable(c, u->zone, u->grade, s))
                continue;
            any = 1;
            if (is_open(c->plan->schools[s].state)) {
                open_s = s;
                break;
            }
        }
        if (u->reason == SN_UNPLACED_NO_REACH)
            holds(c, open_s < 0, "zone %s grade %d: %d unplaced for no_reach "
                  "but open school %s is in reach", zid(c, u->zone),
                  u->grade, u->students, open_s >= 0 ? sid(c, open_s) : "");
        else
            holds(c, any, "zone %s grade %d: %d unplaced for no_capacity but "
                  "no school teaching the grade is in reach",
                  zid(c, u->zone), u->grade, u->students);
    }
}

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

/* One-off capital (new schools, added classrooms) per county within
 * capital_budget, when set. */
static int check_capital_budget(ck *c)
{
    double budget = c->sc->capital_budget;
    if (budget <= 0)
        return 0;
    double *spent = calloc((size_t)c->net->ncounties + 1, sizeof *spent);
    if (!spent)
        return SN_ENOMEM;
    for (int s = 0; s < c->ns; s++) {
        const sn_school *sch = &c->net->schools[s];
        const sn_school_plan *sp = &c->plan->schools[s];
        if (sp->state == SN_SCHOOL_NEW)
            spent[sch->county] += sch->build_cost;
        spent[sch->county] += sch->classroom_cost * sp->classrooms_added;
    }
    for (int k = 0; k < c->net->ncounties; k++)
        holds(c, spent[k] <= budget * (1 + 1e-6) + 1e-3, "county %s: "
              "capital %.3f exceeds capital_budget %.3f", c->net->counties[k],
              spent[k], budget);
    free(spent);
    return 0;
}

static void check_classes(ck *c, int s)
{
    const sn_school *sch = &c->net->schools[s];
    const sn_school_plan *sp = &c->plan->schools[s];
    const char *id = sid(c, s);
    long classes = 0;
    for (int g = 1; g <= SN_GRADES; g++) {
        int k = sp->classes[g];
        long n = c->stud[s * NG + g], stay = c->stay[s * NG + g];
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
        long room = (long)c->sc->hard_cap * (k > 0 ? k : 0);
        /* Enrolled pupils who stay may leave a class above the cap; the
         * pupils the plan assigns must fit under it on their own. */
        if (n > 0 && k <= 0)
            holds(c, 0, "school %s grade %d: %ld students in 0 classes", id,
                  g, n);
        else if (holds(c, n - stay <= room, "school %s grade %d: %ld "
                       "students in %d classes exceed hard cap %d", id, g, n,
                       k, c->sc->hard_cap) &&
                 n > room)
            c->rep->reported_over_cap +=
                sn_kpi_classes_over((int)n, k, c->sc->hard_cap);
        c->rep->over_hard_cap_after +=
            sn_kpi_classes_over((int)n, k, c->sc->hard_cap);
        c->rep->over_standard_after += sn_kpi_classes_over(
            (int)n, k, sn_scenario_standard(c->sc, g));
    }
    int add = sp->classrooms_added;
    holds(c, add >= 0 && add <= sch->max_new_classrooms,
          "school %s: %d classrooms added, allowed 0 to %d", id, add,
          sch->max_new_classrooms);
    holds(c, add == 0 || is_open(sp->state), "school %s: %d classrooms added "
          "at a school that is %s", id, add, sn_school_state_name(sp->state));
    if (sch->classrooms >= 0)
        holds(c, classes <= (long)sch->classrooms + add,
              "school %s: %ld classes exceed %d classrooms + %d added", id,
              classes, sch->classrooms, add);
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
    holds(c, c->boarders[s] <= sch->boarding_beds, "school %s: %ld boarders "
          "exceed %d boarding beds", id, c->boarders[s], sch->boarding_beds);
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

/* ---- costs and summary ------------------------------------------------------- */

static sn_plan_cost recompute_cost(const ck *c)
{
    sn_plan_cost k = {0, 0, 0, 0, 0};
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
    k.total = k.schools + k.capital + k.transport + k.private_seats;
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
                           "private_seats"};
    double g[] = {got->total, got->schools, got->capital, got->transport,
                  got->private_seats};
    double w[] = {k.total, k.schools, k.capital, k.transport,
                  k.private_seats};
    for (int i = 0; i < 5; i++)
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
                sn_kpi_classes_over(st[k], cl[k], c->sc->hard_cap);
            c->rep->over_standard_before += sn_kpi_classes_over(
                st[k], cl[k], sn_scenario_standard(c->sc, g));
        }
    free(st);
    free(cl);
    return 0;
}

/* ---- driver ------------------------------------------------------------------ */

static void ck_free(ck *c)
{
    free(c->st);
    free(c->st_got);
    free(c->st_other);
    free(c->st_des);
    free(c->demand);
    free(c->placed);
    free(c->unplaced);
    free(c->at_home);
    free(c->stud);
    free(c->stay);
    free(c->boarders);
    free(c->div_in);
    free(c->div_out);
    free(c->km);
    free(c->ok);
}

static int ck_alloc(ck *c)
{
    size_t nz = (size_t)(c->nz > 0 ? c->nz : 1) * NG;
    size_t ns = (size_t)(c->ns > 0 ? c->ns : 1);
    size_t na = c->plan->nasg ? c->plan->nasg : 1;
    c->demand = calloc(nz, sizeof *c->demand);
    c->st_other = calloc(nz, sizeof *c->st_other);
    c->st_des = calloc(nz, sizeof *c->st_des);
    c->placed = calloc(nz, sizeof *c->placed);
    c->unplaced = calloc(nz, sizeof *c->unplaced);
    c->at_home = calloc(nz, sizeof *c->at_home);
    c->stud = calloc(ns * NG, sizeof *c->stud);
    c->stay = calloc(ns * NG, sizeof *c->stay);
    c->boarders = calloc(ns, sizeof *c->boarders);
    c->div_in = calloc(ns, sizeof *c->div_in);
    c->div_out = calloc(ns, sizeof *c->div_out);
    c->km = calloc(na, sizeof *c->km);
    c->ok = calloc(na, 1);
    return c->demand && c->st_other && c->st_des && c->placed && c->unplaced && c->at_home && c->stud &&
                   c->stay && c->boarders && c->div_in && c->div_out &&
                   c->km && c->ok
               ? 0
               : SN_ENOMEM;
}

static int run(ck *c, const sn_kpi *written, const sn_assignment *stay,
               size_t nstay, sn_error *err)
{
    const sn_plan *p = c->plan;
    int rc = sn_forecast_demand(c->demand, c->net, p->year, &c->source, err);
    if (rc != 0)
        return rc;
    if ((rc = prepare_stayers(c, stay, nstay)) != 0)
        return sn_error_set(err, rc, "out of memory");
    check_shape(c);
    if ((rc = check_duplicates(c)) != 0)
        return sn_error_set(err, rc, "out of memory");
    tally(c);
    check_conservation(c);
    if (p->demand_source && c->source)
        holds(c, !strcmp(p->demand_source, c->source), "demand_source is %s "
              "but the demand of %d is %s", p->demand_source, p->year,
              c->source);
    for (size_t i = 0; i < p->nasg; i++)
        if (c->ok[i] && p->asg[i].students != 0)
            check_assignment(c, i);
    check_intake(c);
    check_stayers(c);
    check_unplaced(c);
    for (int s = 0; s < c->ns; s++) {
        check_state(c, s);
        check_classes(c, s);
        check_capacity(c, s);
        check_derived(c, s);
    }
    if ((rc = check_open_counts(c)) != 0 || (rc = count_before(c)) != 0 ||
        (rc = check_capital_budget(c)) != 0)
        return sn_error_set(err, rc, "out of memory");
    check_cost(c, "plan", &p->cost);
    if (written)
        check_written(c, written);
    return 0;
}

int sn_plan_check_stayers(sn_check_report *rep, const sn_network *net,
                          const sn_plan *plan, const sn_kpi *written,
                          const sn_assignment *stay, size_t nstay,
                          sn_error *err)
{
    sn_check_report_init(rep);
    if (plan->nschools != net->nschools)
        return sn_error_set(err, SN_EUSAGE, "plan has %d schools, network "
                            "has %d", plan->nschools, net->nschools);
    ck c;
    memset(&c, 0, sizeof c);
    c.rep = rep;
    c.net = net;
    c.plan = plan;
    c.sc_year = net->sc; /* shallow: read only, strings not owned */
    c.sc_year.hard_cap = sn_scenario_hard_cap(&net->sc, plan->year);
    c.sc = &c.sc_year;
    c.nz = net->nzones;
    c.ns = net->nschools;
    int rc = ck_alloc(&c);
    if (rc != 0)
        rc = sn_error_set(err, rc, "out of memory");
    else
        rc = run(&c, written, stay, nstay, err);
    ck_free(&c);
    return rc;
}

int sn_plan_check_summary(sn_check_report *rep, const sn_network *net,
                          const sn_plan *plan, const sn_kpi *written,
                          sn_error *err)
{
    return sn_plan_check_stayers(rep, net, plan, written, NULL, 0, err);
}

int sn_plan_check(sn_check_report *rep, const sn_network *net,
                  const sn_plan *plan, sn_error *err)
{
    return sn_plan_check_summary(rep, net, plan, NULL, err);
}
