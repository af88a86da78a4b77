/* plan_split.c - county parts of a plan in folders (plan_split.h). */
#include "cli/plan_split.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "io/file.h"
#include "io/format.h"
#include "io/json.h"
#include "io/outdir.h"
#include "io/plan_part.h"

#define PART_FILE "county.part"
#define INFO_FILE "county.json"

int sn_cli_county_index(const sn_network *net, const char *name, int *out)
{
    *out = sn_network_find_county(net, name);
    if (*out >= 0)
        return 0;
    fprintf(stderr, "schoolnet plan: --county: no county '%s' in the data "
                    "(counties:", name);
    for (int c = 0; c < net->ncounties && c < 20; c++)
        fprintf(stderr, "%s %s", c ? "," : "", net->counties[c]);
    fprintf(stderr, "%s)\n", net->ncounties > 20 ? ", ..." : "");
    return SN_EXIT_INPUT;
}

int sn_cli_part_write(const sn_plan *part, const sn_network *net, int county,
                      const char *dir, sn_error *err)
{
    sn_outdir *od;
    int rc = sn_outdir_open(&od, dir, err);
    if (rc)
        return rc;
    FILE *bin = sn_outdir_file(od, PART_FILE, err);
    FILE *js = bin ? sn_outdir_file(od, INFO_FILE, err) : NULL;
    if (!js || sn_plan_part_write(bin, part, net, county, err) != 0) {
        sn_outdir_abort(od);
        return err->code ? err->code : SN_EIO;
    }
    long students = 0, unplaced = 0;
    for (size_t i = 0; i < part->nasg; i++)
        students += part->asg[i].students;
    for (size_t i = 0; i < part->nunplaced; i++)
        unplaced += part->unplaced[i].students;
    fputs("{\n  \"scenario\": ", js);
    sn_put_json_string(js, net->sc.name ? net->sc.name : "");
    fputs(",\n  \"county\": ", js);
    sn_put_json_string(js, net->counties[county]);
    fprintf(js, ",\n  \"county_index\": %d,\n  \"counties\": %d,\n"
                "  \"schools\": %d,\n  \"year\": %d,\n  \"status\": \"%s\",\n"
                "  \"gap\": ", county, net->ncounties, net->nschools,
            part->year, sn_plan_status_name(part->status));
    if (isfinite(part->gap))
        fprintf(js, "%.6f", part->gap);
    else
        fputs("null", js);
    fprintf(js, ",\n  \"students\": %ld,\n  \"unplaced\": %ld\n}\n",
            students + unplaced, unplaced);
    return sn_outdir_commit(od, err);
}

/* What county.json says. */
typedef struct part_info {
    char scenario[512], county[512];
    double index, counties, schools, year;
} part_info;

static void on_info(void *ctx, const char *key, const sn_json_value *v)
{
    part_info *pi = ctx;
    if (v->kind == SN_JSON_STRING && !strcmp(key, "scenario"))
        snprintf(pi->scenario, sizeof pi->scenario, "%s", v->str);
    else if (v->kind == SN_JSON_STRING && !strcmp(key, "county"))
        snprintf(pi->county, sizeof pi->county, "%s", v->str);
    else if (v->kind == SN_JSON_NUMBER && !strcmp(key, "county_index"))
        pi->index = v->num;
    else if (v->kind == SN_JSON_NUMBER && !strcmp(key, "counties"))
        pi->counties = v->num;
    else if (v->kind == SN_JSON_NUMBER && !strcmp(key, "schools"))
        pi->schools = v->num;
    else if (v->kind == SN_JSON_NUMBER && !strcmp(key, "year"))
        pi->year = v->num;
}

