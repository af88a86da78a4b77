/* generate.c - synthetic Yuncheng-like school networks (see generate.h).
 *
 * One county is laid out in its own 40 x 40 km square (counties of a city
 * sit side by side on a grid, 45 km apart, so none overlap):
 *   - a county town, a disk of 2-3.5 km radius, whose eastern part is a new
 *     district with fast-growing enrolment; its primary and junior schools
 *     sit on a sunflower pattern, so every town community can walk to one;
 *   - townships, each with a seat (a zone) holding a central primary and a
 *     junior middle school, or one nine-year school, all with beds;
 *   - villages spread over the rest of the county, belonging to the nearest
 *     township; a band along one edge is mountain: sparser, smaller,
 *     shrinking villages whose road distances (distances.csv) are 1.6-2.9
 *     times the straight line;
 *   - village primaries in the larger villages away from the seat, and
 *     teaching points (grades 1-3 or 1-4) in small remote ones.
 * Demand is simulated cohort by cohort from births to the plan year; only
 * the history years are stored, the rest sizes classrooms and beds.
 *
 * All randomness comes from splitmix64: a sequential stream per county for
 * the layout and per school for staff, and a counter-based hash for the
 * yearly noise of births and enrolment, so one value never depends on how
 * many were drawn before it in another part of the data.
 */
#include "gen/generate.h"
#include "gen/generate_impl.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ constants */

/* Yuncheng's 13 county-level units with their population around 2010 in
 * units of 10,000 (approximate, used only for relative sizes) and the
 * width in km of the mountain band along the county's south edge
 * (Zhongtiao) or north edge (Lüliang foothills). */
typedef struct county_shape {
    const char *name;
    double pop;
    double band;
    int north;
} county_shape;

static const county_shape shapes[13] = {
    {"Yanhu", 68, 8, 0},    {"Yongji", 44, 10, 0},   {"Hejin", 40, 8, 1},
    {"Linyi", 56, 3, 0},    {"Wanrong", 44, 6, 1},   {"Wenxi", 40, 10, 0},
    {"Jishan", 34, 8, 1},   {"Xinjiang", 33, 6, 1},  {"Jiangxian", 28, 15, 0},
    {"Yuanqu", 23, 24, 0},  {"Xiaxian", 35, 12, 0},  {"Pinglu", 25, 20, 0},
    {"Ruicheng", 40, 12, 0},
};

static const char *const surnames[] = {
    "Zhang", "Wang", "Li", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou",
    "Wu", "Sun", "Ma", "Hu", "Guo", "He", "Gao", "Lin", "Luo", "Zheng",
    "Liang", "Song", "Tang", "Han", "Feng", "Cao", "Peng", "Xue", "Tian",
    "Dong", "Pan", "Yuan", "Cai", "Jiang", "Du", "Cheng", "Wei", "Su",
    "Lu", "Ding", "Ren", "Shen", "Yao", "Jia", "Xia", "Fan", "Qin", "Hou",
    "Xiao", "Da", "Bei", "Nan", "Xi", "Shang", "Xia", "Qian", "Hou", "Shi"};
static const char *const place_suffixes[] = {
    "zhuang", "cun", "tou", "ying", "bao", "zhai", "gou", "po", "yao",
    "wan", "he", "yuan", "dian", "ling", "ping", "jia", "liang", "tun",
    "guan", "qiao", "zhuang", "jiazhuang", "kou", "yu"};
static const char *const township_first[] = {
    "San", "Bei", "Nan", "Dong", "Xi", "Qi", "Long", "Feng", "Jin", "Yang",
    "An", "Shi", "Tai", "Gu", "Hong", "Bai", "Qing", "Ma", "Niu", "Han",
    "Zhong", "Hua", "Tong", "Xin", "Guang", "Yong", "Liu", "Huai"};
static const char *const township_second[] = {
    "lu", "jia", "zhuang", "ling", "kou", "po", "he", "cheng", "ping",
    "yuan", "shan", "quan", "tou", "zhen", "wan", "ying", "tun", "li",
    "gou", "di", "yang", "xiang", "shui", "an"};
static const char *const streets[] = {
    "Jiefang Road", "Renmin Street", "Zhongshan Road", "Xinhua Street",
    "Heping Road", "Wenhua Street", "Gongyuan Road", "Jianshe Road",
    "Chaoyang Street", "Shengli Road", "Dongguan", "Xiguan", "Nanguan",
    "Beiguan", "Fuqian Street", "Yingbin Road", "Huanghe Road",
    "Hedong Street", "Binhe Road", "Qianjin Road", "Tiyu Road",
    "Zhanqian Street", "Fuxing Road", "Xingfu Street", "Guangming Road"};
static const char *const private_names[] = {
    "Yucai", "Boya", "Kangjie", "Qizhi", "Mingde", "Shuren", "Xinxing"};

static int county_name(const sn_generate_opts *o, int c, char *buf, size_t n)
{
    const char *base;
    int nnames = o->county_names ? o->ncounty_names : NELEM(shapes);
    if (o->county_names)
        base = o->county_names[c % nnames];
    else
        base = shapes[c % nnames].name;
    if (c < nnames)
        snprintf(buf, n, "%s", base);
    else
        snprintf(buf, n, "%s %d", base, c / nnames + 1);
    return 0;
}

/* The shape of county c: the table row of its name, else row c mod 13. */
static const county_shape *shape_of(const sn_generate_opts *o, int c)
{
    char name[96];
    county_name(o, c, name, sizeof name);
    for (int i = 0; i < NELEM(shapes); i++)
        if (!strcmp(shapes[i].name, name))
            return &shapes[i];
    return &shapes[c % NELEM(shapes)];
}

/* ------------------------------------------------------- generator state */

typedef struct township {
    double x, y;
    int mountain, nine;
    char name[48];
} twinfo;

/* Sizes of one county. */
typedef struct counts {
    int schools, zones;
    int townships, nine, priv, tcand, rcand, tpri, tjun, rest;
    int town_zones, villages;
} counts;

/* Walking limit for a grade's stage. */
static double walk_limit(const sn_scenario *sc, int g)
{
    return g <= 6 ? sc->max_km_primary : sc->max_km_junior;
}

static int is_town_kind(skind k)
{
    return k == K_TOWN_PRI || k == K_TOWN_JUN || k == K_TOWN_CAND ||
           k == K_PRIVATE;
}

/* ------------------------------------------------------------ growth */

static int grow_zones(gen *g)
{
    if (g->net->nzones < g->zcap)
        return 0;
    int ncap = g->zcap ? 2 * g->zcap : 256;
    zinfo *p = realloc(g->zi, (size_t)ncap * sizeof *p);
    if (!p)
        return SN_ENOMEM;
    g->zi = p;
    g->zcap = ncap;
    return 0;
}

