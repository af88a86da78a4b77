/* teachers_fixture.h - tiny networks with teachers for the staffing,
 * solver and checker tests: schools on a line, a plan set by hand, and a
 * converter from the solver's result to the checker's input. */
#ifndef SN_TEST_TEACHERS_FIXTURE_H
#define SN_TEST_TEACHERS_FIXTURE_H

#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "io/write_teachers.h"
#include "model/check_teachers.h"
#include "model/staffing.h"
#include "tests/solver/tiny.h"

/* A network of one county with subjects chinese (grade 1: 8 periods) and
 * music (grade 1: 2 periods), detour factor 1 (km = straight line). */
static inline sn_network *tt_new(void)
{
    sn_network *net = tiny_new();
    cr_assert_eq(sn_network_add_subject(net, "chinese"), 0);
    cr_assert_eq(sn_network_add_subject(net, "music"), 1);
    net->curriculum[1 * SN_MAX_SUBJECTS + 0] = 8;
    net->curriculum[1 * SN_MAX_SUBJECTS + 1] = 2;
    net->sc.detour_factor = 1.0;
    return net;
}

static inline int tt_teacher(sn_network *net, const char *id, int school,
                             unsigned long long subjects, int max_periods,
                             int itinerant)
{
    sn_teacher t;
    memset(&t, 0, sizeof t);
    t.id = (char *)id;
    t.school = school;
    t.subjects = subjects;
    t.title = SN_TITLE_INTERMEDIATE;
    t.max_periods = max_periods;
    t.itinerant = itinerant;
    int i = sn_network_add_teacher(net, &t);
    cr_assert_geq(i, 0);
    return i;
}

/* A plan where every school runs `classes` grade-1 classes of `pupils`. */
static inline sn_plan *tt_plan(const sn_network *net, int classes, int pupils)
{
    sn_plan *p;
    cr_assert_eq(sn_plan_new(&p, net->nschools, 2020), 0);
    for (int s = 0; s < net->nschools; s++) {
        p->schools[s].state = SN_SCHOOL_KEPT;
        p->schools[s].classes[1] = classes;
        p->schools[s].students[1] = pupils;
    }
    return p;
}

/* The solver's result as the checker reads it from files. */
static inline sn_teacher_files *tt_files(const sn_staffing *st,
                                         const sn_network *net)
{
    sn_teacher_files *f;
    cr_assert_eq(sn_teacher_files_new(&f, net->ncounties, net->nteachers), 0);
    f->nrows = f->rows_cap = st->nrows;
    f->rows = calloc(st->nrows + 1, sizeof *f->rows);
    for (size_t i = 0; i < st->nrows; i++) {
        const sn_teach_row *r = &st->rows[i];
        sn_tf_row x = {r->teacher, st->home[r->teacher], r->school,
                       r->subject, r->periods,
                       floor(r->km_per_week * 1000 + 0.5) / 1000};
        f->rows[i] = x;
    }
    size_t n = (size_t)net->nschools * SN_MAX_SUBJECTS;
    f->shorts = calloc(n + 1, sizeof *f->shorts);
    for (int s = 0; s < net->nschools; s++)
        for (int j = 0; j < net->nsubjects; j++) {
            int u = st->uncovered[s * SN_MAX_SUBJECTS + j];
            if (u > 0) {
                sn_tf_short x = {s, j, u, sn_teachers_posts(&net->sc, u)};
                f->shorts[f->nshorts++] = x;
            }
        }
    f->staff = calloc((size_t)net->nschools + 1, sizeof *f->staff);
    for (int s = 0; s < net->nschools; s++) {
        const sn_school_staff *ss = &st->school[s];
        if (!ss->open && !ss->actual && !ss->actual_after)
            continue;
        int d = ss->actual_after - ss->quota;
        sn_tf_staff x = {s, ss->required, ss->quota, ss->actual,
                         (int)ss->status, ss->actual_after, d > 0 ? d : 0,
                         d < 0 ? -d : 0};
        f->staff[f->nstaff++] = x;
    }
    f->moves = calloc(st->nmoves + 1, sizeof *f->moves);
    for (size_t i = 0; i < st->nmoves; i++) {
        const sn_move *m = &st->moves[i];
        sn_tf_move x = {m->teacher, m->from, m->to, m->subject,
                        sn_teacher_strong(&net->teachers[m->teacher]),
                        m->swap};
        f->moves[f->nmoves++] = x;
    }
    f->redeploys = calloc(st->nredeploys + 1, sizeof *f->redeploys);
    for (size_t i = 0; i < st->nredeploys; i++) {
        const sn_redeploy *r = &st->redeploys[i];
        sn_tf_redeploy x = {r->teacher, r->from, r->to, r->subject,
                            (int)r->reason};
        f->redeploys[f->nredeploys++] = x;
    }
    f->days = calloc(st->ndays + 1, sizeof *f->days);
    for (size_t i = 0; i < st->ndays; i++) {
        const sn_day_row *d = &st->days[i];
        sn_tf_day x = {d->teacher, d->day, d->school, d->subject, d->periods};
        f->days[f->ndays++] = x;
    }
    f->has_state = st->has_state;
    for (int t = 0; t < net->nteachers && st->has_state; t++) {
        f->state_home[t] = st->start[t];
        f->state_years[t] = st->years[t];
        f->state_last[t] = st->last_rotated[t];
        f->state_seen[t] = 1;
    }
    f->has_summary = 1;
    for (int s = 0; s < net->nschools; s++)
        for (int j = 0; j < net->nsubjects; j++)
            f->periods_uncovered += st->uncovered[s * SN_MAX_SUBJECTS + j] > 0
                                        ? st->uncovered[s * SN_MAX_SUBJECTS + j]
                                        : 0;
    for (size_t i = 0; i < f->nrows; i++)
        f->km_per_week += f->rows[i].km_per_week;
    f->movers = (double)st->nmoves;
    f->redeployed = (double)st->nredeploys;
    for (int c = 0; c < net->ncounties; c++) {
        sn_tf_county *k = &f->county[c];
        const sn_county_staff *cs = &st->county[c];
        k->seen = 1;
        k->eligible = cs->eligible;
        k->movers = cs->movers;
        k->strong_movers = cs->strong_movers;
        k->swaps = cs->swaps;
        k->redeployed_closed = cs->redeployed_closed;
        k->redeployed_surplus = cs->redeployed_surplus;
        k->quota = cs->quota;
        k->actual = cs->actual;
        k->actual_after = cs->actual_after;
        k->hires = cs->hires;
        k->releases = cs->releases;
        k->funds = cs->funds;
        k->allowance = cs->allowance;
        f->public_funds += k->funds;
        f->allowance += k->allowance;
        f->swaps += cs->swaps;
        f->quota += cs->quota;
        f->hires += cs->hires;
        f->releases += cs->releases;
    }
    return f;
}

/* Runs the independent checker on st; returns the violations (0 = holds)
 * after logging them. */
static inline size_t tt_check(const sn_staffing *st, const sn_network *net,
                              const sn_plan *plan)
{
    sn_teacher_files *f = tt_files(st, net);
    sn_check_report rep;
    sn_check_report_init(&rep);
    sn_error err = {0, ""};
    cr_assert_eq(sn_teachers_check(&rep, net, plan, f, &err), 0);
    for (size_t i = 0; i < rep.nviolations; i++)
        cr_log_error("%s", rep.violations[i]);
    size_t n = rep.nviolations + rep.lost;
    sn_check_report_dispose(&rep);
    sn_teacher_files_free(f);
    return n;
}

#endif
