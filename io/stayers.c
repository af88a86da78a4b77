/* stayers.c - stayers.csv written and read (stayers.h). */
#include "io/stayers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/outdir.h"
#include "io/table.h"

int sn_stayers_write(const sn_assignment *stay, size_t n,
                     const sn_network *net, const char *dir, sn_error *err)
{
    sn_outdir *od;
    int rc = sn_outdir_open(&od, dir, err);
    if (rc)
        return rc;
    FILE *f = sn_outdir_file(od, "stayers.csv", err);
    if (!f) {
        sn_outdir_abort(od);
        return err->code;
    }
    fprintf(f, "county,zone,grade,school,students\n");
    for (size_t i = 0; i < n; i++) {
        const sn_zone *z = &net->zones[stay[i].zone];
        fprintf(f, "%s,%s,%d,%s,%d\n", net->counties[z->county], z->id,
                stay[i].grade, net->schools[stay[i].school].id,
                stay[i].students);
    }
    return sn_outdir_commit(od, err);
}

enum { C_COUNTY, C_ZONE, C_GRADE, C_SCHOOL, C_STUDENTS, NCOLS };
static const sn_table_col cols[NCOLS] = {
    {"county", 0}, {"zone", 1}, {"grade", 1}, {"school", 1},
    {"students", 1}};

/* One row into v (grown); 0, or SN_ENOMEM. */
static int read_row(sn_table *t, const sn_network *net, sn_assignment **v,
                    long **lines, size_t *n, size_t *cap)
{
    const char *zid, *sid;
    int g, st;
    sn_table_str(t, C_ZONE, &zid);
    sn_table_str(t, C_SCHOOL, &sid);
    sn_table_int(t, C_GRADE, 0, 1, SN_GRADES, &g);
    sn_table_int(t, C_STUDENTS, 0, 0, 1000000, &st);
    int z = zid ? sn_network_find_zone(net, zid) : -1;
    int s = sid ? sn_network_find_school(net, sid) : -1;
    if (zid && z < 0)
        sn_table_fail(t, C_ZONE, "unknown zone: not in zones.csv");
    if (sid && s < 0)
        sn_table_fail(t, C_SCHOOL, "unknown school: not in schools.csv");
    if (sn_table_row_errors(t))
        return 0;
    if (*n == *cap) {
        size_t ncap = *cap ? 2 * *cap : 256;
        sn_assignment *nv = realloc(*v, ncap * sizeof *nv);
        if (!nv)
            return SN_ENOMEM;
        *v = nv;
        long *nl = realloc(*lines, 2 * ncap * sizeof *nl);
        if (!nl)
            return SN_ENOMEM;
        *lines = nl;
        *cap = ncap;
    }
    long line, col;
    sn_table_pos(t, C_ZONE, &line, &col);
    (*lines)[2 * *n] = line;
    (*lines)[2 * *n + 1] = col;
    (*v)[(*n)++] = (sn_assignment){z, g, s, st, 0, 0, 0};
    return 0;
}

typedef struct keyed {
    const sn_assignment *a;
    size_t i;
} keyed;

static int cmp_keyed(const void *x, const void *y)
{
    const keyed *p = x, *q = y;
    const sn_assignment *a = p->a, *b = q->a;
    if (a->zone != b->zone)
        return a->zone < b->zone ? -1 : 1;
    if (a->grade != b->grade)
        return a->grade < b->grade ? -1 : 1;
    if (a->school != b->school)
        return a->school < b->school ? -1 : 1;
    return (p->i > q->i) - (p->i < q->i);
}

/* Reports each (zone, grade, school) given twice, at the later row. */
static int duplicates(const sn_assignment *v, const long *lines, size_t n,
                      const sn_network *net, const char *path, sn_diag *diag)
{
    keyed *k = malloc((n ? n : 1) * sizeof *k);
    if (!k)
        return SN_ENOMEM;
    for (size_t i = 0; i < n; i++)
        k[i] = (keyed){&v[i], i};
    qsort(k, n, sizeof *k, cmp_keyed);
    for (size_t i = 1; i < n; i++) {
        const sn_assignment *a = k[i].a, *b = k[i - 1].a;
        if (a->zone != b->zone || a->grade != b->grade ||
            a->school != b->school)
            continue;
        sn_diag_error(diag, path, lines[2 * k[i].i], lines[2 * k[i].i + 1],
                      "duplicate row for zone '%s', grade %d, school '%s' "
                      "(first on line %ld)", net->zones[a->zone].id, a->grade,
                      net->schools[a->school].id, lines[2 * k[i - 1].i]);
    }
    free(k);
    return 0;
}

int sn_stayers_read(sn_assignment **out, size_t *n, int *present,
                    const sn_network *net, const char *dir, sn_diag *diag,
                    sn_error *err)
{
    *out = NULL;
    *n = 0;
    *present = 0;
    size_t len = strlen(dir) + sizeof "/stayers.csv";
    char *path = malloc(len);
    if (!path)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    snprintf(path, len, "%s/stayers.csv", dir);
    if (access(path, F_OK) != 0) {
        free(path);
        return 0;
    }
    *present = 1;
    size_t before = diag->errors, cap = 0;
    sn_table *t;
    sn_assignment *v = NULL;
    long *lines = NULL;
    int rc = sn_table_open(&t, path, cols, NCOLS, diag, err);
    while (rc == 0 && (rc = sn_table_next(t, err)) == 1)
        rc = read_row(t, net, &v, &lines, n, &cap);
    sn_table_free(t);
    if (rc == 0)
        rc = duplicates(v, lines, *n, net, path, diag);
    free(path);
    free(lines);
    if (rc == SN_ENOMEM)
        sn_error_set(err, rc, "out of memory");
    if (rc == 0 && diag->errors > before)
        rc = SN_EINPUT;
    if (rc) {
        free(v);
        *n = 0;
        return rc;
    }
    *out = v;
    return 0;
}