static int grow_schools(gen *g)
{
    if (g->net->nschools < g->scap)
        return 0;
    int ncap = g->scap ? 2 * g->scap : 128;
    sinfo *p = realloc(g->si, (size_t)ncap * sizeof *p);
    if (!p)
        return SN_ENOMEM;
    g->si = p;
    g->scap = ncap;
    return 0;
}

/* A name not used before in this county: `stem`, else stem plus a number. */
static int unique_name(gen *g, char *buf, size_t n, const char *stem)
{
    snprintf(buf, n, "%s", stem);
    for (int k = 2; sn_strmap_get(g->names, buf) >= 0; k++)
        snprintf(buf, n, "%s %d", stem, k);
    return sn_strmap_put(g->names, buf, 1);
}

static int add_zone(gen *g, int county, const char *name, double x, double y,
                    const zinfo *info)
{
    char id[32];
    snprintf(id, sizeof id, "Z%04d", g->net->nzones + 1);
    sn_zone z = {id, (char *)name, county, 1, round3(x), round3(y), -1, -1};
    if (grow_zones(g))
        return SN_ENOMEM;
    int k = sn_network_add_zone(g->net, &z);
    if (k < 0)
        return k;
    g->zi[k] = *info;
    return k;
}

static int add_school(gen *g, int county, const char *name, sn_stage st,
                      int lo, int hi, double x, double y, skind kind,
                      int township)
{
    char id[32];
    snprintf(id, sizeof id, "S%04d", g->net->nschools + 1);
    sn_school s;
    memset(&s, 0, sizeof s);
    s.id = id;
    s.name = (char *)name;
    s.county = county;
    s.stage = st;
    s.grade_lo = lo;
    s.grade_hi = hi;
    s.has_xy = 1;
    s.x_km = round3(x);
    s.y_km = round3(y);
    s.classrooms = 0;
    s.seats = -1;
    s.status = kind == K_TOWN_CAND || kind == K_RURAL_CAND ? SN_CANDIDATE
                                                           : SN_OPEN;
    s.urban = is_town_kind(kind);
    s.is_private = kind == K_PRIVATE;
    s.boarding_beds = kind == K_CENTRAL || kind == K_JUNIOR ||
                      kind == K_NINE || kind == K_RURAL_CAND;
    if (grow_schools(g))
        return SN_ENOMEM;
    int k = sn_network_add_school(g->net, &s);
    if (k < 0)
        return k;
    g->si[k].kind = kind;
    g->si[k].township = township;
    return k;
}

/* ------------------------------------------------------------- sizing */

static void plan_counts(counts *k, int n, int m)
{
    memset(k, 0, sizeof *k);
    k->schools = n;
    k->townships = imin(40, imax(2, (int)lround(n / 6.0)));
    k->nine = k->townships / 3;
    k->priv = n >= 20;
    k->tcand = n >= 30 ? 2 : 1;
    k->rcand = n >= 40;
    k->tpri = imax(2, (int)lround(0.13 * n));
    k->tjun = imax(1, (int)lround(0.06 * n));
    for (;;) {
        int fixed = k->priv + k->tcand + k->rcand + k->tpri + k->tjun +
                    2 * k->townships - k->nine;
        k->rest = n - fixed;
        if (k->rest >= 0)
            break;
        if (k->rcand)
            k->rcand = 0;
        else if (k->priv)
            k->priv = 0;
        else if (k->tpri > 2)
            k->tpri--;
        else if (k->nine < k->townships)
            k->nine++;
        else
            k->townships--;
    }
    k->town_zones = imax(k->tpri + k->tjun, (int)lround(0.12 * m));
    k->villages = m - k->town_zones - k->townships;
    k->zones = m;
}

/* Fewest zones a county of these counts needs: one village per township
 * and one per village school. */
static int min_zones(const counts *k)
{
    return k->town_zones + k->townships + imax(k->townships, k->rest);
}

/* --------------------------------------------------------------- layout */

typedef struct village {
    double x, y;
    int township, mountain, school;
    int crowd;              /* villages within a walk */
    double base;
    char name[64];
} village;

typedef struct layout {
    double ox, oy, tx, ty, rt, band;
    int north;
    twinfo *tw;
    village *v;
    double (*tpri)[2], (*tjun)[2];
} layout;

static int in_band(const layout *L, double y)
{
    double local = y - L->oy;
    return L->north ? local > 40.0 - L->band : local < L->band;
}

/* Sunflower (Vogel) points: n points evenly over a disk of radius r. */
static void sunflower(double (*pt)[2], int n, double cx, double cy, double r,
                      double turn, rng *rr)
{
    for (int k = 0; k < n; k++) {
        double rad = r * sqrt((k + 0.5) / n);
        double a = k * 2.399963229728653 + turn + urange(rr, -0.15, 0.15);
        pt[k][0] = cx + rad * cos(a);
        pt[k][1] = cy + rad * sin(a);
    }
}

static double nearest(double (*pt)[2], int n, double x, double y)
{
    double best = 1e300;
    for (int k = 0; k < n; k++) {
        double d = dist(pt[k][0], pt[k][1], x, y);
        if (d < best)
            best = d;
    }
    return best;
}

static void place_townships(layout *L, const counts *k, rng *r)
{
    double sep = 0.8 * sqrt(1600.0 / k->townships);
    int fails = 0;
    for (int t = 0; t < k->townships;) {
        double x = L->ox + urange(r, 3, 37), y = L->oy + urange(r, 3, 37);
        int ok = dist(x, y, L->tx, L->ty) >= L->rt + 5.0;
        for (int j = 0; ok && j < t; j++)
            ok = dist(x, y, L->tw[j].x, L->tw[j].y) >= sep;
        if (!ok) {
            if (++fails % 200 == 0)
                sep *= 0.9;
            continue;
        }
        L->tw[t].x = x;
        L->tw[t].y = y;
        L->tw[t].mountain = in_band(L, y);
        t++;
    }
}

static void place_villages(layout *L, const counts *k, rng *r)
{
    for (int i = 0; i < k->villages;) {
        double x = L->ox + urange(r, 0.5, 39.5), y = L->oy + urange(r, 0.5, 39.5);
        int mountain = in_band(L, y);
        if (dist(x, y, L->tx, L->ty) < L->rt + 0.5)
            continue;
        if (mountain && unif(r) > 0.55)
            continue;
        village *v = &L->v[i++];
        v->x = x;
        v->y = y;
        v->mountain = mountain;
        v->school = 0;
        double best = 1e300;
        for (int t = 0; t < k->townships; t++) {
            double d = dist(x, y, L->tw[t].x, L->tw[t].y);
            if (d < best) {
                best = d;
                v->township = t;
            }
        }
        double u = unif(r);
        v->base = mountain ? 1.5 + 4.0 * u : 3.0 + 9.0 * u * u;
    }
}

