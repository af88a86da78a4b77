/* write_report.h - the outputs people look at, written beside the plan
 * files (docs/plan-format.md, "Reports"):
 *   report.html     one self-contained page (inline SVG, CSS and a little
 *                   JavaScript, no network): headline figures, counties
 *                   with milestone status, charts, a map, a sortable
 *                   school table; Chinese or English ([report] lang);
 *   plan.xlsx       the plan's tables as a workbook (io/write_xlsx.h);
 *   schools.geojson, zones.geojson, flows.geojson
 *                   map layers in WGS84 (io/write_geojson.h), when the
 *                   data have lat,lon or a [map] origin;
 * timeline.html of a multi-year plan, and comparison.html of a batch.
 *
 * Reports are built from the plan's own files (their text, read through an
 * sn_report_source) and the network, never from solver state, so
 * `schoolnet report` on a plan folder writes the same bytes as `plan` did.
 * Output is deterministic: fixed number formats, input order, no dates.
 */
#ifndef SN_WRITE_REPORT_H
#define SN_WRITE_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "io/write_comparison.h"
#include "io/write_plan.h"
#include "model/error.h"
#include "model/network.h"
#include "model/plan.h"

struct sn_outdir;

/* Where a report reads the plan's files.  read() returns 0 with *text a
 * malloc'd, NUL-terminated copy of file `name` (*len bytes), 1 when there
 * is no such file, or an error code with err filled. */
typedef struct sn_report_source {
    int (*read)(void *ctx, const char *name, char **text, size_t *len,
                sn_error *err);
    void *ctx;
} sn_report_source;

/* A source reading folder dir (borrowed; it must outlive the source). */
sn_report_source sn_report_dir_source(const char *dir);
/* A source reading the files already written to od (sn_outdir_read). */
sn_report_source sn_report_outdir_source(struct sn_outdir *od);

/* Writes report.html, plan.xlsx and, when the data can be placed on the
 * earth, the three GeoJSON layers into od, for plan (made for net; the
 * network's hard_cap must be the plan year's, as for the checker).  A plan
 * without coordinates (or on a km plane without [map] origin) gets no
 * GeoJSON and one warning in diag.  Returns 0; SN_EINPUT when a file of
 * src cannot be parsed (messages in diag); SN_EUSAGE when the plan does not
 * fit net; SN_EIO or SN_ENOMEM (err).  Files opened in od before a failure
 * stay in od: the caller aborts it. */
int sn_report_write(struct sn_outdir *od, const sn_network *net,
                    const sn_plan *plan, const sn_report_source *src,
                    sn_diag *diag, sn_error *err);

/* The report as an extra of sn_plan_write_extra: inner's files are
 * written first (inner may be NULL), then the report from everything in
 * the set; inner's summary member is passed on.  All pointers are
 * borrowed and must outlive the write; diag receives warnings. */
typedef struct sn_report_out {
    const sn_network *net;
    const sn_plan *plan;
    const sn_plan_extra *inner;
    sn_diag *diag;
} sn_report_out;
sn_plan_extra sn_report_extra(sn_report_out *o);

/* timeline.html of a multi-year plan in dir, from dir/timeline.csv: by
 * year the caps, pupils, classes over 66, 56, the county's cap and the
 * standard size, schools closed and opened, annual cost and a link to the
 * year's report; by county and year the milestone status (met when no
 * class of the county is above its cap of the year: over_cap = 0).
 * Returns 0; SN_EINPUT (timeline.csv missing, unreadable or without a
 * column it needs: diag), SN_EIO or SN_ENOMEM (err); all or nothing
 * (io/outdir). */
int sn_report_timeline_write(const sn_network *net, const char *dir,
                             sn_diag *diag, sn_error *err);

/* comparison.html of a batch, into f: the comparison table, charts of the
 * main figures, per-school differences of each scenario against the first
 * (from dir/<name>/schools.csv, where present) and, when vary is not NULL
 * (a `--vary KEY=V1,V2` sweep), the trade-off of annual cost against mean
 * km.  Returns 0 or SN_ENOMEM. */
int sn_report_comparison(FILE *f, const sn_comparison_row *rows, size_t n,
                         const char *dir, const char *vary, sn_error *err);

#endif
