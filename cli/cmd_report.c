/* cmd_report.c - `schoolnet report SCENARIO OUT`: rebuilds the report,
 * the workbook and the map layers of a written plan from its files
 * (io/write_report.h), e.g. after changing [report] lang or [map] origin.
 *
 * OUT is replaced as a whole (io/outtx.h): its files are linked (or
 * copied) into the staging folder, the outputs rebuilt there from them,
 * and the folder swapped in, so a reader never sees a report of another
 * plan and a failure leaves OUT as it was.  For a multi-year plan
 * (OUT/timeline.csv) every OUT/<year>/ that holds a plan is rebuilt, then
 * OUT/timeline.html.  Exit: 0 written, 2 bad input or usage (OUT
 * unchanged), 3 internal failure.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "cli/plan_common.h"
#include "io/outdir.h"
#include "io/outtx.h"
#include "io/read_plan.h"
#include "io/write_report.h"

static const char usage[] =
    "usage: schoolnet report SCENARIO OUT [--lang zh|en]\n"
    "\n"
    "Rebuilds OUT/report.html, OUT/plan.xlsx and OUT/schools.geojson,\n"
    "zones.geojson, flows.geojson from the plan files in OUT and the inputs\n"
    "of SCENARIO (the scenario.ini or data folder the plan was made for).\n"
    "For a multi-year plan (OUT/timeline.csv) each OUT/<year>/ is rebuilt\n"
    "and OUT/timeline.html written.  --lang overrides [report] lang.\n"
    "OUT is replaced as a whole, or left as it was.\n"
    "exit: 0 written; 2 bad input; 3 internal failure\n";

static const struct option longopts[] = {
    {"help", no_argument, NULL, 'h'},
    {"lang", required_argument, NULL, 'l'},
    {NULL, 0, NULL, 0},
};
static const sn_cli_optset optset = {
    "report", "h", longopts,
    "usage: schoolnet report SCENARIO OUT [--lang zh|en]\n"};

static int exists(const char *dir, const char *name)
{
    char path[4400];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0;
}

/* The outputs this command writes: not carried over from the old OUT. */
static int rebuilt(const char *name)
{
    size_t n = strlen(name);
    return !strcmp(name, "report.html") || !strcmp(name, "plan.xlsx") ||
           !strcmp(name, "timeline.html") ||
           (n > 8 && !strcmp(name + n - 8, ".geojson"));
}

static int copy_file(const char *from, const char *to)
{
    if (link(from, to) == 0)
        return 0;
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    int bad = !in || !out;
    char buf[65536];
    size_t got;
    while (!bad && (got = fread(buf, 1, sizeof buf, in)) > 0)
        bad = fwrite(buf, 1, got, out) != got;
    bad |= in && ferror(in);
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        bad = 1;
    return bad ? -1 : 0;
}

/* Links or copies the plan files of folder `from` (and its subfolders)
 * into `to`; hidden files and the outputs to rebuild are left out.
 * 0, or -1 with errno's message printed. */
static int carry_over(const char *from, const char *to, int depth)
{
    DIR *d = opendir(from);
    if (!d) {
        fprintf(stderr, "schoolnet report: %s: %s\n", from, strerror(errno));
        return -1;
    }
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || rebuilt(e->d_name))
            continue;
        char src[4400], dst[4400];
        struct stat st;
        snprintf(src, sizeof src, "%s/%s", from, e->d_name);
        snprintf(dst, sizeof dst, "%s/%s", to, e->d_name);
        if (lstat(src, &st) != 0)
            rc = -1;
        else if (S_ISREG(st.st_mode))
            rc = copy_file(src, dst);
        else if (S_ISDIR(st.st_mode) && depth < 2)
            rc = mkdir(dst, 0777) == 0 ? carry_over(src, dst, depth + 1) : -1;
        if (rc)
            fprintf(stderr, "schoolnet report: %s: %s\n", src,
                    strerror(errno));
    }
    closedir(d);
    return rc;
}