/* Counts, for each village, the villages within 2.3 km (a walk of 3 km by
 * road). */
static void count_crowds(layout *L, const counts *k)
{
    for (int j = 0; j < k->villages; j++) {
        int n = 0;
        for (int q = 0; q < k->villages; q++)
            n += q != j && fabs(L->v[j].x - L->v[q].x) < 2.3 &&
                 dist(L->v[j].x, L->v[j].y, L->v[q].x, L->v[q].y) < 2.3;
        L->v[j].crowd = n;
    }
}

/* Picks village school sites: full primaries in large villages away from
 * the seat (kind 1), teaching points in small remote ones (kind 2).
 * Returns 0 or SN_ENOMEM. */
static int pick_village_schools(layout *L, const counts *k, rng *r)
{
    int nfull = (int)lround(0.55 * k->rest);
    int *chosen = malloc((size_t)imax(1, k->rest) * sizeof *chosen);
    if (!chosen)
        return SN_ENOMEM;
    count_crowds(L, k);
    for (int i = 0; i < k->rest; i++) {
        int want = i < nfull ? 1 : 2;
        double min_seat = 2.5, min_other = 2.0;
        int best = -1;
        while (best < 0) {
            double score = -1e300;
            for (int j = 0; j < k->villages; j++) {
                village *v = &L->v[j];
                if (v->school)
                    continue;
                const twinfo *t = &L->tw[v->township];
                double ds = dist(v->x, v->y, t->x, t->y);
                if (ds < min_seat ||
                    dist(v->x, v->y, L->tx, L->ty) < L->rt + 1.5 * min_seat)
                    continue;
                int ok = 1;
                for (int q = 0; ok && q < i; q++)
                    ok = dist(v->x, v->y, L->v[chosen[q]].x,
                              L->v[chosen[q]].y) >= min_other;
                if (!ok)
                    continue;
                double sc = want == 1 ? v->base + unif(r)
                                      : ds * (v->mountain ? 2.0 : 1.0) -
                                        v->base - 3.0 * v->crowd + unif(r);
                if (sc > score) {
                    score = sc;
                    best = j;
                }
            }
            min_seat *= 0.7;
            min_other *= 0.7;
            if (min_seat < 1e-3)
                min_seat = min_other = 0; /* any free village */
        }
        L->v[best].school = want;
        chosen[i] = best;
    }
    free(chosen);
    return 0;
}

/* ------------------------------------------------------------ one county */

static void zone_params(zinfo *zi, zkind kind, int mountain, rng *r)
{
    memset(zi, 0, sizeof *zi);
    zi->kind = kind;
    zi->township = -1;
    zi->entry = urange(r, 0.96, 1.04);
    switch (kind) {
    case Z_TOWN:
        zi->base = urange(r, 40, 70);
        zi->trend = urange(r, 0.0, 0.02);
        zi->prog = urange(r, 1.00, 1.03);
        zi->mig0 = urange(r, 0.12, 0.25);
        break;
    case Z_NEWTOWN:
        zi->base = urange(r, 25, 45);
        zi->trend = urange(r, 0.04, 0.07);
        zi->prog = urange(r, 1.02, 1.04);
        zi->mig0 = urange(r, 0.20, 0.35);
        break;
    case Z_SEAT:
        zi->base = urange(r, 20, 40);
        zi->trend = urange(r, -0.02, 0.0);
        zi->prog = urange(r, 0.99, 1.01);
        zi->mig0 = urange(r, 0.02, 0.06);
        break;
    case Z_VILLAGE:
        zi->trend = mountain ? urange(r, -0.07, -0.04) : urange(r, -0.05, -0.02);
        zi->prog = mountain ? urange(r, 0.95, 0.98) : urange(r, 0.96, 0.99);
        zi->mig0 = mountain ? 0.0 : urange(r, 0.0, 0.02);
        break;
    }
    zi->mfactor = mountain ? urange(r, 1.6, 2.5) : 0.0;
}

static int town_schools(gen *g, int c, const char *cn, layout *L,
                        const counts *k, rng *r)
{
    char name[256];
    int rc;
    for (int i = 0; i < k->tpri; i++) {
        if (i == 0)
            snprintf(name, sizeof name, "%s Experimental Primary", cn);
        else
            snprintf(name, sizeof name, "%s No. %d Primary", cn, i + 1);
        if ((rc = add_school(g, c, name, SN_PRIMARY, 1, 6, L->tpri[i][0],
                             L->tpri[i][1], K_TOWN_PRI, -1)) < 0)
            return rc;
    }
    for (int i = 0; i < k->tjun; i++) {
        snprintf(name, sizeof name, "%s No. %d Junior Middle School", cn,
                 i + 1);
        if ((rc = add_school(g, c, name, SN_JUNIOR, 7, 9, L->tjun[i][0],
                             L->tjun[i][1], K_TOWN_JUN, -1)) < 0)
            return rc;
        if (i == 0) /* the county's oldest junior school boards */
            g->net->schools[rc].boarding_beds = 1;
    }
    if (k->priv) {
        double a = urange(r, 0, 6.283185307179586);
        snprintf(name, sizeof name, "%s %s Private School", cn,
                 private_names[irange(r, 0, NELEM(private_names) - 1)]);
        if ((rc = add_school(g, c, name, SN_NINE_YEAR, 1, 9,
                             L->tx + 0.5 * L->rt * cos(a),
                             L->ty + 0.5 * L->rt * sin(a), K_PRIVATE, -1)) < 0)
            return rc;
    }
    for (int i = 0; i < k->tcand; i++) {
        static const char *const kinds[3] = {"Primary", "Junior Middle School",
                                             "Nine-Year School"};
        sn_stage st = i == 0 ? SN_PRIMARY : i == 1 ? SN_JUNIOR : SN_NINE_YEAR;
        snprintf(name, sizeof name, "%s New District %s (planned)", cn,
                 kinds[i % 3]);
        double dy = urange(r, -0.4, 0.4), dx = urange(r, 0.6, 0.85);
        if ((rc = add_school(g, c, name, st, st == SN_JUNIOR ? 7 : 1,
                             st == SN_PRIMARY ? 6 : 9, L->tx + dx * L->rt,
                             L->ty + dy * L->rt, K_TOWN_CAND, -1)) < 0)
            return rc;
    }
    return 0;
}