/* Reads dir/county.json into pi.  0, or -1 with why filled. */
static int read_info(part_info *pi, const char *dir, char *why, size_t n)
{
    char path[4200], buf[8192];
    snprintf(path, sizeof path, "%s/%s", dir, INFO_FILE);
    FILE *f;
    char open_why[256];
    if (sn_file_open_read(&f, path, open_why, sizeof open_why) != 0) {
        snprintf(why, n, "%s: %s", INFO_FILE, open_why);
        return -1;
    }
    size_t len = fread(buf, 1, sizeof buf, f);
    int big = len == sizeof buf;
    fclose(f);
    if (big) {
        snprintf(why, n, "%s is not a part description (too long)",
                 INFO_FILE);
        return -1;
    }
    memset(pi, 0, sizeof *pi);
    pi->index = pi->counties = pi->schools = pi->year = -1;
    sn_diag d = SN_DIAG_INIT;
    sn_error err = {0, ""};
    int rc = sn_json_scan(buf, len, path, on_info, pi, &d, &err);
    if (rc)
        snprintf(why, n, "%.500s", d.n ? d.items[0].text : err.msg);
    sn_diag_dispose(&d);
    return rc ? -1 : 0;
}

/* The county of the part in dir when its county.json fits net and year
 * and the county has no part yet; else -1 with why filled. */
static int part_county(sn_plan *const *parts, const sn_network *net,
                       int year, const char *dir, char *why, size_t n)
{
    part_info pi;
    if (read_info(&pi, dir, why, n) != 0)
        return -1;
    const char *name = net->sc.name ? net->sc.name : "";
    int c = sn_network_find_county(net, pi.county);
    if (strcmp(pi.scenario, name))
        snprintf(why, n, "a part of scenario '%.200s', not '%.200s'",
                 pi.scenario, name);
    else if (c < 0 || pi.index != c || pi.counties != net->ncounties ||
             pi.schools != net->nschools)
        snprintf(why, n, "county '%.200s' is not county %g of these data "
                 "(%d counties, %d schools)", pi.county, pi.index,
                 net->ncounties, net->nschools);
    else if (pi.year != year)
        snprintf(why, n, "a part for %g, not %d", pi.year, year);
    else if (parts[c])
        snprintf(why, n, "a second part for county '%.200s'", pi.county);
    else
        return c;
    return -1;
}

/* Checks one part folder against net and year and reads it into
 * parts[c].  0; SN_EINPUT after printing why; SN_ENOMEM. */
static int read_one(sn_plan **parts, const sn_network *net, int year,
                    const char *dir)
{
    char why[600] = "", path[4200];
    FILE *f = NULL;
    int c = part_county(parts, net, year, dir, why, sizeof why);
    snprintf(path, sizeof path, "%s/%s", dir, PART_FILE);
    if (c >= 0 && sn_file_open_read(&f, path, why, sizeof why) == 0) {
        sn_error err = {0, ""};
        int rc = sn_plan_part_read(&parts[c], f, net, &err);
        fclose(f);
        if (rc == SN_ENOMEM)
            return rc;
        if (rc == 0 && parts[c]->year == year)
            return 0;
        if (rc == 0) {
            sn_plan_free(parts[c]);
            parts[c] = NULL;
            snprintf(err.msg, sizeof err.msg, "a part for another year");
        }
        snprintf(why, sizeof why, "%s: %.400s (made by another schoolnet build "
                 "or kind of machine?)", PART_FILE, err.msg);
    }
    fprintf(stderr, "schoolnet plan: --part %s: %s\n", dir, why);
    return SN_EINPUT;
}

int sn_cli_parts_read(sn_plan **parts, const sn_network *net, int year,
                      const char *const *dirs, int n)
{
    int bad = 0;
    for (int c = 0; c < net->ncounties; c++)
        parts[c] = NULL;
    for (int i = 0; i < n; i++) {
        int rc = read_one(parts, net, year, dirs[i]);
        if (rc == SN_ENOMEM) {
            fprintf(stderr, "schoolnet plan: out of memory\n");
            bad = SN_EXIT_INTERNAL;
            break;
        }
        if (rc && !bad)
            bad = SN_EXIT_INPUT;
    }
    for (int c = 0; c < net->ncounties && bad != SN_EXIT_INTERNAL; c++)
        if (!parts[c]) {
            fprintf(stderr, "schoolnet plan: --part: no part for county "
                            "'%s'\n", net->counties[c]);
            bad = SN_EXIT_INPUT;
        }
    if (bad)
        for (int c = 0; c < net->ncounties; c++) {
            sn_plan_free(parts[c]);
            parts[c] = NULL;
        }
    return bad;
}
