/* write_report_model.c - the numbers a report shows, from the plan's files
 * and the network (write_report_impl.h).
 *
 * Classes are counted as summary.json counts them (model/kpi.h): each
 * grade's pupils split evenly over its classes, class-mode schools only,
 * "before" being the status quo of the plan's own pupils.  Distances are
 * the plan's km as written (%.3f), so a report rebuilt from the files
 * equals the one written with the plan.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/write_report_impl.h"
#include "model/kpi.h"
#include "model/staffing.h"

#define NG REP_NG

const char *const rep_file_names[REP_NFILES] = {
    "assignments.csv", "unplaced.csv", "schools.csv", "shortfall.csv",
    "teachers.csv", "shortages.csv", "timetable.csv", "redeploy.csv",
    "rotation.csv", "staffing.csv", "stayers.csv"};

/* Class-size bins: ..25, 26-30, ..., 46-50 (standards 45/50), 51-56 (the
 * 2020 cap), 57-61, 62-66 (the 2018 cap), 67-75, 76-90, 91 and more. */
const int rep_bin_hi[REP_NBINS] = {25, 30, 35, 40, 45, 50, 56, 61, 66, 75,
                                   1000000};
const double rep_band_hi[REP_NBANDS] = {1, 2, 3, 5, 10, 20, 30, INFINITY};

int rep_is_cjk(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        /* U+3400..U+9FFF: lead bytes E3 (from U+3400) to E9 */
        if (*p >= 0xE3 && *p <= 0xE9 && (*p > 0xE3 || p[1] >= 0x90))
            return 1;
    return 0;
}

sn_lang rep_pick_lang(const sn_network *net)
{
    if (net->sc.report_lang != SN_LANG_AUTO)
        return net->sc.report_lang;
    for (int c = 0; c < net->ncounties; c++)
        if (rep_is_cjk(net->counties[c]))
            return SN_LANG_ZH;
    for (int s = 0; s < net->nschools; s++)
        if (net->schools[s].name && rep_is_cjk(net->schools[s].name))
            return SN_LANG_ZH;
    for (int z = 0; z < net->nzones; z++)
        if (net->zones[z].name && rep_is_cjk(net->zones[z].name))
            return SN_LANG_ZH;
    return SN_LANG_EN;
}

void rep_dispose(sn_rep *r)
{
    free(r->asg);
    rep_summary_dispose(&r->sum);
    for (int i = 0; i < REP_NFILES; i++)
        rep_table_dispose(&r->tab[i]);
    free(r->school);
    free(r->county);
    free(r->subj);
    memset(r, 0, sizeof *r);
}

static int fits(const sn_network *net, const sn_plan *plan, sn_error *err)
{
    if (plan->nschools != net->nschools)
        return sn_error_set(err, SN_EUSAGE, "plan has %d schools, network "
                            "has %d", plan->nschools, net->nschools);
    for (size_t i = 0; i < plan->nasg; i++) {
        const sn_assignment *a = &plan->asg[i];
        if (a->zone < 0 || a->zone >= net->nzones || a->school < 0 ||
            a->school >= net->nschools || a->grade < 1 || a->grade > SN_GRADES)
            return sn_error_set(err, SN_EUSAGE, "assignment %zu out of range",
                                i);
    }
    for (size_t i = 0; i < plan->nunplaced; i++) {
        const sn_unplaced *u = &plan->unplaced[i];
        if (u->zone < 0 || u->zone >= net->nzones || u->grade < 1 ||
            u->grade > SN_GRADES)
            return sn_error_set(err, SN_EUSAGE, "unplaced row %zu out of "
                                "range", i);
    }
    return 0;
}