static int rural_schools(gen *g, int c, layout *L, const counts *k, rng *r)
{
    char name[256];
    int rc;
    for (int t = 0; t < k->townships; t++) {
        twinfo *tw = &L->tw[t];
        double ax = tw->x + urange(r, -0.4, 0.4), ay = tw->y + urange(r, -0.4, 0.4);
        if (tw->nine) {
            snprintf(name, sizeof name, "%s Nine-Year School", tw->name);
            rc = add_school(g, c, name, SN_NINE_YEAR, 1, 9, ax, ay, K_NINE, t);
        } else {
            snprintf(name, sizeof name, "%s Central Primary", tw->name);
            rc = add_school(g, c, name, SN_PRIMARY, 1, 6, ax, ay, K_CENTRAL, t);
            if (rc < 0)
                return rc;
            snprintf(name, sizeof name, "%s Junior Middle School", tw->name);
            double dy = urange(r, -0.5, 0.5), dx = urange(r, -0.5, 0.5);
            rc = add_school(g, c, name, SN_JUNIOR, 7, 9, tw->x + dx,
                            tw->y + dy, K_JUNIOR, t);
        }
        if (rc < 0)
            return rc;
        if (tw->mountain)
            g->net->schools[rc].remote = 1;
        if (tw->mountain && !tw->nine)
            g->net->schools[rc - 1].remote = 1;
    }
    if (k->rcand) {
        int t = irange(r, 0, k->townships - 1);
        snprintf(name, sizeof name, "%s Boarding School (planned)",
                 L->tw[t].name);
        double dy = urange(r, -1.0, 1.0), dx = urange(r, -1.0, 1.0);
        if ((rc = add_school(g, c, name, SN_NINE_YEAR, 1, 9, L->tw[t].x + dx,
                             L->tw[t].y + dy, K_RURAL_CAND, t)) < 0)
            return rc;
    }
    for (int i = 0; i < k->villages; i++) {
        village *v = &L->v[i];
        if (!v->school)
            continue;
        int point = v->school == 2;
        snprintf(name, sizeof name, "%s %s", v->name,
                 point ? "Teaching Point" : "Primary");
        double dy = urange(r, -0.2, 0.2), dx = urange(r, -0.2, 0.2);
        int top = point ? irange(r, 3, 4) : 6;
        rc = add_school(g, c, name, SN_PRIMARY, 1, top, v->x + dx, v->y + dy,
                        point ? K_POINT : K_VILLAGE, v->township);
        if (rc < 0)
            return rc;
        sn_school *s = &g->net->schools[rc];
        s->remote = v->mountain;
        s->closable = !v->mountain;
    }
    return 0;
}

static int county_zones(gen *g, int c, layout *L, const counts *k, rng *r)
{
    char name[256], stem[96];
    int rc;
    zinfo zi;
    /* town communities, placed where a primary and a junior are in reach;
     * the first ones next to each town school, so none stands empty */
    for (int i = 0; i < k->town_zones; i++) {
        double x = L->tx, y = L->ty;
        int tries, anchor = i < k->tpri + k->tjun;
        for (tries = 0; tries < 500; tries++) {
            double rad = L->rt * sqrt(unif(r)), a = urange(r, 0, 6.283185307179586);
            x = L->tx + rad * cos(a);
            y = L->ty + rad * sin(a);
            if (anchor && tries < 50) {
                const double *p = i < k->tpri ? L->tpri[i] : L->tjun[i - k->tpri];
                rad = urange(r, 0.15, 0.45);
                x = p[0] + rad * cos(a);
                y = p[1] + rad * sin(a);
            }
            if (nearest(L->tpri, k->tpri, x, y) <= 2.1 &&
                nearest(L->tjun, k->tjun, x, y) <= 3.6)
                break;
        }
        if (tries == 500) {
            x = L->tpri[0][0] + 0.2;
            y = L->tpri[0][1] + 0.2;
        }
        zkind kind = x > L->tx + 0.35 * L->rt ? Z_NEWTOWN : Z_TOWN;
        zone_params(&zi, kind, 0, r);
        if (anchor) /* a large estate around the school */
            zi.base *= 1.4;
        if (kind == Z_NEWTOWN)
            snprintf(stem, sizeof stem, "New District Block %d", i + 1);
        else
            snprintf(stem, sizeof stem, "%s Community",
                     streets[i % NELEM(streets)]);
        if ((rc = unique_name(g, name, sizeof name, stem)) != 0)
            return rc;
        if ((rc = add_zone(g, c, name, x, y, &zi)) < 0)
            return rc;
    }
    /* each township: its seat, then its villages */
    for (int t = 0; t < k->townships; t++) {
        twinfo *tw = &L->tw[t];
        zone_params(&zi, Z_SEAT, tw->mountain, r);
        zi.township = t;
        snprintf(stem, sizeof stem, "%s Community", tw->name);
        if ((rc = unique_name(g, name, sizeof name, stem)) != 0 ||
            (rc = add_zone(g, c, name, tw->x, tw->y, &zi)) < 0)
            return rc;
        for (int i = 0; i < k->villages; i++) {
            village *v = &L->v[i];
            if (v->township != t)
                continue;
            zone_params(&zi, Z_VILLAGE, v->mountain, r);
            zi.township = t;
            zi.base = v->base;
            if ((rc = add_zone(g, c, v->name, v->x, v->y, &zi)) < 0)
                return rc;
        }
    }
    return 0;
}

/* Draws "<first><second>" names until one is free in this county (after 30
 * draws, numbers the last one). */
static int draw_name(gen *g, char *buf, size_t n, const char *const *first,
                     int nfirst, const char *const *second, int nsecond,
                     const char *suffix, rng *r)
{
    char stem[96];
    for (int i = 0; i < 30; i++) {
        int b = irange(r, 0, nsecond - 1), a = irange(r, 0, nfirst - 1);
        snprintf(stem, sizeof stem, "%s%s%s", first[a], second[b], suffix);
        if (sn_strmap_get(g->names, stem) < 0)
            break;
    }
    return unique_name(g, buf, n, stem);
}

static int name_places(gen *g, layout *L, const counts *k, rng *r)
{
    int rc;
    for (int t = 0; t < k->townships; t++)
        if ((rc = draw_name(g, L->tw[t].name, sizeof L->tw[t].name,
                            township_first, NELEM(township_first),
                            township_second, NELEM(township_second), "", r)))
            return rc;
    for (int i = 0; i < k->villages; i++)
        if ((rc = draw_name(g, L->v[i].name, sizeof L->v[i].name, surnames,
                            NELEM(surnames), place_suffixes,
                            NELEM(place_suffixes), " Village", r)))
            return rc;
    return 0;
}

