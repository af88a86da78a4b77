/* generate_staff.c - the national curriculum and synthetic teachers.
 *
 * Teachers are sized on the staffing norm (ratio, class minimum for small
 * schools) from the pupils each open public school had in the last history
 * year - town schools short of it, rural schools over it by ratio, counties
 * near it in all (see "staff sizes" below) - and split over the subjects in
 * proportion to their weekly periods, the class teachers' duty counted with
 * Chinese.  Town schools have every subject covered; township schools have
 * music, art, PE and IT teachers only sometimes, village schools almost
 * never, and their posts go to the other subjects instead; teaching points
 * have generalists.  Each school draws from its own random stream, so one
 * school's staff does not depend on another's.
 */
#include <stdio.h>
#include <string.h>

#include "gen/generate_impl.h"

/* Subjects in the order of curriculum.csv and of the teacher bit masks. */
enum { S_CHI, S_MATH, S_ENG, S_MOR, S_SCI, S_HIS, S_GEO, S_PHY, S_CHE, S_BIO,
       S_MUS, S_ART, S_PE, S_IT, S_PRA, NSUBJ };

static const char *const subject_names[NSUBJ] = {
    "chinese", "math", "english", "morality", "science", "history",
    "geography", "physics", "chemistry", "biology", "music", "art", "pe",
    "it", "practice"};

/* Weekly periods per class, by grade and subject.  The totals follow the
 * Ministry of Education's compulsory curriculum plan (义务教育课程设置实验方案,
 * 教基〔2001〕28号, kept in 义务教育课程方案（2022年版）): 26 periods a week
 * in grades 1-2, 30 in grades 3-6, 34 in grades 7-9, with shares over nine
 * years of about Chinese 20-22%, maths 13-15%, foreign language 6-8%, PE
 * 10-11%, arts 9-11% and comprehensive practice plus local courses 14-18%.
 * The split per grade is a typical school timetable within those bounds,
 * not a quotation of either document. */
static const unsigned char periods[SN_GRADES + 1][NSUBJ] = {
    /*        chi mat eng mor sci his geo phy che bio mus art pe  it  pra */
    [1] = {8, 4, 0, 2, 1, 0, 0, 0, 0, 0, 2, 2, 4, 0, 3},
    [2] = {8, 4, 0, 2, 1, 0, 0, 0, 0, 0, 2, 2, 4, 0, 3},
    [3] = {7, 5, 2, 2, 2, 0, 0, 0, 0, 0, 2, 2, 3, 1, 4},
    [4] = {7, 5, 2, 2, 2, 0, 0, 0, 0, 0, 2, 2, 3, 1, 4},
    [5] = {6, 5, 3, 2, 2, 0, 0, 0, 0, 0, 2, 2, 3, 1, 4},
    [6] = {6, 5, 3, 2, 2, 0, 0, 0, 0, 0, 2, 2, 3, 1, 4},
    [7] = {6, 5, 4, 2, 0, 2, 2, 0, 0, 2, 1, 1, 3, 1, 5},
    [8] = {5, 5, 4, 2, 0, 2, 2, 3, 0, 2, 1, 1, 3, 1, 3},
    [9] = {6, 6, 4, 3, 0, 2, 0, 3, 3, 0, 1, 1, 3, 0, 2},
};

/* ------------------------------------------------------------ teachers */

#define BIT(s) (1ULL << (s))
#define SPECIALIST (BIT(S_MUS) | BIT(S_ART) | BIT(S_PE) | BIT(S_IT))

/* A second subject a teacher of `main` is often qualified for, with its
 * probability (primary, junior). */
typedef struct second {
    int main, other;
    double p_primary, p_junior;
} second;

