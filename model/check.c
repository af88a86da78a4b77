/* check.c - the independent plan checker (rules in docs/checker.md).
 *
 * One pass tallies the plan's assignments with distances, flags and
 * diversions recomputed from the network; then each rule family runs over
 * the tallies and appends one line per violation.  Nothing from solver/ is
 * used; the plan's derived fields are only ever compared, never trusted.
 * Sums are kept in long so that no input, however large or negative, can
 * overflow them.
 */
#include "model/check_impl.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/forecast.h"

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

int sn_ck_holds(ck *c, int ok, const char *fmt, ...)
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

#define holds sn_ck_holds
#define is_open ck_open
#define walk_km ck_walk

static int entry_grade(int g) { return g == 1 || g == 7; }

static const char *zid(const ck *c, int z) { return c->net->zones[z].id; }
static const char *sid(const ck *c, int s) { return c->net->schools[s].id; }

/* How pupils of zone z, grade g can reach school s: 0 not at all, 1 as
 * day pupils (walking, or by bus within bus_max_km), 2 as boarders (grade
 * at least boarding_min_grade, within boarding_max_km, a school with
 * beds).  *km receives the distance. */
static int reach_of(const ck *c, int z, int g, int s, double *km)
{
    const sn_school *sch = &c->net->schools[s];
    *km = -1;
    if (sch->county != c->net->zones[z].county || !sn_school_teaches(sch, g))
        return 0;
    *km = sn_network_km(c->net, z, s);
    if (*km < 0)
        return 0;
    if (*km <= walk_km(c->sc, g) + EPS || *km <= c->sc->bus_max_km + EPS)
        return 1;
    return g >= c->sc->boarding_min_grade && sch->boarding_beds > 0 &&
                   *km <= c->sc->boarding_max_km + EPS
               ? 2
               : 0;
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

/* Carried-over pupils keep their (non-designated) school while it is
 * open, at any known distance (they are enrolled there). */
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
            !sn_school_teaches(&c->net->schools[s], g) ||
            sn_network_km(c->net, z, s) < 0)
            continue;
        holds(c, 0, "zone %s grade %d: %ld pupils carried over at school %s "
              "(stayers.csv) are not there", zid(c, z), g, missing,
              sid(c, s));
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
                c->row_stay[i] = home_stayers(c, z, g, n);
        } else if (c->sc->divert == SN_DIVERT_INTAKE && !entry_grade(g)) {
            c->row_stay[i] = carried_here(c, z, g, s, n);
        }
        c->stay[s * NG + g] += c->row_stay[i];
        int beyond = km > walk_km(c->sc, g) + EPS &&
                     km > c->sc->bus_max_km + EPS;
        if (a->boarding && beyond) { /* else the flag's rule fails */
            c->boarders[s] += n;
            c->boarders_by_grade[g] += n;
            c->boarding_cost += n * ck_board_cost(c->sc, g);
        } else if (!a->boarding && km > walk_km(c->sc, g) + EPS) {
            if (beyond)
                c->beyond_walking += n;
            else
                c->bus_riders += n;
        }
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
    int day = km <= walk + EPS || km <= c->sc->bus_max_km + EPS;
    if (a->boarding) {
        holds(c, !day, km <= walk + EPS
                           ? "%s: boarding %d but %.3f km is within walking "
                             "limit %.3f"
                           : "%s: boarding %d but %.3f km is within bus reach "
                             "%.3f",
              who, a->boarding, km,
              km <= walk + EPS ? walk : c->sc->bus_max_km);
        holds(c, g >= c->sc->boarding_min_grade, "%s: grade %d boards, but "
              "pupils below grade %d do not board (boarding_min_grade)",
              who, g, c->sc->boarding_min_grade);
        holds(c, km <= c->sc->boarding_max_km + EPS,
              "%s: %.3f km exceeds boarding limit %.3f", who, km,
              c->sc->boarding_max_km);
    } else if (!day) {
        /* beyond walking and bus reach without a bed: only enrolled
         * pupils who keep their school (today's reality) */
        holds(c, a->students <= c->row_stay[i], "%s: %ld of %d day pupils "
              "beyond walking (%.3f km) and bus reach (%.3f km) are not "
              "enrolled pupils keeping their school", who,
              a->students - c->row_stay[i], a->students, km,
              c->sc->bus_max_km);
    }
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

/* divert = intake: enrolled pupils (grades other than 1 and 7) keep their
 * open designated school, at any known distance (beyond walking they
 * board, ride the bus or stay as today). */
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
            holds(c, 0, "zone %s grade %d: %ld enrolled pupils not at their "
                  "open designated school %s, %.3f km away (divert = "
                  "intake)", zid(c, z), g, moved, sid(c, d), km);
        }
}