static int build_county(gen *g, int c, const counts *k)
{
    rng r = rng_make(g->seed, (uint64_t)c, 1);
    const county_shape *sh = shape_of(g->o, c);
    char cn[96];
    int rc = SN_ENOMEM;
    layout L;
    memset(&L, 0, sizeof L);
    county_name(g->o, c, cn, sizeof cn);
    if ((rc = sn_network_add_county(g->net, cn)) < 0)
        return rc;
    sn_strmap_free(g->names);
    if (!(g->names = sn_strmap_new()))
        return SN_ENOMEM;
    county_origin(c, &L.ox, &L.oy);
    L.band = sh->band;
    L.north = sh->north;
    L.rt = 2.0 + 1.5 * fmin(1.0, k->schools / 120.0);
    L.tx = L.ox + 20.0 + urange(&r, -3, 3);
    L.ty = L.oy + 20.0 + urange(&r, -2, 2);
    /* keep the town off the mountain band */
    if (L.north)
        L.ty = fmin(L.ty, L.oy + 40.0 - L.band - L.rt - 3.0);
    else
        L.ty = fmax(L.ty, L.oy + L.band + L.rt + 3.0);
    L.tw = calloc((size_t)k->townships, sizeof *L.tw);
    L.v = calloc((size_t)imax(1, k->villages), sizeof *L.v);
    L.tpri = calloc((size_t)k->tpri, sizeof *L.tpri);
    L.tjun = calloc((size_t)k->tjun, sizeof *L.tjun);
    rc = SN_ENOMEM;
    if (!L.tw || !L.v || !L.tpri || !L.tjun)
        goto done;
    sunflower(L.tpri, k->tpri, L.tx, L.ty, 0.85 * L.rt, 0.0, &r);
    sunflower(L.tjun, k->tjun, L.tx, L.ty, 0.6 * L.rt, 1.3, &r);
    place_townships(&L, k, &r);
    /* nine-year schools: every third township first, then any */
    for (int pass = 0, n = 0; pass < 2; pass++)
        for (int t = 0; t < k->townships && n < k->nine; t++)
            if (!L.tw[t].nine && (pass || t % 3 == 2)) {
                L.tw[t].nine = 1;
                n++;
            }
    place_villages(&L, k, &r);
    if ((rc = pick_village_schools(&L, k, &r)) != 0 ||
        (rc = name_places(g, &L, k, &r)) != 0 ||
        (rc = town_schools(g, c, cn, &L, k, &r)) != 0 ||
        (rc = rural_schools(g, c, &L, k, &r)) != 0 ||
        (rc = county_zones(g, c, &L, k, &r)) != 0)
        goto done;
    rc = 0;
done:
    free(L.tw);
    free(L.v);
    free(L.tpri);
    free(L.tjun);
    return rc;
}

/* ------------------------------------------------------- reach and roads */

/* Road km from zone z to school s as the network will report it: explicit
 * for mountain zones (rounded like distances.csv), else straight line x
 * detour factor. */
static double road_km(const gen *g, int z, int s)
{
    const sn_zone *zz = &g->net->zones[z];
    const sn_school *ss = &g->net->schools[s];
    double d = dist(zz->x_km, zz->y_km, ss->x_km, ss->y_km);
    double f = g->zi[z].mfactor;
    if (f <= 0)
        return d * g->net->sc.detour_factor;
    return round3(d * f * (0.925 + 0.15 * hash_unif(g->seed, (uint64_t)z,
                                                    (uint64_t)s, 5)));
}

/* Straight-line km within which a mountain zone's roads are listed. */
#define ROAD_LIST_KM 25.0

static int serves_stage(const sn_school *s, int stage_lo, int stage_hi,
                        const sinfo *si)
{
    return s->status == SN_OPEN && !s->is_private && si->kind != K_POINT &&
           s->grade_lo <= stage_lo && s->grade_hi >= stage_hi;
}

/* Whether zone z reaches a school of the stage [lo, hi] on foot or as a
 * boarder (with `margin` km to spare); *board receives the nearest
 * boarding school of the stage by straight line. */
static int reaches(const gen *g, int z, int lo, int hi, double margin,
                   int *board)
{
    const sn_scenario *sc = &g->net->sc;
    int c = g->net->zones[z].county;
    double best = 1e300;
    *board = -1;
    for (int s = g->cs[c]; s < g->cs[c + 1]; s++) {
        const sn_school *ss = &g->net->schools[s];
        if (!serves_stage(ss, lo, hi, &g->si[s]))
            continue;
        double km = road_km(g, z, s);
        if (km <= walk_limit(sc, lo) - margin / 10)
            return 1;
        if (ss->boarding_beds > 0 && km <= sc->boarding_max_km - margin)
            return 1;
        const sn_zone *zz = &g->net->zones[z];
        double d = dist(zz->x_km, zz->y_km, ss->x_km, ss->y_km);
        if (ss->boarding_beds > 0 && d < best) {
            best = d;
            *board = s;
        }
    }
    return 0;
}

/* Moves zones that reach no school of a stage towards the nearest boarding
 * school, a quarter of the way at a time. */
static void fix_reach(gen *g)
{
    for (int z = 0; z < g->net->nzones; z++) {
        sn_zone *zz = &g->net->zones[z];
        for (int it = 0; it < 60; it++) {
            int board, ok = 1;
            if (!reaches(g, z, 1, 6, 2.0, &board))
                ok = 0;
            else if (!reaches(g, z, 7, 9, 2.0, &board))
                ok = 0;
            if (ok)
                break;
            assert(board >= 0);
            const sn_school *b = &g->net->schools[board];
            double k = it < 40 ? 0.75 : 0.0;
            zz->x_km = round3(b->x_km + (zz->x_km - b->x_km) * k);
            zz->y_km = round3(b->y_km + (zz->y_km - b->y_km) * k);
        }
    }
}

static int add_roads(gen *g)
{
    for (int z = 0; z < g->net->nzones; z++) {
        if (g->zi[z].mfactor <= 0)
            continue;
        const sn_zone *zz = &g->net->zones[z];
        int c = zz->county;
        for (int s = g->cs[c]; s < g->cs[c + 1]; s++) {
            const sn_school *ss = &g->net->schools[s];
            if (dist(zz->x_km, zz->y_km, ss->x_km, ss->y_km) > ROAD_LIST_KM)
                continue;
            if (sn_network_add_distance(g->net, z, s, road_km(g, z, s)))
                return SN_ENOMEM;
        }
    }
    return sn_network_finish(g->net);
}

/* Nearest open public school of the stage [lo, hi] within walking
 * distance, else the nearest one with beds within boarding distance. */