static const second seconds[] = {
    {S_CHI, S_MOR, 0.6, 0.2}, {S_MATH, S_SCI, 0.5, 0.0},
    {S_MATH, S_PHY, 0.0, 0.1}, {S_HIS, S_MOR, 0.0, 0.5},
    {S_GEO, S_HIS, 0.0, 0.3}, {S_BIO, S_GEO, 0.0, 0.3},
    {S_PHY, S_CHE, 0.0, 0.4}, {S_CHE, S_BIO, 0.0, 0.3},
    {S_MOR, S_CHI, 0.3, 0.2}, {S_SCI, S_MATH, 0.3, 0.0},
};

typedef struct staff_ctx {
    gen *g;
    int school, urban, central, classes, next_ct;
    rng r;
} staff_ctx;

static int add_teacher(staff_ctx *x, int main, unsigned long long mask)
{
    sn_network *net = x->g->net;
    rng *r = &x->r;
    const sn_school *s = &net->schools[x->school];
    int primary = s->grade_lo <= 6;
    char id[32];
    snprintf(id, sizeof id, "T%05d", net->nteachers + 1);
    sn_teacher t;
    memset(&t, 0, sizeof t);
    t.id = id;
    t.school = x->school;
    t.subjects = mask | BIT(main);
    for (int i = 0; i < NELEM(seconds); i++) {
        double p = primary ? seconds[i].p_primary : seconds[i].p_junior;
        if (seconds[i].main == main && unif(r) < p)
            t.subjects |= BIT(seconds[i].other);
    }
    if (!(BIT(main) & SPECIALIST) && unif(r) < (primary ? 0.5 : 0.3))
        t.subjects |= BIT(S_PRA);
    double u = unif(r);
    double ps = x->urban ? 0.25 : 0.12, pi = x->urban ? 0.45 : 0.43;
    t.title = u < ps ? SN_TITLE_SENIOR
              : u < ps + pi ? SN_TITLE_INTERMEDIATE : SN_TITLE_JUNIOR;
    double pe = t.title == SN_TITLE_SENIOR ? (x->urban ? 0.25 : 0.12)
                : t.title == SN_TITLE_INTERMEDIATE ? (x->urban ? 0.06 : 0.03)
                                                   : 0.01;
    t.excellent = unif(r) < pe;
    if (x->urban)
        t.years_at_school = irange(r, 0, 25);
    else /* young posted teachers and long-serving local ones */
        t.years_at_school = unif(r) < 0.4 ? irange(r, 0, 5) : irange(r, 6, 32);
    t.max_periods = x->urban ? irange(r, 14, 18) : irange(r, 16, 20);
    /* Walking teachers (一校定岗、多校使用) are few: about one rural
     * specialist in twelve, fewer in the town, and a few main-subject
     * teachers of township schools who also teach at a village school. */
    if (BIT(main) & SPECIALIST)
        t.itinerant = unif(r) < (x->urban ? 0.04 : x->central ? 0.10 : 0.05);
    else if (!x->urban && main != S_MOR && main != S_SCI)
        t.itinerant = unif(r) < (x->central ? 0.03 : 0.01);
    if ((main == S_CHI || main == S_MATH || main == S_ENG) &&
        x->next_ct < x->classes) {
        t.class_teacher = 1;
        x->next_ct++;
    }
    int rc = sn_network_add_teacher(net, &t);
    return rc < 0 ? rc : 0;
}

/* Classes per grade in the last history year, from the pupils attending. */
static int classes_now(const gen *g, int s, int cls[SN_GRADES + 1])
{
    const sn_school *ss = &g->net->schools[s];
    const int *att = g->att + (size_t)s * (SN_GRADES + 1);
    skind kind = g->si[s].kind;
    int total = 0, pupils = 0;
    memset(cls, 0, (SN_GRADES + 1) * sizeof *cls);
    for (int gr = ss->grade_lo; gr <= ss->grade_hi; gr++)
        pupils += att[gr];
    for (int gr = ss->grade_lo; gr <= ss->grade_hi; gr++) {
        if (att[gr] <= 0)
            continue;
        if (kind == K_POINT)
            cls[gr] = 1;
        else if (kind == K_TOWN_PRI || kind == K_TOWN_JUN)
            /* classrooms shared out in proportion to pupils */
            cls[gr] = imax(1, (int)lround((double)ss->classrooms * att[gr] /
                                          pupils));
        else
            cls[gr] = ceil_div(att[gr], sn_scenario_standard(&g->net->sc, gr));
        total += cls[gr];
    }
    return total;
}