/* The assignments with pupils, sorted, km as the CSV writes and reads it. */
static int copy_assignments(sn_rep *r, sn_error *err)
{
    const sn_plan *p = r->plan;
    r->asg = malloc((p->nasg ? p->nasg : 1) * sizeof *r->asg);
    if (!r->asg)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    for (size_t i = 0; i < p->nasg; i++) {
        if (p->asg[i].students == 0)
            continue;
        sn_assignment a = p->asg[i];
        char km[64];
        if (isfinite(a.km)) {
            snprintf(km, sizeof km, "%.3f", fabs(a.km) < 0.0005 ? 0.0 : a.km);
            a.km = strtod(km, NULL);
        }
        r->asg[r->nasg++] = a;
    }
    qsort(r->asg, r->nasg, sizeof *r->asg, sn_assignment_cmp);
    return 0;
}

static int read_files(sn_rep *r, const sn_report_source *src, sn_diag *diag,
                      sn_error *err)
{
    char *text = NULL;
    size_t len = 0;
    int rc = src->read(src->ctx, "summary.json", &text, &len, err);
    if (rc == 1) {
        sn_diag_error(diag, "summary.json", 0, 0, "cannot open (No such file "
                      "or directory)");
        return SN_EINPUT;
    }
    if (rc)
        return rc;
    rc = rep_summary_parse(&r->sum, text, len, "summary.json", diag, err);
    free(text);
    for (int i = 0; rc == 0 && i < REP_NFILES; i++) {
        int k = src->read(src->ctx, rep_file_names[i], &text, &len, err);
        if (k == 1)
            continue;
        if (k)
            return k;
        rc = rep_table_parse(&r->tab[i], text, len, rep_file_names[i], diag,
                             err);
        r->has[i] = rc == 0;
        free(text);
    }
    return rc;
}

static void tally_classes(long *over66, long *over56, long *overcap,
                          long *overstd, long *classes, long *hist,
                          int students, int nclasses, int std, int cap)
{
    if (students <= 0)
        return;
    *over66 += sn_kpi_classes_over(students, nclasses, 66);
    *over56 += sn_kpi_classes_over(students, nclasses, 56);
    *overcap += sn_kpi_classes_over(students, nclasses, cap);
    *overstd += sn_kpi_classes_over(students, nclasses, std);
    *classes += nclasses > 0 ? nclasses : 1;
    int c = nclasses > 0 ? nclasses : 1;
    int q = students / c, rem = students % c;
    for (int k = 0; k < REP_NBINS; k++) {
        int lo = k ? rep_bin_hi[k - 1] + 1 : 0;
        if (q >= lo && q <= rep_bin_hi[k])
            hist[k] += c - rem;
        if (rem && q + 1 >= lo && q + 1 <= rep_bin_hi[k])
            hist[k] += rem;
    }
}

static int largest(int students, int classes)
{
    if (students <= 0)
        return 0;
    return classes > 0 ? (students + classes - 1) / classes : students;
}

