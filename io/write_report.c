/* write_report.c - report.html, plan.xlsx and the GeoJSON layers of one
 * plan (write_report.h): reading the plan's files, the plan hook, and the
 * choice of outputs. */
#include "io/write_report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "io/outdir.h"
#include "io/write_geojson.h"
#include "io/write_report_impl.h"

static int read_dir(void *ctx, const char *name, char **text, size_t *len,
                    sn_error *err)
{
    const char *dir = ctx;
    *text = NULL;
    *len = 0;
    size_t plen = strlen(dir) + strlen(name) + 2;
    char *path = malloc(plen);
    if (!path)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    snprintf(path, plen, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        int missing = errno == ENOENT;
        int rc = missing ? 1 : sn_error_set(err, SN_EIO, "%s: %s", path,
                                            strerror(errno));
        free(path);
        return rc;
    }
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    int rc = 0;
    do {
        if (cap - n < 4096) {
            cap = 2 * cap + 4096;
            char *nb = realloc(buf, cap + 1);
            if (!nb) {
                rc = sn_error_set(err, SN_ENOMEM, "out of memory");
                break;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    if (rc == 0 && ferror(f))
        rc = sn_error_set(err, SN_EIO, "%s: read error", path);
    fclose(f);
    free(path);
    if (rc) {
        free(buf);
        return rc;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return 0;
}

sn_report_source sn_report_dir_source(const char *dir)
{
    sn_report_source s = {read_dir, (void *)dir};
    return s;
}

static int read_outdir(void *ctx, const char *name, char **text, size_t *len,
                       sn_error *err)
{
    return sn_outdir_read(ctx, name, text, len, err);
}

sn_report_source sn_report_outdir_source(struct sn_outdir *od)
{
    sn_report_source s = {read_outdir, od};
    return s;
}

int sn_report_write(struct sn_outdir *od, const sn_network *net,
                    const sn_plan *plan, const sn_report_source *src,
                    sn_diag *diag, sn_error *err)
{
    sn_rep r;
    int rc = rep_build(&r, net, plan, src, diag, err);
    if (rc)
        return rc;
    FILE *html = sn_outdir_file(od, "report.html", err);
    FILE *xlsx = html ? sn_outdir_file(od, "plan.xlsx", err) : NULL;
    if (!xlsx) {
        rc = err->code ? err->code : SN_EIO;
        goto done;
    }
    if ((rc = rep_write_html(html, &r)) != 0) {
        rc = sn_error_set(err, rc, "report.html: out of memory");
        goto done;
    }
    if ((rc = rep_write_xlsx(xlsx, &r, err)) != 0)
        goto done;
    sn_geo g;
    if (r.nxy == 0)
        sn_diag_warning(diag, NULL, 0, 0, "no GeoJSON layers: the schools "
                        "have no coordinates");
    else if (!sn_geo_origin(&g, net))
        sn_diag_warning(diag, NULL, 0, 0, "no GeoJSON layers: the data are "
                        "on a km plane; give [map] origin = LAT,LON (where "
                        "x_km = y_km = 0 lies) to place them on the earth");
    else
        rc = sn_geojson_write(od, &g, net, plan, r.asg, r.nasg, err);
done:
    rep_dispose(&r);
    return rc;
}

/* ---- the plan hook ------------------------------------------------------- */

static int extra_files(void *ctx, struct sn_outdir *od, sn_error *err)
{
    sn_report_out *o = ctx;
    int rc = 0;
    if (o->inner && o->inner->files &&
        (rc = o->inner->files(o->inner->ctx, od, err)) != 0)
        return rc;
    sn_report_source src = sn_report_outdir_source(od);
    size_t before = o->diag->errors;
    rc = sn_report_write(od, o->net, o->plan, &src, o->diag, err);
    if (rc == SN_EINPUT) /* our own files did not parse: a bug of ours */
        rc = sn_error_set(err, SN_EIO, "report: the plan files do not read "
                          "back (%zu errors)", o->diag->errors - before);
    return rc;
}

static void extra_summary(void *ctx, FILE *f)
{
    sn_report_out *o = ctx;
    o->inner->summary(o->inner->ctx, f);
}

sn_plan_extra sn_report_extra(sn_report_out *o)
{
    sn_plan_extra e = {extra_files,
                       o->inner && o->inner->summary ? extra_summary : NULL,
                       o};
    return e;
}