/* ------------------------------------------------------- staff sizes
 *
 * Teachers per school are sized on the staffing norm of model/staffing.h,
 * recomputed here from the scenario's ratios (the defaults of
 * model/scenario.h: 1:19 primary, 1:13.5 junior, and below 100 pupils at
 * least 1.7 / 2.1 teachers a class) and the pupils attending in the last
 * history year, so that the generator stays independent of the planner:
 *  - town schools get 85-95% of the norm: pupils moved into the county
 *    town faster than posts were added (classes of 60-75);
 *  - rural schools get 105-130% of the ratio requirement: posts stayed
 *    while pupils left; a school under 100 pupils gets at least 100-110%
 *    of the class minimum, since a class needs its teachers whatever its
 *    size;
 *  - teaching points keep one generalist per one or two grades (multi-grade
 *    teaching), below the class minimum but over the ratio.
 * A county whose pupils are about half in the town and half rural then has
 * about 95-105% of the norm in all, as Yuncheng's counties around 2017 had
 * in aggregate (the national ratio met overall, towns short, villages over
 * by ratio yet short of specialists).  tests/model/test_generate.c checks
 * the bands. */

#define TOWN_LO 0.85
#define TOWN_HI 0.95
#define RURAL_LO 1.05
#define RURAL_HI 1.30
#define SMALL_LO 1.00
#define SMALL_HI 1.10

/* Chance that a rural school has a teacher of a specialist subject: the
 * central (township) schools sometimes, village schools almost never. */
#define P_SPEC_CENTRAL 0.45
#define P_SPEC_VILLAGE 0.06

static int staff_size(staff_ctx *x, const int cls[SN_GRADES + 1])
{
    const sn_scenario *sc = &x->g->net->sc;
    const int *att = x->g->att + (size_t)x->school * (SN_GRADES + 1);
    double pupils[2] = {0, 0}, classes[2] = {0, 0};
    for (int gr = 1; gr <= SN_GRADES; gr++) {
        pupils[gr > 6] += att[gr];
        classes[gr > 6] += cls[gr];
    }
    double need = pupils[0] / sc->ratio_primary + pupils[1] / sc->ratio_junior;
    if (x->urban)
        return imax(1, (int)lround(need * urange(&x->r, TOWN_LO, TOWN_HI)));
    double n = need * urange(&x->r, RURAL_LO, RURAL_HI);
    if (pupils[0] + pupils[1] < sc->small_school_pupils) {
        double byclass = classes[0] * sc->class_ratio_primary +
                         classes[1] * sc->class_ratio_junior;
        n = fmax(n, byclass * urange(&x->r, SMALL_LO, SMALL_HI));
    }
    return imax(1, (int)ceil(n - 1e-9));
}

/* Splits n teachers over the subjects in proportion to weight[] (largest
 * remainder, ties to the lower subject), then gives each subject of need[]
 * at least one teacher, taken from the subject with the most. */
static void split_staff(int cnt[NSUBJ], int n, const double weight[NSUBJ],
                        const int need[NSUBJ])
{
    double w = 0, rem[NSUBJ];
    int used = 0;
    for (int sub = 0; sub < NSUBJ; sub++)
        w += weight[sub];
    for (int sub = 0; sub < NSUBJ; sub++) {
        double q = w > 0 ? n * weight[sub] / w : 0;
        cnt[sub] = (int)floor(q);
        rem[sub] = q - cnt[sub];
        used += cnt[sub];
    }
    for (; used < n && w > 0; used++) {
        int best = -1;
        for (int sub = 0; sub < NSUBJ; sub++)
            if (weight[sub] > 0 && (best < 0 || rem[sub] > rem[best]))
                best = sub;
        cnt[best]++;
        rem[best] = -1;
    }
    for (int sub = 0; sub < NSUBJ; sub++) {
        if (!need[sub] || cnt[sub] > 0)
            continue;
        int most = 0;
        for (int k = 1; k < NSUBJ; k++)
            if (cnt[k] > cnt[most])
                most = k;
        if (cnt[most] > 1)
            cnt[most]--;
        cnt[sub] = 1;
    }
}

