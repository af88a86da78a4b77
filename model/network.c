/* network.c - building, looking up and freeing an sn_network. */
#include "model/network.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int sn_network_new(sn_network **out)
{
    *out = NULL;
    sn_network *net = calloc(1, sizeof *net);
    if (!net)
        return SN_ENOMEM;
    net->year_lo = 1;
    net->year_hi = 0;
    net->births_lo = 1;
    net->births_hi = 0;
    if (sn_scenario_init(&net->sc) != 0)
        goto fail;
    net->county_ids = sn_strmap_new();
    net->school_ids = sn_strmap_new();
    net->zone_ids = sn_strmap_new();
    net->teacher_ids = sn_strmap_new();
    net->subject_ids = sn_strmap_new();
    if (!net->county_ids || !net->school_ids || !net->zone_ids ||
        !net->teacher_ids || !net->subject_ids)
        goto fail;
    *out = net;
    return 0;
fail:
    sn_network_free(net);
    return SN_ENOMEM;
}

void sn_network_free(sn_network *net)
{
    if (!net)
        return;
    for (int i = 0; i < net->ncounties; i++)
        free(net->counties[i]);
    free(net->counties);
    for (int i = 0; i < net->nschools; i++) {
        free(net->schools[i].id);
        free(net->schools[i].name);
    }
    free(net->schools);
    for (int i = 0; i < net->nzones; i++) {
        free(net->zones[i].id);
        free(net->zones[i].name);
    }
    free(net->zones);
    for (int i = 0; i < net->nteachers; i++) {
        free(net->teachers[i].id);
        free(net->teachers[i].name);
    }
    free(net->teachers);
    for (int i = 0; i < net->nsubjects; i++)
        free(net->subjects[i]);
    free(net->students);
    free(net->migrants);
    free(net->zone_first);
    free(net->births);
    free(net->housing);
    free(net->distances);
    free(net->dist_start);
    sn_scenario_dispose(&net->sc);
    sn_strmap_free(net->county_ids);
    sn_strmap_free(net->school_ids);
    sn_strmap_free(net->zone_ids);
    sn_strmap_free(net->teacher_ids);
    sn_strmap_free(net->subject_ids);
    free(net);
}

/* Grows *arr (of *n elements of size sz) to hold one more; capacity is the
 * next power of two, so no separate capacity field is needed. */
static int reserve(void **arr, int n, size_t sz)
{
    if (n > 0 && (n & (n - 1)) != 0)
        return 0;
    size_t ncap = n ? 2 * (size_t)n : 8;
    void *p = realloc(*arr, ncap * sz);
    if (!p)
        return SN_ENOMEM;
    *arr = p;
    return 0;
}

int sn_network_add_county(sn_network *net, const char *name)
{
    if (reserve((void **)&net->counties, net->ncounties, sizeof(char *)))
        return SN_ENOMEM;
    char *copy = strdup(name);
    if (!copy || sn_strmap_put(net->county_ids, name, net->ncounties)) {
        free(copy);
        return SN_ENOMEM;
    }
    net->counties[net->ncounties] = copy;
    return net->ncounties++;
}

int sn_network_add_school(sn_network *net, const sn_school *s)
{
    if (reserve((void **)&net->schools, net->nschools, sizeof *s))
        return SN_ENOMEM;
    sn_school c = *s;
    c.id = strdup(s->id);
    c.name = strdup(s->name ? s->name : s->id);
    if (!c.id || !c.name ||
        sn_strmap_put(net->school_ids, s->id, net->nschools)) {
        free(c.id);
        free(c.name);
        return SN_ENOMEM;
    }
    net->schools[net->nschools] = c;
    return net->nschools++;
}

int sn_network_add_zone(sn_network *net, const sn_zone *z)
{
    if (reserve((void **)&net->zones, net->nzones, sizeof *z))
        return SN_ENOMEM;
    sn_zone c = *z;
    c.id = strdup(z->id);
    c.name = strdup(z->name ? z->name : z->id);
    if (!c.id || !c.name || sn_strmap_put(net->zone_ids, z->id, net->nzones)) {
        free(c.id);
        free(c.name);
        return SN_ENOMEM;
    }
    net->zones[net->nzones] = c;
    return net->nzones++;
}

int sn_network_add_teacher(sn_network *net, const sn_teacher *t)
{
    if (reserve((void **)&net->teachers, net->nteachers, sizeof *t))
        return SN_ENOMEM;
    sn_teacher c = *t;
    c.id = strdup(t->id);
    c.name = t->name && t->name[0] ? strdup(t->name) : NULL;
    if (!c.id || (t->name && t->name[0] && !c.name) ||
        sn_strmap_put(net->teacher_ids, t->id, net->nteachers)) {
        free(c.id);
        free(c.name);
        return SN_ENOMEM;
    }
    net->teachers[net->nteachers] = c;
    return net->nteachers++;
}

int sn_network_add_subject(sn_network *net, const char *name)
{
    if (net->nsubjects >= SN_MAX_SUBJECTS)
        return SN_EINPUT;
    char *copy = strdup(name);
    if (!copy || sn_strmap_put(net->subject_ids, name, net->nsubjects)) {
        free(copy);
        return SN_ENOMEM;
    }
    net->subjects[net->nsubjects] = copy;
    return net->nsubjects++;
}