/* Why an open school in reach of (z, g) could have taken more of its
 * pupils, or NULL: a class-mode public school in reach always has a seat
 * (above the cap, or the beds, if need be); otherwise free seats or
 * beds. */
static const char *room_left(const ck *c, int z, int g, int s, int how,
                             char *buf, size_t n)
{
    const sn_school *sch = &c->net->schools[s];
    long total = 0;
    for (int q = 1; q <= SN_GRADES; q++)
        total += c->stud[s * NG + q];
    int seats_full = sch->seats >= 0 && total >= sch->seats;
    (void)z;
    (void)g;
    if (sch->classrooms >= 0 && !sch->is_private)
        snprintf(buf, n, "open school %s is within %s reach (a seat above "
                 "the %s exists)", sid(c, s), how == 1 ? "day" : "boarding",
                 how == 1 ? "cap" : "cap or the beds");
    else if (how == 1 && sch->seats >= 0 && !seats_full)
        snprintf(buf, n, "open school %s within day reach has %ld free seats",
                 sid(c, s), sch->seats - total);
    else if (how == 2 && c->boarders[s] < sch->boarding_beds && !seats_full)
        snprintf(buf, n, "open school %s in boarding reach has %ld free beds",
                 sid(c, s), sch->boarding_beds - c->boarders[s]);
    else
        return NULL;
    return buf;
}

static void check_unplaced(ck *c)
{
    for (size_t i = 0; i < c->plan->nunplaced; i++) {
        const sn_unplaced *u = &c->plan->unplaced[i];
        if (u->zone < 0 || u->zone >= c->nz || u->grade < 1 ||
            u->grade > SN_GRADES || u->students <= 0)
            continue;
        int open_s = -1, any = 0;
        const char *why = NULL;
        char buf[256];
        for (int s = 0; s < c->ns; s++) {
            double km;
            int how = reach_of(c, u->zone, u->grade, s, &km);
            if (!how)
                continue;
            any = 1;
            if (!is_open(c->plan->schools[s].state))
                continue;
            if (open_s < 0)
                open_s = s;
            if (!why)
                why = room_left(c, u->zone, u->grade, s, how, buf, sizeof buf);
        }
        if (u->reason == SN_UNPLACED_NO_REACH) {
            holds(c, open_s < 0, "zone %s grade %d: %d unplaced for no_reach "
                  "but open school %s is in reach", zid(c, u->zone),
                  u->grade, u->students, open_s >= 0 ? sid(c, open_s) : "");
            continue;
        }
        if (holds(c, any, "zone %s grade %d: %d unplaced for no_capacity but "
                  "no school teaching the grade is in reach",
                  zid(c, u->zone), u->grade, u->students))
            holds(c, !why, "zone %s grade %d: %d unplaced for no_capacity but "
                  "%s", zid(c, u->zone), u->grade, u->students,
                  why ? why : "");
    }
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
    free(c->row_stay);
    free(c->spent);
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
    c->row_stay = calloc(na, sizeof *c->row_stay);
    c->spent = calloc((size_t)c->net->ncounties + 1, sizeof *c->spent);
    c->ok = calloc(na, 1);
    return c->demand && c->st_other && c->st_des && c->placed &&
                   c->unplaced && c->at_home && c->stud && c->stay &&
                   c->boarders && c->div_in && c->div_out && c->km &&
                   c->row_stay && c->spent && c->ok
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
    sn_ck_spent(c);
    for (int s = 0; s < c->ns; s++)
        sn_ck_school(c, s);
    if ((rc = sn_ck_totals(c, written)) != 0)
        return sn_error_set(err, rc, "out of memory");
    return 0;
}

/* Which trades the level order implies (docs/checker.md, "Class mode"):
 * only in lexicographic mode, where a level before another always wins. */
static int comes_before(const sn_scenario *sc, int a, int b)
{
    if (sc->objective_mode != SN_OBJECTIVE_LEXICOGRAPHIC)
        return 0;
    for (int i = 0; i < SN_LEVELS; i++) {
        if (sc->objective_order[i] == a)
            return 1;
        if (sc->objective_order[i] == b)
            return 0;
    }
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
    c.sc = &net->sc; /* caps per county and year: ck_cap */
    c.cap_before_std =
        comes_before(c.sc, SN_LEVEL_OVER_CAP, SN_LEVEL_OVER_STANDARD);
    c.cap_before_cost = comes_before(c.sc, SN_LEVEL_OVER_CAP, SN_LEVEL_COST);
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