static int staff_school(gen *g, int s)
{
    const sn_school *ss = &g->net->schools[s];
    skind kind = g->si[s].kind;
    staff_ctx x;
    int cls[SN_GRADES + 1], rc;
    memset(&x, 0, sizeof x);
    x.g = g;
    x.school = s;
    x.urban = ss->urban;
    x.central = kind == K_CENTRAL || kind == K_JUNIOR || kind == K_NINE;
    x.r = rng_make(g->seed, (uint64_t)s, 3);
    x.classes = classes_now(g, s, cls);
    if (kind == K_POINT || x.classes == 0) {
        /* multi-grade teaching: one generalist per one or two grades (or
         * one teacher left behind at a school without pupils) */
        int n = x.classes == 0
                    ? 1
                    : imax(1, (int)ceil(x.classes * urange(&x.r, 0.5, 1.0)));
        x.classes = n;
        for (int i = 0; i < n; i++) {
            unsigned long long m = BIT(S_MATH) | BIT(S_MOR) | BIT(S_SCI) |
                                   BIT(S_PRA);
            if (unif(&x.r) < 0.3)
                m |= BIT(S_ENG);
            if ((rc = add_teacher(&x, S_CHI, m)) != 0)
                return rc;
        }
        return 0;
    }
    /* Subjects taught here, weighted by their weekly periods; practice is
     * left to teachers qualified for it as a second subject. */
    double weight[NSUBJ];
    int need[NSUBJ], cnt[NSUBJ];
    for (int sub = 0; sub < NSUBJ; sub++) {
        int p = 0;
        for (int gr = 1; gr <= SN_GRADES; gr++)
            p += cls[gr] * periods[gr][sub];
        int keep = p > 0 && sub != S_PRA;
        if (keep && !x.urban && (BIT(sub) & SPECIALIST))
            keep = unif(&x.r) < (x.central ? P_SPEC_CENTRAL : P_SPEC_VILLAGE);
        else if (keep && sub == S_ENG && kind == K_VILLAGE)
            keep = unif(&x.r) < 0.6;
        weight[sub] = keep ? p : 0;
        need[sub] = keep && (x.urban || sub == S_CHI || sub == S_MATH ||
                             (BIT(sub) & SPECIALIST));
    }
    /* A class teacher's duty counts as half a load (staffing.h) and falls
     * to the Chinese teachers first (add_teacher), so it weighs on Chinese
     * like periods; without it the town's Chinese periods go uncovered. */
    weight[S_CHI] += (double)x.classes * (g->net->sc.standard_periods / 2);
    split_staff(cnt, staff_size(&x, cls), weight, need);
    for (int sub = 0; sub < NSUBJ; sub++)
        for (int i = 0; i < cnt[sub]; i++)
            if ((rc = add_teacher(&x, sub, 0)) != 0)
                return rc;
    return 0;
}

int sn_gen_staff(gen *g)
{
    for (int sub = 0; sub < NSUBJ; sub++) {
        int k = sn_network_add_subject(g->net, subject_names[sub]);
        if (k < 0)
            return k;
        for (int gr = 1; gr <= SN_GRADES; gr++)
            g->net->curriculum[gr * SN_MAX_SUBJECTS + k] = periods[gr][sub];
    }
    for (int s = 0; s < g->net->nschools; s++) {
        const sn_school *ss = &g->net->schools[s];
        if (ss->status != SN_OPEN || ss->is_private)
            continue;
        int rc = staff_school(g, s);
        if (rc)
            return rc;
    }
    return 0;
}

