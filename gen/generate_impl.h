/* generate_impl.h - private to gen/generate*.c: the generator's state,
 * its random numbers and small helpers.  Not a public header: nothing
 * outside gen/generate*.c includes it.
 */
#ifndef SN_GENERATE_IMPL_H
#define SN_GENERATE_IMPL_H

#include <math.h>
#include <stdint.h>

#include "gen/generate.h"

#define NELEM(a) ((int)(sizeof(a) / sizeof *(a)))

/* ---------------------------------------------------------------- random */

typedef struct rng {
    uint64_t s;
} rng;

#define GOLDEN 0x9E3779B97F4A7C15ULL

static inline uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static inline rng rng_make(uint64_t seed, uint64_t a, uint64_t b)
{
    rng r = {mix64(mix64(seed + GOLDEN) ^ (a * 0xD1B54A32D192ED03ULL)) ^
             mix64(b + 0x632BE59BD9B4E019ULL)};
    return r;
}

/* Uniform in [0, 1). */
static inline double unif(rng *r)
{
    r->s += GOLDEN;
    return (double)(mix64(r->s) >> 11) * 0x1.0p-53;
}

static inline double urange(rng *r, double lo, double hi)
{
    return lo + (hi - lo) * unif(r);
}

/* Uniform integer in [lo, hi]. */
static inline int irange(rng *r, int lo, int hi)
{
    return lo + (int)(unif(r) * (double)(hi - lo + 1));
}

/* Counter-based noise: mean 0, variance 1, within +-3.5 (sum of four
 * uniforms), the same for the same (seed, a, b, c). */
static inline double hash_noise(uint64_t seed, uint64_t a, uint64_t b, uint64_t c)
{
    rng r = rng_make(seed ^ (c * 0xA24BAED4963EE407ULL), a + 1, b + 7);
    double s = unif(&r);
    s += unif(&r);
    s += unif(&r);
    s += unif(&r);
    return (s - 2.0) * 1.7320508075688772;
}

static inline double hash_unif(uint64_t seed, uint64_t a, uint64_t b, uint64_t c)
{
    rng r = rng_make(seed ^ (c * 0x9FB21C651E98DF25ULL), a + 3, b + 11);
    return unif(&r);
}

/* --------------------------------------------------------- small helpers */

static inline double round3(double x) { return round(x * 1000.0) / 1000.0; }
static inline double round_to(double x, double unit) { return round(x / unit) * unit; }
static inline int imax(int a, int b) { return a > b ? a : b; }
static inline int imin(int a, int b) { return a < b ? a : b; }
static inline int ceil_div(int a, int b) { return a <= 0 ? 0 : (a + b - 1) / b; }

static inline double dist(double x1, double y1, double x2, double y2)
{
    double dx = x1 - x2, dy = y1 - y2;
    return sqrt(dx * dx + dy * dy);
}

/* ------------------------------------------------------- generator state */

typedef enum { Z_TOWN, Z_NEWTOWN, Z_SEAT, Z_VILLAGE } zkind;
typedef enum { K_TOWN_PRI, K_TOWN_JUN, K_TOWN_CAND, K_PRIVATE, K_CENTRAL,
               K_JUNIOR, K_NINE, K_RURAL_CAND, K_VILLAGE, K_POINT } skind;

typedef struct zinfo {
    zkind kind;
    int township;           /* index in the county's townships, or -1 */
    double mfactor;         /* mountain road factor, 0 for plains */
    double base, trend;     /* births around 2010 and yearly log growth */
    double entry, prog;     /* grade-1 entry and cohort progression */
    double mig0;            /* migrant share in 2012 */
} zinfo;

typedef struct sinfo {
    skind kind;
    int township;
} sinfo;

typedef struct gen {
    sn_network *net;
    const sn_generate_opts *o;
    uint64_t seed;
    zinfo *zi;
    sinfo *si;
    int zcap, scap;
    int *cz, *cs;           /* first zone / school of county c; [nc] = end */
    int y0, y1, ye;         /* history first and last year, simulation end */
    int *sim, *mig;         /* [((t - y0) * nz + z) * 10 + g], t in y0..ye */
    int *des;               /* [((t - y0) * ns + s) * 10 + g]: designated */
    int *att;               /* [s * 10 + g] attending in y1 */
    int *boarders;          /* [s]: most designated boarders in a year */
    char *far;              /* [z]: moved beyond walking (far_zones) */
    sn_strmap *names;       /* names used in the current county */
} gen;

/* The south-west corner of county c's 40 x 40 km square (counties of a
 * city sit side by side on a grid, 45 km apart). */
static inline void county_origin(int c, double *ox, double *oy)
{
    *ox = (c % 4) * 45.0;
    *oy = (c / 4) * 45.0;
}

/* generate_hard.c: cuts the classrooms of open public school s to the
 * `crowding` and `room_ratio` options (no effect when both are off). */
void sn_gen_crowd(gen *g, int s);
/* generate_hard.c: moves a `far_zones` share of each county's village
 * zones, taken from those with a school in walking distance (the remotest
 * first), beyond walking distance of every school and marks them in
 * g->far; km is the road distance the network will report.
 * Returns 0 or SN_ENOMEM. */
int sn_gen_far_zones(gen *g, double (*km)(const gen *, int, int));

/* Adds the subjects, the curriculum and the teachers of every open public
 * school (generate_staff.c); g->att must be filled.  Returns 0 or
 * SN_ENOMEM. */
int sn_gen_staff(gen *g);

#endif