int sn_network_alloc_years(sn_network *net, int lo, int hi)
{
    free(net->students);
    free(net->migrants);
    free(net->zone_first);
    net->students = net->migrants = net->zone_first = NULL;
    net->year_lo = lo;
    net->year_hi = hi;
    if (lo > hi)
        return 0;
    size_t n = (size_t)(hi - lo + 1) * (size_t)net->nzones * (SN_GRADES + 1);
    net->students = calloc(n ? n : 1, sizeof(int));
    net->migrants = calloc(n ? n : 1, sizeof(int));
    net->zone_first = malloc((net->nzones ? (size_t)net->nzones : 1) *
                             sizeof(int));
    if (!net->students || !net->migrants || !net->zone_first)
        return SN_ENOMEM;
    for (int z = 0; z < net->nzones; z++)
        net->zone_first[z] = lo;
    return 0;
}

int sn_network_alloc_births(sn_network *net, int lo, int hi)
{
    free(net->births);
    net->births = NULL;
    net->births_lo = lo;
    net->births_hi = hi;
    if (lo > hi)
        return 0;
    size_t n = (size_t)(hi - lo + 1) * (size_t)net->nzones;
    net->births = calloc(n ? n : 1, sizeof(int));
    return net->births ? 0 : SN_ENOMEM;
}

int sn_network_add_housing(sn_network *net, int zone, int year,
                           int dwellings)
{
    size_t n = net->nhousing;
    if (n == 0 || (n & (n - 1)) == 0) {
        sn_housing *p = realloc(net->housing, (n ? 2 * n : 16) * sizeof *p);
        if (!p)
            return SN_ENOMEM;
        net->housing = p;
    }
    net->housing[n].zone = zone;
    net->housing[n].year = year;
    net->housing[n].dwellings = dwellings;
    net->nhousing = n + 1;
    return 0;
}

int sn_network_add_distance(sn_network *net, int zone, int school, double km)
{
    size_t n = net->ndistances;
    if (n == 0 || (n & (n - 1)) == 0) {
        size_t ncap = n ? 2 * n : 64;
        sn_distance *p = realloc(net->distances, ncap * sizeof *p);
        if (!p)
            return SN_ENOMEM;
        net->distances = p;
    }
    net->distances[n].zone = zone;
    net->distances[n].school = school;
    net->distances[n].km = km;
    net->ndistances++;
    return 0;
}

static int cmp_distance(const void *a, const void *b)
{
    const sn_distance *x = a, *y = b;
    if (x->zone != y->zone)
        return x->zone < y->zone ? -1 : 1;
    if (x->school != y->school)
        return x->school < y->school ? -1 : 1;
    return 0;
}

int sn_network_finish(sn_network *net)
{
    if (net->ndistances)
        qsort(net->distances, net->ndistances, sizeof *net->distances,
              cmp_distance);
    free(net->dist_start);
    net->dist_start = calloc((size_t)net->nzones + 1, sizeof(size_t));
    if (!net->dist_start)
        return SN_ENOMEM;
    size_t k = 0;
    for (int z = 0; z <= net->nzones; z++) {
        while (k < net->ndistances && net->distances[k].zone < z)
            k++;
        net->dist_start[z] = k;
    }
    return 0;
}

int sn_network_find_county(const sn_network *net, const char *name)
{
    return sn_strmap_get(net->county_ids, name);
}

int sn_network_find_school(const sn_network *net, const char *id)
{
    return sn_strmap_get(net->school_ids, id);
}

int sn_network_find_zone(const sn_network *net, const char *id)
{
    return sn_strmap_get(net->zone_ids, id);
}

int sn_network_find_subject(const sn_network *net, const char *name)
{
    return sn_strmap_get(net->subject_ids, name);
}

int *sn_network_students_at(const sn_network *net, int year, int zone)
{
    if (!net->students || year < net->year_lo || year > net->year_hi)
        return NULL;
    return net->students +
           ((size_t)(year - net->year_lo) * (size_t)net->nzones +
            (size_t)zone) * (SN_GRADES + 1);
}

int sn_network_students(const sn_network *net, int year, int zone, int grade)
{
    const int *row = sn_network_students_at(net, year, zone);
    return row ? row[grade] : 0;
}

int sn_network_migrants(const sn_network *net, int year, int zone, int grade)
{
    if (!net->migrants || year < net->year_lo || year > net->year_hi)
        return 0;
    return net->migrants[((size_t)(year - net->year_lo) * (size_t)net->nzones +
                          (size_t)zone) * (SN_GRADES + 1) + (size_t)grade];
}

int sn_network_births(const sn_network *net, int year, int zone)
{
    if (!net->births || year < net->births_lo || year > net->births_hi)
        return 0;
    return net->births[(size_t)(year - net->births_lo) * (size_t)net->nzones +
                       (size_t)zone];
}

int sn_network_zone_first(const sn_network *net, int zone)
{
    return net->zone_first ? net->zone_first[zone] : net->year_lo;
}

double sn_network_km(const sn_network *net, int zone, int school)
{
    if (net->dist_start) {
        size_t lo = net->dist_start[zone], hi = net->dist_start[zone + 1];
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            int s = net->distances[mid].school;
            if (s == school)
                return net->distances[mid].km;
            if (s < school)
                lo = mid + 1;
            else
                hi = mid;
        }
    }
    const sn_zone *z = &net->zones[zone];
    const sn_school *s = &net->schools[school];
    if (!z->has_xy || !s->has_xy)
        return -1.0;
    double dx = z->x_km - s->x_km, dy = z->y_km - s->y_km;
    return sqrt(dx * dx + dy * dy) * net->sc.detour_factor;
}

int sn_school_teaches(const sn_school *s, int grade)
{
    return grade >= s->grade_lo && grade <= s->grade_hi;
}

sn_stage sn_grade_stage(int grade)
{
    return grade <= 6 ? SN_PRIMARY : SN_JUNIOR;
}

const char *sn_stage_name(sn_stage st)
{
    switch (st) {
    case SN_PRIMARY: return "primary";
    case SN_JUNIOR: return "junior";
    default: return "nine_year";
    }
}
