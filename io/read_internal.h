/* read_internal.h - state shared by the reader's files (read_network.c,
 * read_demand.c, read_staff.c); not a public interface. */
#ifndef SN_READ_INTERNAL_H
#define SN_READ_INTERNAL_H

#include <stddef.h>

#include "io/table.h"
#include "model/network.h"

/* Input line of each added school / zone / teacher, by index. */
typedef struct sn_read_lines {
    long *line;
    size_t n, cap;
} sn_read_lines;

typedef struct sn_read_ctx {
    sn_network *net;
    sn_diag *diag;
    sn_error *err;
    const char *dir;          /* data folder (borrowed) */
    char path[4096];          /* last path built by sn_read_path */
    sn_read_lines school_lines, zone_lines, teacher_lines;
    long coord_rows[2];       /* rows with x_km,y_km [0] and lat,lon [1] */
    struct { char file[256]; long line; } coord_first[2];
} sn_read_ctx;

int sn_read_lines_push(sn_read_lines *v, long line);
/* dir/name in c->path (just name when dir is "."); returns c->path. */
const char *sn_read_path(sn_read_ctx *c, const char *name);
int sn_read_exists(sn_read_ctx *c, const char *name);
int sn_read_open(sn_read_ctx *c, sn_table **t, const char *name,
                 const sn_table_col *cols, size_t ncols);
/* Calls fn on every row of a file: 0, SN_EINPUT (file unusable) or a fatal
 * code (fn's or the reader's). */
int sn_read_rows(sn_read_ctx *c, const char *name, const sn_table_col *cols,
                 size_t ncols, int (*fn)(sn_read_ctx *, sn_table *));

/* read_demand.c */
int sn_read_enrollment(sn_read_ctx *c);
int sn_read_births(sn_read_ctx *c);
/* housing.csv (optional): dwellings completed per zone and year */
int sn_read_housing(sn_read_ctx *c);
int sn_read_distances(sn_read_ctx *c);
/* read_staff.c: curriculum.csv and teachers.csv, both optional (teachers
 * need curriculum). */
int sn_read_staff(sn_read_ctx *c);

#endif