static int designate(const gen *g, int z, int lo, int hi)
{
    const sn_scenario *sc = &g->net->sc;
    int c = g->net->zones[z].county, walk = -1, board = -1;
    double bw = 1e300, bb = 1e300;
    for (int s = g->cs[c]; s < g->cs[c + 1]; s++) {
        const sn_school *ss = &g->net->schools[s];
        if (!serves_stage(ss, lo, hi, &g->si[s]))
            continue;
        double km = sn_network_km(g->net, z, s);
        if (km < 0)
            continue;
        if (km <= walk_limit(sc, lo) && km < bw) {
            bw = km;
            walk = s;
        }
        if (ss->boarding_beds > 0 && km <= sc->boarding_max_km && km < bb) {
            bb = km;
            board = s;
        }
    }
    if (walk < 0 && board < 0) /* a far zone (far_zones): the nearest */
        for (int s = g->cs[c]; s < g->cs[c + 1]; s++) {
            const sn_school *ss = &g->net->schools[s];
            double km = sn_network_km(g->net, z, s);
            if (serves_stage(ss, lo, hi, &g->si[s]) && km >= 0 && km < bb) {
                bb = km;
                board = s;
            }
        }
    return walk >= 0 ? walk : board;
}

/* ------------------------------------------------------------ demand */

static int births_at(const gen *g, int z, int t)
{
    const zinfo *zi = &g->zi[z];
    double b = zi->base * exp(zi->trend * (t - 2010)) *
               (1.0 + 0.08 * hash_noise(g->seed, (uint64_t)z, (uint64_t)t, 1));
    if (t >= 2016) /* the universal two-child policy */
        b *= 1.08;
    return b > 0 ? (int)lround(b) : 0;
}

static double mig_share(const zinfo *zi, int t)
{
    return fmin(0.45, zi->mig0 * (1.0 + 0.04 * (t - 2012)));
}

static int *sim_at(const gen *g, int *a, int t, int z)
{
    return a + ((size_t)(t - g->y0) * (size_t)g->net->nzones + (size_t)z) *
               (SN_GRADES + 1);
}

/* Pupils of zone z entering grade 1 in year t from the births of t-6-back
 * scaled by `prog` (the first year's upper grades are back-cast). */
static int entry_pupils(const gen *g, int z, int t, int back, double prog)
{
    const zinfo *zi = &g->zi[z];
    double e = zi->entry * (1.0 + 0.02 * hash_noise(g->seed, (uint64_t)z,
                                                    (uint64_t)t,
                                                    (uint64_t)(2 + back)));
    e = fmin(1.05, fmax(0.95, e));
    if (zi->kind == Z_TOWN || zi->kind == Z_NEWTOWN)
        e *= 1.0 + mig_share(zi, t);
    double n = births_at(g, z, t - 6 - back) * e * prog;
    return n > 0 ? (int)lround(n) : 0;
}

static void simulate(gen *g)
{
    for (int z = 0; z < g->net->nzones; z++) {
        const zinfo *zi = &g->zi[z];
        for (int t = g->y0; t <= g->ye; t++) {
            int *row = sim_at(g, g->sim, t, z), *mrow = sim_at(g, g->mig, t, z);
            const int *prev = t > g->y0 ? sim_at(g, g->sim, t - 1, z) : NULL;
            for (int gr = 1; gr <= SN_GRADES; gr++) {
                double p = zi->prog * (gr == 7 ? 0.99 : 1.0);
                if (gr == 1) {
                    row[gr] = entry_pupils(g, z, t, 0, 1.0);
                } else if (!prev) {
                    row[gr] = entry_pupils(g, z, t, gr - 1,
                                           pow(zi->prog, gr - 1) *
                                               (gr >= 7 ? 0.99 : 1.0));
                } else {
                    double n = prev[gr - 1] * p *
                               (1.0 + 0.015 * hash_noise(g->seed, (uint64_t)z,
                                                         (uint64_t)t,
                                                         (uint64_t)(20 + gr)));
                    row[gr] = n > 0 ? (int)lround(n) : 0;
                }
                double m = row[gr] * mig_share(zi, t) *
                           (1.0 + 0.1 * hash_noise(g->seed, (uint64_t)z,
                                                   (uint64_t)t,
                                                   (uint64_t)(40 + gr)));
                mrow[gr] = imin(row[gr], m > 0 ? (int)lround(m) : 0);
            }
        }
    }
}

/* Designated and attending pupils per school (see gen). */
static void tally(gen *g)
{
    const sn_network *net = g->net;
    for (int t = g->y0; t <= g->ye; t++)
        for (int z = 0; z < net->nzones; z++) {
            const int *row = sim_at(g, g->sim, t, z);
            for (int gr = 1; gr <= SN_GRADES; gr++) {
                int s = gr <= 6 ? net->zones[z].primary_school
                                : net->zones[z].junior_school;
                g->des[((size_t)(t - g->y0) * (size_t)net->nschools +
                        (size_t)s) * (SN_GRADES + 1) + (size_t)gr] += row[gr];
            }
        }
    for (int z = 0; z < net->nzones; z++) {
        const int *row = sim_at(g, g->sim, g->y1, z);
        int c = net->zones[z].county;
        for (int gr = 1; gr <= SN_GRADES; gr++) {
            int s = gr <= 6 ? net->zones[z].primary_school
                            : net->zones[z].junior_school;
            double best = walk_limit(&net->sc, gr);
            for (int q = g->cs[c]; q < g->cs[c + 1]; q++) {
                const sn_school *qq = &net->schools[q];
                if (qq->status != SN_OPEN || qq->is_private ||
                    !sn_school_teaches(qq, gr))
                    continue;
                double km = sn_network_km(net, z, q);
                if (km >= 0 && km < best) {
                    best = km;
                    s = q;
                }
            }
            g->att[(size_t)s * (SN_GRADES + 1) + (size_t)gr] += row[gr];
        }
    }
}

static int des_at(const gen *g, int t, int s, int gr)
{
    return g->des[((size_t)(t - g->y0) * (size_t)g->net->nschools +
                   (size_t)s) * (SN_GRADES + 1) + (size_t)gr];
}

/* Fills g->boarders[s]: the most pupils designated to s who live beyond
 * walking distance, over all simulated years. */
static int count_boarders(gen *g)
{
    const sn_network *net = g->net;
    int *cur = calloc((size_t)net->nschools + 1, sizeof *cur);
    if (!cur)
        return SN_ENOMEM;
    for (int t = g->y0; t <= g->ye; t++) {
        memset(cur, 0, (size_t)net->nschools * sizeof *cur);
        for (int z = 0; z < net->nzones; z++) {
            const sn_zone *zz = &net->zones[z];
            const int *row = sim_at(g, g->sim, t, z);
            int far_p = sn_network_km(net, z, zz->primary_school) >
                        net->sc.max_km_primary;
            int far_j = sn_network_km(net, z, zz->junior_school) >
                        net->sc.max_km_junior;
            for (int gr = 1; gr <= SN_GRADES; gr++) {
                if (gr <= 6 && far_p)
                    cur[zz->primary_school] += row[gr];
                else if (gr >= 7 && far_j)
                    cur[zz->junior_school] += row[gr];
            }
        }
        for (int s = 0; s < net->nschools; s++)
            g->boarders[s] = imax(g->boarders[s], cur[s]);
    }
    free(cur);
    return 0;
}

