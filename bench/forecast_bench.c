/* forecast_bench.c - times sn_forecast_new on 10,000 zones x 9 grades with
 * 10 years of history, projecting 10 years ahead.
 *
 * The network is built in memory (no I/O in the timing): 20 counties of 500
 * zones; each zone's entry cohorts start between 5 and 300 pupils and drift
 * by -3%..+1% a year, with survival 0.97..1.01 per grade and a 15% migrant
 * share; births are known for half of the counties.  A fixed-seed xorshift
 * makes the data identical on every run.  Prints the best and median of
 * `runs` (argv[1], default 7) wall-clock timings and a checksum.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "model/forecast.h"
#include "model/network.h"

enum { ZONES = 10000, COUNTIES = 20, LO = 2008, HI = 2017, HORIZON = 10 };

static unsigned long long next(unsigned long long *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static double unif(unsigned long long *s, double a, double b)
{
    return a + (b - a) * (double)(next(s) >> 11) / 9007199254740992.0;
}

static int build(sn_network **out)
{
    sn_network *net;
    if (sn_network_new(&net))
        return -1;
    char id[32];
    for (int k = 0; k < COUNTIES; k++) {
        snprintf(id, sizeof id, "county%02d", k);
        if (sn_network_add_county(net, id) < 0)
            goto fail;
    }
    for (int z = 0; z < ZONES; z++) {
        sn_zone zn = {0};
        snprintf(id, sizeof id, "z%05d", z);
        zn.id = id;
        zn.county = z % COUNTIES;
        zn.primary_school = zn.junior_school = -1;
        if (sn_network_add_zone(net, &zn) < 0)
            goto fail;
    }
    if (sn_network_alloc_years(net, LO, HI) ||
        sn_network_alloc_births(net, LO - 14, HI - 6 + 2) ||
        sn_network_finish(net))
        goto fail;
    unsigned long long s; /* assigned apart: the gotos cross it */
    s = 0x2545F4914F6CDD1DULL;
    for (int z = 0; z < ZONES; z++) {
        double c0 = unif(&s, 5, 300), drift = unif(&s, -0.03, 0.01);
        int with_births = (z % COUNTIES) % 2 == 0;
        for (int b = net->births_lo; b <= net->births_hi; b++) {
            double cohort = c0 * (1 + drift * (b - 2000));
            if (with_births)
                net->births[(size_t)(b - net->births_lo) * ZONES + z] =
                    (int)(cohort / unif(&s, 0.93, 0.99));
        }
        for (int t = LO; t <= HI; t++) {
            int *row = sn_network_students_at(net, t, z);
            for (int g = 1; g <= SN_GRADES; g++) {
                double v = c0 * (1 + drift * (t - g + 1 - 6 - 2000));
                for (int i = 1; i < g; i++)
                    v *= unif(&s, 0.97, 1.01);
                row[g] = v > 0 ? (int)(v + 0.5) : 0;
                net->migrants[((size_t)(t - LO) * ZONES + z) *
                                  (SN_GRADES + 1) + g] = (int)(0.15 * row[g]);
            }
        }
    }
    *out = net;
    return 0;
fail:
    sn_network_free(net);
    return -1;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 7;
    if (runs < 1 || runs > 100)
        runs = 7;
    sn_network *net;
    if (build(&net)) {
        fprintf(stderr, "forecast_bench: out of memory\n");
        return 3;
    }
    double t[100], sum = 0;
    for (int r = 0; r < runs; r++) {
        sn_forecast *fc;
        sn_error err = {0, ""};
        double t0 = now();
        if (sn_forecast_new(&fc, net, HI, HORIZON, &err)) {
            fprintf(stderr, "forecast_bench: %s\n", err.msg);
            sn_network_free(net);
            return 3;
        }
        t[r] = now() - t0;
        sn_projection p;
        sum = 0;
        for (int k = 0; k < COUNTIES; k++) {
            sn_forecast_county(&p, fc, HI + HORIZON, k, 0);
            sum += p.students;
        }
        sn_forecast_free(fc);
    }
    qsort(t, (size_t)runs, sizeof *t, cmp);
    printf("projection: %d zones x %d grades, history %d-%d, %d years ahead\n",
           ZONES, SN_GRADES, LO, HI, HORIZON);
    printf("runs %d  best %.1f ms  median %.1f ms  (checksum %.3f pupils in "
           "%d)\n", runs, 1e3 * t[0], 1e3 * t[runs / 2], sum, HI + HORIZON);
    sn_network_free(net);
    return 0;
}