/* Status quo, classes before and after, by school and county. */
static int count_classes(sn_rep *r, sn_error *err)
{
    const sn_network *net = r->net;
    size_t ns = (size_t)(net->nschools ? net->nschools : 1) * NG;
    size_t nz = (size_t)(net->nzones ? net->nzones : 1) * NG;
    int *demand = calloc(nz, sizeof *demand);
    int *sq_st = malloc(ns * sizeof *sq_st), *sq_cl = malloc(ns * sizeof *sq_cl);
    if (!demand || !sq_st || !sq_cl) {
        free(demand);
        free(sq_st);
        free(sq_cl);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < r->nasg; i++) {
        const sn_assignment *a = &r->asg[i];
        demand[a->zone * NG + a->grade] += a->students;
        r->school[a->school].students_after[a->grade] += a->students;
    }
    for (size_t i = 0; i < r->plan->nunplaced; i++) {
        const sn_unplaced *u = &r->plan->unplaced[i];
        demand[u->zone * NG + u->grade] += u->students;
    }
    sn_plan_status_quo(sq_st, sq_cl, net, demand);
    for (int s = 0; s < net->nschools; s++) {
        const sn_school *sch = &net->schools[s];
        const sn_school_plan *sp = &r->plan->schools[s];
        rep_school *rs = &r->school[s];
        rep_county *c = &r->county[sch->county];
        rs->expanded = sp->state == SN_SCHOOL_KEPT && sp->classrooms_added > 0;
        rs->staff_status = -1;
        for (int g = 1; g <= SN_GRADES; g++) {
            rs->students_before[g] = sq_st[s * NG + g];
            rs->classes_before[g] = sq_cl[s * NG + g];
            rs->pupils_before += sq_st[s * NG + g];
            rs->pupils_after += rs->students_after[g];
            rs->classes_before_n += sq_cl[s * NG + g];
            rs->classes_after_n += sp->classes[g];
            int b = largest(sq_st[s * NG + g], sq_cl[s * NG + g]);
            int a = largest(rs->students_after[g], sp->classes[g]);
            if (sch->classrooms < 0) /* seat mode: no classes */
                continue;
            rs->largest_before = b > rs->largest_before ? b : rs->largest_before;
            rs->largest_after = a > rs->largest_after ? a : rs->largest_after;
            int std = sn_scenario_standard(&net->sc, g);
            int cap = sn_kpi_cap(net, s, r->plan->year, g);
            if (r->uniform_cap == 0)
                r->uniform_cap = cap;
            else if (r->uniform_cap != cap)
                r->uniform_cap = -1;
            tally_classes(&c->over66[0], &c->over56[0], &c->overcap[0],
                          &c->overstd[0], &c->classes[0], r->hist[0],
                          sq_st[s * NG + g], sq_cl[s * NG + g], std, cap);
            tally_classes(&c->over66[1], &c->over56[1], &c->overcap[1],
                          &c->overstd[1], &c->classes[1], r->hist[1],
                          rs->students_after[g], sp->classes[g], std, cap);
        }
        c->closed += sp->state == SN_SCHOOL_CLOSED;
        c->opened += sp->state == SN_SCHOOL_NEW;
        c->rooms += sp->classrooms_added;
        c->boarders += sp->boarders;
        r->boarders += sp->boarders;
        r->capital_oneoff += sch->classroom_cost * sp->classrooms_added;
        if (sp->state == SN_SCHOOL_NEW)
            r->capital_oneoff += sch->build_cost;
        if (sch->has_xy)
            r->nxy++;
    }
    free(demand);
    free(sq_st);
    free(sq_cl);
    return 0;
}

static void count_flows(sn_rep *r)
{
    for (size_t i = 0; i < r->nasg; i++) {
        const sn_assignment *a = &r->asg[i];
        rep_county *c = &r->county[r->net->zones[a->zone].county];
        c->students += a->students;
        if (!a->diverted)
            continue;
        c->diverted += a->students;
        r->diverted += a->students;
        int k = 0;
        while (k + 1 < REP_NBANDS && !(a->km <= rep_band_hi[k]))
            k++;
        int travel = sn_kpi_travel(&r->net->sc, a->grade, a->km, a->boarding);
        r->band[travel >= 0 && travel < 4 ? travel : 0][k] += a->students;
    }
    for (size_t i = 0; i < r->plan->nunplaced; i++) {
        const sn_unplaced *u = &r->plan->unplaced[i];
        r->county[r->net->zones[u->zone].county].students += u->students;
    }
}

/* Staffing status by school from staffing.csv. */
static void read_staffing(sn_rep *r)
{
    const rep_table *t = &r->tab[REP_F_STAFFING];
    if (!r->has[REP_F_STAFFING])
        return;
    int cs = rep_table_col(t, "school"), cr = rep_table_col(t, "required");
    int ca = rep_table_col(t, "actual"), cst = rep_table_col(t, "status");
    static const char *const names[] = {"over", "full", "under"};
    for (int i = 0; cs >= 0 && cst >= 0 && i < t->rows; i++) {
        int s = sn_network_find_school(r->net, rep_table_get(t, i, cs));
        if (s < 0)
            continue;
        for (int k = 0; k < 3; k++)
            if (!strcmp(rep_table_get(t, i, cst), names[k]))
                r->school[s].staff_status = k;
        r->school[s].staff_required = atoi(rep_table_get(t, i, cr));
        r->school[s].staff_actual = atoi(rep_table_get(t, i, ca));
    }
}