/* ------------------------------------------------------------ capacity */

static void size_open_school(gen *g, int s, rng *r)
{
    sn_school *ss = &g->net->schools[s];
    skind kind = g->si[s].kind;
    int ngr = ss->grade_hi - ss->grade_lo + 1, need56 = 0, need_std = 0;
    int now = 0;
    for (int gr = ss->grade_lo; gr <= ss->grade_hi; gr++) {
        int hi = 0, all = 0;
        for (int t = g->y0; t <= g->ye; t++) {
            int d = des_at(g, t, s, gr);
            all = imax(all, d);
            if (t >= g->y1)
                hi = imax(hi, d);
        }
        need56 += ceil_div((int)ceil(1.1 * hi), g->net->sc.hard_cap);
        need_std += imax(1, ceil_div(all, sn_scenario_standard(&g->net->sc, gr)));
        now += des_at(g, g->y1, s, gr);
    }
    if (kind == K_TOWN_PRI || kind == K_TOWN_JUN) {
        /* over-subscribed: classes of 62-72 in the last history year */
        ss->classrooms = imax(ngr, (int)lround(now / urange(r, 62, 72)));
        ss->max_new_classrooms = imax(0, need56 - ss->classrooms) +
                                 irange(r, 2, 4);
    } else if (kind == K_POINT) {
        ss->classrooms = ngr;
        ss->max_new_classrooms = irange(r, 0, 1);
    } else {
        /* built for the larger cohorts of the past: spare rooms now */
        ss->classrooms = imax(need_std, need56) + irange(r, 0, 2);
        ss->max_new_classrooms = irange(r, 1, 4);
    }
    if (ss->boarding_beds > 0) {
        int minimum = kind == K_TOWN_JUN ? (int)round_to(urange(r, 200, 400), 10)
                                         : 40;
        int need = (int)(ceil(1.25 * g->boarders[s] / 10.0) * 10.0);
        ss->boarding_beds = imax(minimum, need);
    }
}

static void size_candidate(gen *g, int s, int idx, rng *r)
{
    sn_school *ss = &g->net->schools[s];
    if (g->si[s].kind == K_RURAL_CAND) {
        ss->classrooms = irange(r, 18, 27);
        ss->boarding_beds = (int)round_to(urange(r, 300, 600), 10);
        ss->build_cost = round_to(fmin(60e6, fmax(30e6, ss->classrooms *
                                  urange(r, 1.2e6, 1.6e6) +
                                  ss->boarding_beds * 20000.0)), 1e5);
    } else {
        ss->classrooms = ss->stage == SN_PRIMARY ? irange(r, 24, 36)
                         : ss->stage == SN_JUNIOR ? irange(r, 18, 30)
                                                  : irange(r, 36, 45);
        ss->build_cost = round_to(fmin(80e6, fmax(30e6, ss->classrooms *
                                  urange(r, 1.3e6, 1.9e6))), 1e5);
    }
    ss->max_new_classrooms = irange(r, 0, 6);
    ss->ready_year = imin(g->o->plan_year, g->y1 + 1 + idx % 3);
}

static void size_schools(gen *g)
{
    for (int c = 0; c < g->net->ncounties; c++) {
        rng r = rng_make(g->seed, (uint64_t)c, 2);
        int ncand = 0;
        for (int s = g->cs[c]; s < g->cs[c + 1]; s++) {
            sn_school *ss = &g->net->schools[s];
            skind kind = g->si[s].kind;
            if (kind == K_PRIVATE) {
                ss->classrooms = -1;
                ss->seats = (int)round_to(urange(&r, 800, 1500), 50);
                ss->is_private = 1;
                ss->seat_price = round_to(urange(&r, 6000, 12000), 100);
                continue;
            }
            if (ss->status == SN_CANDIDATE)
                size_candidate(g, s, ncand++, &r);
            else
                size_open_school(g, s, &r);
            sn_gen_crowd(g, s);
            ss->classroom_cost = ss->urban
                                     ? round_to(urange(&r, 0.6e6, 0.8e6), 1e4)
                                     : round_to(urange(&r, 0.4e6, 0.6e6), 1e4);
            ss->annual_cost = round_to((150000.0 + 50000.0 * ss->classrooms +
                                        1500.0 * ss->boarding_beds) *
                                           (ss->urban ? 1.2 : 1.0), 1000);
        }
    }
}

/* ------------------------------------------------------------- history */

static int store_history(gen *g)
{
    sn_network *net = g->net;
    int rc = sn_network_alloc_years(net, g->y0, g->y1);
    if (rc)
        return rc;
    for (int t = g->y0; t <= g->y1; t++)
        for (int z = 0; z < net->nzones; z++) {
            size_t off = ((size_t)(t - g->y0) * (size_t)net->nzones +
                          (size_t)z) * (SN_GRADES + 1);
            memcpy(net->students + off, sim_at(g, g->sim, t, z),
                   (SN_GRADES + 1) * sizeof(int));
            memcpy(net->migrants + off, sim_at(g, g->mig, t, z),
                   (SN_GRADES + 1) * sizeof(int));
        }
    int blo = g->y0 - 14;
    if ((rc = sn_network_alloc_births(net, blo, g->y1)) != 0)
        return rc;
    for (int t = blo; t <= g->y1; t++)
        for (int z = 0; z < net->nzones; z++)
            net->births[(size_t)(t - blo) * (size_t)net->nzones + (size_t)z] =
                births_at(g, z, t);
    return 0;
}

/* ------------------------------------------------------------- driver */