/* The report of the plan in dir (a staging copy). */
static int one(sn_network *net, const char *dir)
{
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    sn_plan *plan = NULL;
    sn_outdir *od = NULL;
    int cap = net->sc.hard_cap;
    int rc = sn_plan_read(&plan, NULL, net, dir, &diag, &err);
    if (rc == 0) {
        net->sc.hard_cap = sn_scenario_hard_cap(&net->sc, plan->year);
        rc = sn_outdir_open(&od, dir, &err);
    }
    if (rc == 0) {
        sn_report_source src = sn_report_dir_source(dir);
        rc = sn_report_write(od, net, plan, &src, &diag, &err);
        if (rc == 0)
            rc = sn_outdir_commit(od, &err);
        else
            sn_outdir_abort(od);
    }
    net->sc.hard_cap = cap;
    sn_cli_print_diag(&diag);
    if (rc && rc != SN_EINPUT)
        fprintf(stderr, "schoolnet report: %s\n", err.msg);
    sn_diag_dispose(&diag);
    sn_plan_free(plan);
    return rc ? sn_cli_exit_for(rc) : SN_EXIT_OK;
}

static int years(sn_network *net, const char *dir)
{
    int rc = SN_EXIT_OK;
    for (int y = 1949; y <= 2100 && rc == SN_EXIT_OK; y++) {
        char sub[4400], name[32];
        snprintf(name, sizeof name, "%d/summary.json", y);
        if (!exists(dir, name))
            continue;
        snprintf(sub, sizeof sub, "%s/%d", dir, y);
        rc = one(net, sub);
    }
    if (rc != SN_EXIT_OK)
        return rc;
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    int lrc = sn_report_timeline_write(net, dir, &diag, &err);
    sn_cli_print_diag(&diag);
    sn_diag_dispose(&diag);
    if (lrc && lrc != SN_EINPUT)
        fprintf(stderr, "schoolnet report: %s\n", err.msg);
    return lrc ? sn_cli_exit_for(lrc) : SN_EXIT_OK;
}

static int parse(int argc, char **argv, const char **scen, const char **out,
                 sn_lang *lang)
{
    const char *v;
    int key;
    sn_cli_opts_begin();
    while ((key = sn_cli_next_opt(&optset, argc, argv, &v)) != 0) {
        if (key < 0)
            return SN_EXIT_INPUT;
        if (key == 'h') {
            fputs(usage, stdout);
            return -1;
        }
        if (!strcmp(v, "zh"))
            *lang = SN_LANG_ZH;
        else if (!strcmp(v, "en"))
            *lang = SN_LANG_EN;
        else
            return sn_cli_bad_value(&optset, key, v, "zh or en");
    }
    if (argc - optind != 2)
        return sn_cli_usage_error(&optset, "needs SCENARIO and OUT");
    *scen = argv[optind];
    *out = argv[optind + 1];
    return 0;
}

int sn_cmd_report(int argc, char **argv)
{
    const char *scen = NULL, *out = NULL;
    sn_lang lang = SN_LANG_AUTO;
    int rc = parse(argc, argv, &scen, &out, &lang);
    if (rc)
        return rc < 0 ? SN_EXIT_OK : rc;
    sn_network *net = NULL;
    if ((rc = sn_cli_read_network(&net, scen)) != 0)
        return rc;
    if (lang != SN_LANG_AUTO)
        net->sc.report_lang = lang;
    int multi = !exists(out, "summary.json") && exists(out, "timeline.csv");
    if (!multi && !exists(out, "summary.json")) {
        fprintf(stderr, "schoolnet report: %s: not a plan folder (no "
                        "summary.json or timeline.csv)\n", out);
        sn_network_free(net);
        return SN_EXIT_INPUT;
    }
    sn_outtx *tx = NULL;
    if ((rc = sn_cli_outtx_begin(&tx, out, "report")) == 0) {
        const char *stage = sn_outtx_path(tx);
        rc = carry_over(out, stage, 0) ? SN_EXIT_INTERNAL : 0;
        if (rc == 0)
            rc = multi ? years(net, stage) : one(net, stage);
        if (rc == 0) {
            rc = sn_cli_outtx_commit(tx, "report");
            tx = NULL;
        }
    }
    sn_outtx_abort(tx);
    sn_network_free(net);
    return rc;
}