static int subject_cmp(const void *a, const void *b)
{
    const rep_subject *x = a, *y = b;
    if (x->periods != y->periods)
        return x->periods > y->periods ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* Uncovered periods by subject from shortages.csv, largest first. */
static int read_shortages(sn_rep *r, sn_error *err)
{
    const rep_table *t = &r->tab[REP_F_SHORTAGES];
    if (!r->has[REP_F_SHORTAGES])
        return 0;
    int cj = rep_table_col(t, "subject");
    int cu = rep_table_col(t, "uncovered_periods");
    if (cj < 0 || cu < 0)
        return 0;
    r->subj = calloc((size_t)t->rows + 1, sizeof *r->subj);
    if (!r->subj)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    for (int i = 0; i < t->rows; i++) {
        const char *name = rep_table_get(t, i, cj);
        int k = 0;
        while (k < r->nsubj && strcmp(r->subj[k].name, name) != 0)
            k++;
        if (k == r->nsubj) {
            r->subj[k].name = name;
            int j = sn_network_find_subject(r->net, name);
            r->subj[k].shortage = j >= 0 &&
                                  sn_staffing_weight(r->net, j) > 1;
            r->nsubj++;
        }
        r->subj[k].periods += atol(rep_table_get(t, i, cu));
    }
    qsort(r->subj, (size_t)r->nsubj, sizeof *r->subj, subject_cmp);
    return 0;
}

/* Rotation per county from summary.json's teachers.counties[]. */
static void read_rotation(sn_rep *r)
{
    for (int i = 0;; i++) {
        char key[128];
        snprintf(key, sizeof key, "teachers.counties[%d].county", i);
        const rep_kv *kv = rep_summary_get(&r->sum, key);
        if (!kv)
            break;
        int c = sn_network_find_county(r->net, kv->str);
        if (c < 0)
            continue;
        static const char *const f[] = {"movers", "quota_movers",
                                        "strong_movers", "quota_strong"};
        double v[4];
        int ok = 1;
        for (int k = 0; k < 4; k++) {
            snprintf(key, sizeof key, "teachers.counties[%d].%s", i, f[k]);
            ok &= rep_summary_num(&r->sum, key, &v[k]);
        }
        if (!ok)
            continue;
        rep_county *rc = &r->county[c];
        rc->has_rotation = 1;
        rc->movers = (int)v[0];
        rc->quota_movers = (int)v[1];
        rc->strong = (int)v[2];
        rc->quota_strong = (int)v[3];
    }
}

int rep_build(sn_rep *r, const sn_network *net, const sn_plan *plan,
              const sn_report_source *src, sn_diag *diag, sn_error *err)
{
    memset(r, 0, sizeof *r);
    r->net = net;
    r->plan = plan;
    r->lang = rep_pick_lang(net);
    r->hard_cap = net->sc.hard_cap;
    int rc = fits(net, plan, err);
    if (rc)
        return rc;
    r->school = calloc((size_t)net->nschools + 1, sizeof *r->school);
    r->county = calloc((size_t)net->ncounties + 1, sizeof *r->county);
    if (!r->school || !r->county) {
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
        goto fail;
    }
    if ((rc = read_files(r, src, diag, err)) != 0 ||
        (rc = copy_assignments(r, err)) != 0 ||
        (rc = count_classes(r, err)) != 0)
        goto fail;
    count_flows(r);
    read_staffing(r);
    if ((rc = read_shortages(r, err)) != 0)
        goto fail;
    read_rotation(r);
    return 0;
fail:
    rep_dispose(r);
    return rc;
}