static int check_opts(const sn_generate_opts *o, sn_error *err)
{
    if (o->counties < 1 || o->counties > SN_GENERATE_MAX_COUNTIES)
        return sn_error_set(err, SN_EUSAGE, "counties must be from 1 to %d "
                            "(got %d)", SN_GENERATE_MAX_COUNTIES, o->counties);
    if (o->schools < 8 || o->schools > 5000)
        return sn_error_set(err, SN_EUSAGE, "schools per county must be from "
                            "8 to 5000 (got %d)", o->schools);
    if (o->zones < 20 || o->zones > 50000)
        return sn_error_set(err, SN_EUSAGE, "zones per county must be from "
                            "20 to 50000 (got %d)", o->zones);
    if (o->years < 2 || o->years > 30)
        return sn_error_set(err, SN_EUSAGE, "years of history must be from 2 "
                            "to 30 (got %d)", o->years);
    if (o->last_year < 1980 || o->last_year > 2090)
        return sn_error_set(err, SN_EUSAGE, "last history year must be from "
                            "1980 to 2090 (got %d)", o->last_year);
    if (o->plan_year < o->last_year || o->plan_year > o->last_year + 10)
        return sn_error_set(err, SN_EUSAGE, "plan year must be from the last "
                            "history year %d to 10 years later (got %d)",
                            o->last_year, o->plan_year);
    if (o->county_names && o->ncounty_names < 1)
        return sn_error_set(err, SN_EUSAGE, "county_names given but empty");
    if (!(o->crowding == 0 || (o->crowding >= 1 && o->crowding <= 2)))
        return sn_error_set(err, SN_EUSAGE, "crowding must be 0 (off) or "
                            "from 1 to 2 (got %g)", o->crowding);
    if (!(o->room_ratio >= 0.1 && o->room_ratio <= 1))
        return sn_error_set(err, SN_EUSAGE, "room_ratio must be from 0.1 to "
                            "1 (got %g)", o->room_ratio);
    if (!(o->far_zones >= 0 && o->far_zones <= 0.5))
        return sn_error_set(err, SN_EUSAGE, "far_zones must be from 0 to 0.5 "
                            "(got %g)", o->far_zones);
    return 0;
}

/* Schools and zones of county c, scaled by population when asked. */
static int county_counts(const sn_generate_opts *o, int c, counts *k,
                         sn_error *err)
{
    double w = 1.0;
    if (o->vary_size && o->counties > 1) {
        double sum = 0;
        for (int i = 0; i < o->counties; i++)
            sum += shape_of(o, i)->pop;
        w = shape_of(o, c)->pop * o->counties / sum;
    }
    int n = imax(8, (int)lround(o->schools * w));
    int m = imax(20, (int)lround(o->zones * w));
    plan_counts(k, n, m);
    if (m < min_zones(k))
        return sn_error_set(err, SN_EUSAGE, "county %d: %d schools need at "
                            "least %d zones (got %d): raise zones", c + 1, n,
                            min_zones(k), m);
    return 0;
}

static int set_name(gen *g)
{
    const sn_generate_opts *o = g->o;
    char buf[256];
    if (o->name)
        snprintf(buf, sizeof buf, "%s", o->name);
    else if (o->counties == 1)
        snprintf(buf, sizeof buf, "synthetic %s seed %llu",
                 g->net->counties[0], o->seed);
    else
        snprintf(buf, sizeof buf, "synthetic city of %d counties seed %llu",
                 o->counties, o->seed);
    char *copy = strdup(buf);
    if (!copy)
        return SN_ENOMEM;
    free(g->net->sc.name);
    g->net->sc.name = copy;
    g->net->sc.year = o->plan_year;
    return 0;
}

static int designate_all(gen *g)
{
    for (int z = 0; z < g->net->nzones; z++) {
        sn_zone *zz = &g->net->zones[z];
        zz->primary_school = designate(g, z, 1, 6);
        zz->junior_school = designate(g, z, 7, 9);
        /* fix_reach guarantees both; a failure is a bug here */
        assert(zz->primary_school >= 0 && zz->junior_school >= 0);
        if (zz->primary_school < 0 || zz->junior_school < 0)
            return SN_EUSAGE;
    }
    return 0;
}

static int run(gen *g, sn_error *err)
{
    const sn_generate_opts *o = g->o;
    int rc;
    counts k;
    for (int c = 0; c < o->counties; c++) {
        if ((rc = county_counts(o, c, &k, err)) != 0)
            return rc;
        g->cz[c] = g->net->nzones;
        g->cs[c] = g->net->nschools;
        if ((rc = build_county(g, c, &k)) != 0)
            return rc;
    }
    g->cz[o->counties] = g->net->nzones;
    g->cs[o->counties] = g->net->nschools;
    fix_reach(g);
    if (!(g->far = calloc((size_t)g->net->nzones + 1, 1)))
        return SN_ENOMEM;
    if ((rc = sn_gen_far_zones(g, road_km)) != 0)
        return rc;
    if ((rc = add_roads(g)) != 0 || (rc = designate_all(g)) != 0)
        return rc;
    size_t ny = (size_t)(g->ye - g->y0 + 1);
    size_t nz = (size_t)g->net->nzones, ns = (size_t)g->net->nschools;
    g->sim = calloc(ny * nz * (SN_GRADES + 1), sizeof(int));
    g->mig = calloc(ny * nz * (SN_GRADES + 1), sizeof(int));
    g->des = calloc(ny * ns * (SN_GRADES + 1), sizeof(int));
    g->att = calloc(ns * (SN_GRADES + 1), sizeof(int));
    g->boarders = calloc(ns + 1, sizeof(int));
    if (!g->sim || !g->mig || !g->des || !g->att || !g->boarders)
        return SN_ENOMEM;
    simulate(g);
    tally(g);
    if ((rc = count_boarders(g)) != 0)
        return rc;
    size_schools(g);
    if ((rc = sn_gen_staff(g)) != 0 || (rc = store_history(g)) != 0 ||
        (rc = set_name(g)) != 0)
        return rc;
    return 0;
}

int sn_generate(sn_network **out, const sn_generate_opts *opts, sn_error *err)
{
    *out = NULL;
    int rc = check_opts(opts, err);
    if (rc)
        return rc;
    gen g;
    memset(&g, 0, sizeof g);
    g.o = opts;
    g.seed = opts->seed;
    g.y1 = opts->last_year;
    g.y0 = opts->last_year - opts->years + 1;
    g.ye = imax(opts->last_year, opts->plan_year);
    g.cz = calloc((size_t)opts->counties + 1, sizeof *g.cz);
    g.cs = calloc((size_t)opts->counties + 1, sizeof *g.cs);
    if (!g.cz || !g.cs || (rc = sn_network_new(&g.net)) != 0) {
        rc = SN_ENOMEM;
        goto done;
    }
    rc = run(&g, err);
done:
    if (rc == SN_ENOMEM)
        sn_error_set(err, rc, "out of memory");
    else if (rc == 0)
        *out = g.net;
    if (rc)
        sn_network_free(g.net);
    free(g.zi);
    free(g.si);
    free(g.cz);
    free(g.cs);
    free(g.sim);
    free(g.mig);
    free(g.des);
    free(g.att);
    free(g.boarders);
    free(g.far);
    sn_strmap_free(g.names);
    return rc;
}
