/* generate_classic.c - capacitated facility location and p-median
 * instances as schoolnet data (generate_classic.h). */
#include "gen/generate_classic.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define YEAR 2020

typedef struct rng {
    uint64_t s;
} rng;

static double unif(rng *r) /* splitmix64 in [0, 1) */
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return (double)((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
}

/* Uniform integer in [lo, hi]. */
static int irange(rng *r, int lo, int hi)
{
    return lo + (int)(unif(r) * (double)(hi - lo + 1));
}

/* The shared part of both kinds: one county, the scenario of a pure
 * location problem, a name. */
static int start(sn_network **out, const char *name, sn_error *err)
{
    sn_network *net;
    if (sn_network_new(&net) || sn_network_add_county(net, "C") < 0)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    sn_scenario *sc = &net->sc;
    free(sc->name);
    sc->name = strdup(name);
    if (!sc->name) {
        sn_network_free(net);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    sc->year = YEAR;
    sc->divert = SN_DIVERT_ALL;
    sc->max_km_primary = sc->max_km_junior = 1000;
    sc->boarding_max_km = 1000;
    sc->detour_factor = 1.0;
    sc->boarding_options = 0;
    *out = net;
    return 0;
}

static int add_site(sn_network *net, const char *id, double x, double y,
                    int seats, double fixed)
{
    sn_school s;
    memset(&s, 0, sizeof s);
    s.id = s.name = (char *)id;
    s.county = 0;
    s.stage = SN_PRIMARY;
    s.grade_lo = 1;
    s.grade_hi = 6;
    s.has_xy = 1;
    s.x_km = x;
    s.y_km = y;
    s.classrooms = -1;
    s.seats = seats;
    s.status = SN_OPEN;
    s.closable = 1;
    s.annual_cost = fixed;
    return sn_network_add_school(net, &s);
}

static int add_node(sn_network *net, const char *id, double x, double y)
{
    sn_zone z;
    memset(&z, 0, sizeof z);
    z.id = z.name = (char *)id;
    z.county = 0;
    z.has_xy = 1;
    z.x_km = x;
    z.y_km = y;
    z.primary_school = z.junior_school = -1;
    return sn_network_add_zone(net, &z);
}

int sn_generate_cflp(sn_network **out, const sn_cflp_opts *o, sn_error *err)
{
    *out = NULL;
    if (o->sites < 2 || o->sites > 2000 || o->customers < 2 ||
        o->customers > 20000)
        return sn_error_set(err, SN_EUSAGE, "cflp: 2-2000 sites and 2-20000 "
                            "customers (got %d and %d)", o->sites,
                            o->customers);
    if (!(o->ratio >= 1 && o->ratio <= 1000))
        return sn_error_set(err, SN_EUSAGE, "cflp: capacity ratio 1-1000 "
                            "(got %g)", o->ratio);
    char name[96];
    snprintf(name, sizeof name, "cflp %dx%d ratio %g seed %llu", o->sites,
             o->customers, o->ratio, o->seed);
    sn_network *net;
    int rc = start(&net, name, err);
    if (rc)
        return rc;
    net->sc.transport_cost_per_student_km = 0.1; /* 10 x unit-square */
    rng r = {o->seed * 0xD1B54A32D192ED03ULL + 17};
    double *cx = malloc((size_t)o->customers * sizeof *cx);
    double *cy = malloc((size_t)o->customers * sizeof *cy);
    int *dem = malloc((size_t)o->customers * sizeof *dem);
    double *fx = malloc((size_t)o->sites * sizeof *fx);
    double *fy = malloc((size_t)o->sites * sizeof *fy);
    double *cap = malloc((size_t)o->sites * sizeof *cap);
    double *fix = malloc((size_t)o->sites * sizeof *fix);
    long total_d = 0;
    double total_c = 0;
    char id[32];
    rc = SN_ENOMEM;
    if (!cx || !cy || !dem || !fx || !fy || !cap || !fix)
        goto done;
    /* coordinates on a 0.001 km grid, so the written data read back equal */
    for (int j = 0; j < o->customers; j++) {
        cx[j] = round(unif(&r) * 100000.0) / 1000.0;
        cy[j] = round(unif(&r) * 100000.0) / 1000.0;
    }
    for (int i = 0; i < o->sites; i++) {
        fx[i] = round(unif(&r) * 100000.0) / 1000.0;
        fy[i] = round(unif(&r) * 100000.0) / 1000.0;
    }
    for (int j = 0; j < o->customers; j++)
        total_d += dem[j] = irange(&r, 5, 35);
    for (int i = 0; i < o->sites; i++)
        total_c += cap[i] = irange(&r, 10, 160);
    for (int i = 0; i < o->sites; i++)
        fix[i] = floor(irange(&r, 100, 110) * sqrt(cap[i]) +
                       irange(&r, 0, 90));
    for (int i = 0; i < o->sites; i++) {
        snprintf(id, sizeof id, "F%04d", i + 1);
        int seats = (int)floor(cap[i] * o->ratio * (double)total_d / total_c +
                               0.5);
        if (add_site(net, id, fx[i], fy[i], seats, fix[i]) < 0)
            goto done;
    }
    for (int j = 0; j < o->customers; j++) {
        snprintf(id, sizeof id, "C%05d", j + 1);
        if (add_node(net, id, cx[j], cy[j]) < 0)
            goto done;
    }
    if (sn_network_alloc_years(net, YEAR, YEAR) || sn_network_finish(net))
        goto done;
    for (int j = 0; j < o->customers; j++)
        sn_network_students_at(net, YEAR, j)[1] = dem[j];
    rc = 0;
done:
    free(cx);
    free(cy);
    free(dem);
    free(fx);
    free(fy);
    free(cap);
    free(fix);
    if (rc) {
        sn_network_free(net);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    *out = net;
    return 0;
}

/* All-pairs shortest paths of an n-node graph given as an adjacency matrix
 * (INFINITY: no edge), Floyd-Warshall in place. */
static void floyd(double *d, int n)
{
    for (int k = 0; k < n; k++)
        for (int i = 0; i < n; i++) {
            double dik = d[(size_t)i * n + k];
            if (!isfinite(dik))
                continue;
            double *row = d + (size_t)i * n;
            const double *rk = d + (size_t)k * n;
            for (int j = 0; j < n; j++)
                if (dik + rk[j] < row[j])
                    row[j] = dik + rk[j];
        }
}

int sn_generate_pmedian(sn_network **out, const sn_pmedian_opts *o,
                        sn_error *err)
{
    *out = NULL;
    if (o->nodes < 10 || o->nodes > 2000 || o->p < 1 || o->p > o->nodes)
        return sn_error_set(err, SN_EUSAGE, "pmedian: 10-2000 nodes and p in "
                            "1..nodes (got %d and %d)", o->nodes, o->p);
    int n = o->nodes;
    char name[96];
    snprintf(name, sizeof name, "pmedian n%d p%d seed %llu", n, o->p,
             o->seed);
    sn_network *net;
    int rc = start(&net, name, err);
    if (rc)
        return rc;
    net->sc.transport_cost_per_student_km = 1.0;
    net->sc.max_open_schools = o->p;
    rng r = {o->seed * 0x9FB21C651E98DF25ULL + 5};
    double *d = malloc((size_t)n * (size_t)n * sizeof *d);
    long edges = (long)n * n / 50, made = 0;
    char id[32];
    rc = SN_ENOMEM;
    if (!d)
        goto done;
    for (size_t t = 0; t < (size_t)n * (size_t)n; t++)
        d[t] = INFINITY;
    for (int i = 0; i < n; i++)
        d[(size_t)i * n + i] = 0;
    /* a random spanning tree keeps the graph connected; then random edges
     * (a repeated pair keeps its shorter length) up to n^2 / 50 in all */
    if (edges < n - 1)
        edges = n - 1;
    for (int i = 1; i < n; i++, made++) {
        int j = irange(&r, 0, i - 1), len = irange(&r, 1, 100);
        d[(size_t)i * n + j] = d[(size_t)j * n + i] = len;
    }
    for (; made < edges; made++) {
        int i = irange(&r, 0, n - 1), j = irange(&r, 0, n - 1);
        int len = irange(&r, 1, 100);
        if (i == j)
            continue;
        double *e = &d[(size_t)i * n + j];
        if (len < *e)
            *e = d[(size_t)j * n + i] = len;
    }
    floyd(d, n);
    for (int i = 0; i < n; i++) {
        snprintf(id, sizeof id, "S%04d", i + 1);
        if (add_site(net, id, 0, 0, n, 0.0) < 0)
            goto done;
        net->schools[i].has_xy = 0; /* distances.csv only */
    }
    for (int i = 0; i < n; i++) {
        snprintf(id, sizeof id, "Z%04d", i + 1);
        if (add_node(net, id, 0, 0) < 0)
            goto done;
        net->zones[i].has_xy = 0;
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            if (sn_network_add_distance(net, i, j, d[(size_t)i * n + j]) < 0)
                goto done;
    if (sn_network_alloc_years(net, YEAR, YEAR) || sn_network_finish(net))
        goto done;
    for (int i = 0; i < n; i++)
        sn_network_students_at(net, YEAR, i)[1] = 1;
    rc = 0;
done:
    free(d);
    if (rc) {
        sn_network_free(net);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    *out = net;
    return 0;
}
