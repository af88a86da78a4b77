/* plan_part.c - raw county parts of a plan between processes, and their
 * merge (plan_part.h). */
#include "io/plan_part.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/kpi.h"

#define MAGIC 0x534e5054u /* "SNPT" */

typedef struct header {
    uint32_t magic, sizes;
    int32_t year, county, status, nschools, weighted;
    uint64_t nrows, nasg, nunplaced;
    double objective[SN_LEVELS], bound[SN_LEVELS], gap, wvalue, wbound;
    int32_t ended_by[SN_LEVELS];
} header;

static uint32_t sizes(void)
{
    return (uint32_t)(sizeof(sn_school_plan) * 31u + sizeof(sn_assignment) * 7u +
                      sizeof(sn_unplaced));
}

static int put(FILE *f, const void *p, size_t size, size_t n)
{
    return n == 0 || fwrite(p, size, n, f) == n ? 0 : -1;
}

int sn_plan_part_write(FILE *f, const sn_plan *part, const sn_network *net,
                       int county, sn_error *err)
{
    header h;
    memset(&h, 0, sizeof h);
    h.magic = MAGIC;
    h.sizes = sizes();
    h.year = part->year;
    h.county = county;
    h.status = (int32_t)part->status;
    h.nschools = net->nschools;
    for (int s = 0; s < net->nschools; s++)
        h.nrows += net->schools[s].county == county;
    h.nasg = part->nasg;
    h.nunplaced = part->nunplaced;
    memcpy(h.objective, part->objective, sizeof h.objective);
    memcpy(h.bound, part->bound, sizeof h.bound);
    h.gap = part->gap;
    h.weighted = part->weighted;
    h.wvalue = part->wvalue;
    h.wbound = part->wbound;
    for (int k = 0; k < SN_LEVELS; k++)
        h.ended_by[k] = (int32_t)part->ended_by[k];
    int bad = put(f, &h, sizeof h, 1);
    for (int s = 0; s < net->nschools && !bad; s++)
        if (net->schools[s].county == county) {
            int32_t i = s;
            bad = put(f, &i, sizeof i, 1) ||
                  put(f, &part->schools[s], sizeof *part->schools, 1);
        }
    if (!bad)
        bad = put(f, part->asg, sizeof *part->asg, part->nasg) ||
              put(f, part->unplaced, sizeof *part->unplaced, part->nunplaced);
    if (bad || fflush(f) != 0)
        return sn_error_set(err, SN_EIO, "cannot write a county's plan part");
    return 0;
}

static int get(FILE *f, void *p, size_t size, size_t n)
{
    return n == 0 || fread(p, size, n, f) == n ? 0 : -1;
}

int sn_plan_part_read(sn_plan **out, FILE *f, const sn_network *net,
                      sn_error *err)
{
    header h;
    *out = NULL;
    if (get(f, &h, sizeof h, 1) || h.magic != MAGIC || h.sizes != sizes() ||
        h.nschools != net->nschools || h.nrows > (uint64_t)net->nschools)
        return sn_error_set(err, SN_EIO, "a county's plan part is missing "
                            "or damaged");
    sn_plan *p;
    if (sn_plan_new(&p, net->nschools, h.year))
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    p->status = (sn_plan_status)h.status;
    memcpy(p->objective, h.objective, sizeof h.objective);
    memcpy(p->bound, h.bound, sizeof h.bound);
    p->gap = h.gap;
    for (int k = 0; k < SN_LEVELS; k++)
        p->ended_by[k] = h.ended_by[k] >= SN_END_NONE &&
                                 h.ended_by[k] <= SN_END_STOP
                             ? (sn_end)h.ended_by[k]
                             : SN_END_NONE;
    int rc = 0;
    for (uint64_t r = 0; r < h.nrows && rc == 0; r++) {
        int32_t i;
        sn_school_plan sp;
        if (get(f, &i, sizeof i, 1) || get(f, &sp, sizeof sp, 1) || i < 0 ||
            i >= net->nschools)
            rc = SN_EIO;
        else
            p->schools[i] = sp;
    }
    for (uint64_t r = 0; r < h.nasg && rc == 0; r++) {
        sn_assignment a;
        rc = get(f, &a, sizeof a, 1) ? SN_EIO : sn_plan_add_assignment(p, &a);
    }
    for (uint64_t r = 0; r < h.nunplaced && rc == 0; r++) {
        sn_unplaced u;
        rc = get(f, &u, sizeof u, 1) ? SN_EIO : sn_plan_add_unplaced(p, &u);
    }
    if (rc) {
        sn_plan_free(p);
        return sn_error_set(err, rc, rc == SN_EIO ? "a county's plan part is "
                            "damaged" : "out of memory");
    }
    *out = p;
    return 0;
}

int sn_plan_part_merge(sn_plan *dst, const sn_plan *part,
                       const sn_network *net, int county, int first)
{
    if (first)
        dst->status = SN_PLAN_OPTIMAL; /* sn_plan_new says unsolved */
    for (int s = 0; s < net->nschools; s++)
        if (net->schools[s].county == county)
            dst->schools[s] = part->schools[s];
    for (size_t i = 0; i < part->nasg; i++)
        if (sn_plan_add_assignment(dst, &part->asg[i]))
            return SN_ENOMEM;
    for (size_t i = 0; i < part->nunplaced; i++)
        if (sn_plan_add_unplaced(dst, &part->unplaced[i]))
            return SN_ENOMEM;
    for (int k = 0; k < SN_LEVELS; k++) {
        dst->objective[k] += part->objective[k];
        dst->bound[k] += part->bound[k];
        if (part->ended_by[k] > dst->ended_by[k])
            dst->ended_by[k] = part->ended_by[k];
    }
    dst->weighted |= part->weighted;
    dst->wvalue += part->wvalue;
    dst->wbound += part->wbound;
    if (part->status > dst->status)
        dst->status = part->status;
    return 0;
}

int sn_plan_part_finish(sn_plan *dst, const sn_network *net, sn_error *err)
{
    sn_plan_update_gap(dst);
    sn_plan_sort(dst); /* also merges rows of the same (zone, grade, school) */
    sn_kpi k;
    int rc = sn_kpi_compute(&k, net, dst, err);
    if (rc == 0)
        dst->cost = k.cost;
    return rc;
}
