/* batch_util.c - runs, sweep files, plan children and rows of a batch
 * (batch.h). */
#include "cli/batch.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/signals.h"
#include "io/read_scenario.h"

/* The name of a scenario: its folder for .../scenario.ini, else the file
 * name without .ini, else the folder name. */
static void scenario_name(char *out, size_t n, const char *path)
{
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    size_t b = len;
    while (b > 0 && path[b - 1] != '/')
        b--;
    const char *base = path + b;
    size_t blen = len - b;
    if (blen == 12 && !strncmp(base, "scenario.ini", 12) && b > 1) {
        size_t e = b - 1, s = e;
        while (s > 0 && path[s - 1] != '/')
            s--;
        if (e > s && strncmp(path + s, ".", e - s) != 0) {
            snprintf(out, n, "%.*s", (int)(e - s), path + s);
            return;
        }
    }
    if (blen > 4 && !strncmp(base + blen - 4, ".ini", 4))
        blen -= 4;
    snprintf(out, n, "%.*s", (int)blen, base);
}

/* Names made unique with -2, -3, ... in order. */
static void unique_names(sn_batch_run *runs, int n)
{
    for (int i = 0; i < n; i++) {
        int k = 1;
        for (int j = 0; j < i; j++)
            k += !strcmp(runs[j].name, runs[i].name);
        if (k > 1) {
            size_t len = strlen(runs[i].name);
            if (len > sizeof runs[i].name - 12)
                len = sizeof runs[i].name - 12;
            snprintf(runs[i].name + len, 12, "-%d", k);
        }
    }
}

size_t sn_batch_vary_key(const char *vary, const char **key)
{
    *key = vary;
    return vary ? strcspn(vary, "=") : 0;
}

int sn_batch_runs(sn_batch_run **out, int *n, const sn_batch_args *a)
{
    int nval = 1;
    const char *eq = a->vary ? strchr(a->vary, '=') : NULL;
    for (const char *p = eq ? eq + 1 : ""; *p; p++)
        nval += *p == ',';
    sn_batch_run *runs = calloc((size_t)a->nscen * (size_t)nval + 1,
                                sizeof *runs);
    if (!runs) {
        fprintf(stderr, "schoolnet batch: out of memory\n");
        return SN_EXIT_INTERNAL;
    }
    int k = 0;
    for (int s = 0; s < a->nscen; s++) {
        const char *v = eq ? eq + 1 : NULL;
        for (int i = 0; i < nval; i++) {
            sn_batch_run *r = &runs[k++];
            r->scen = a->scen[s];
            scenario_name(r->name, sizeof r->name, a->scen[s]);
            if (!v)
                continue;
            size_t vl = strcspn(v, ",");
            snprintf(r->value, sizeof r->value, "%.*s", (int)vl, v);
            size_t nl = strlen(r->name);
            snprintf(r->name + nl, sizeof r->name - nl, "-%.*s-%s",
                     (int)(eq - a->vary), a->vary, r->value);
            for (char *c = r->name + nl; *c; c++) /* a folder name */
                if (*c == '/')
                    *c = '_';
            v += vl + (v[vl] == ',');
            if (!r->value[0]) {
                fprintf(stderr, "schoolnet batch: --vary: empty value (got "
                                "'%s')\n", a->vary);
                free(runs);
                return SN_EXIT_INPUT;
            }
        }
    }
    unique_names(runs, k);
    *out = runs;
    *n = k;
    return 0;
}

int sn_batch_sweep_ini(FILE *f, const char *scen, const char *base,
                       int base_is_dir, const char *name, const char *vary,
                       const char *value)
{
    const char *key;
    size_t keylen = sn_batch_vary_key(vary, &key);
    const char *dot = memchr(key, '.', keylen);
    int is_scen = (size_t)(dot - key) == 8 && !strncmp(key, "scenario", 8);
    fprintf(f, "; made by schoolnet batch --vary: %s with %.*s = %s\n"
               "[scenario]\n%s = \"%s\"\nname = \"%s\"\n", scen, (int)keylen,
            key, value, base_is_dir ? "data" : "base", base, name);
    if (!is_scen)
        fprintf(f, "[%.*s]\n", (int)(dot - key), key);
    fprintf(f, "%.*s = %s\n", (int)(keylen - (size_t)(dot - key) - 1),
            dot + 1, value);
    return ferror(f) ? -1 : 0;
}

void sn_batch_warn_same_effect(const char *const *ini,
                               const char *const *names, int n,
                               const sn_batch_args *a)
{
    const char *eq = a->vary ? strchr(a->vary, '=') : NULL;
    int nval = n / (a->nscen > 0 ? a->nscen : 1);
    if (!eq || nval < 2)
        return;
    sn_scenario *sc = calloc((size_t)nval, sizeof *sc);
    char *ok = calloc((size_t)nval, 1);
    for (int s = 0; sc && ok && s < a->nscen; s++) {
        for (int k = 0; k < nval; k++) {
            sn_diag quiet = SN_DIAG_INIT;
            sn_error err = {0, ""};
            ok[k] = sn_scenario_init(&sc[k]) == 0 &&
                    sn_scenario_read(&sc[k], ini[s * nval + k], &quiet,
                                     &err) == 0;
            sn_diag_dispose(&quiet);
        }
        for (int k = 1; k < nval; k++)
            for (int j = 0; j < k; j++) {
                if (!ok[j] || !ok[k] ||
                    !sn_scenario_same_effect(&sc[j], &sc[k], sc[k].year))
                    continue;
                char why[256] = "the values give the same settings";
                int from;
                if (!strncmp(a->vary, "classes.hard_cap=", 17) && sc[k].year &&
                    (sn_scenario_cap_code(&sc[k], NULL, sc[k].year, &from),
                     from >= 0))
                    snprintf(why, sizeof why, "milestone hard_cap.%d%s%s "
                             "decides the cap in %d",
                             sc[k].milestones[from].year,
                             sc[k].milestones[from].county[0] ? "." : "",
                             sc[k].milestones[from].county, sc[k].year);
                fprintf(stderr, "schoolnet batch: warning: --vary: %s and %s "
                        "give the same model (%s): their plans will not "
                        "differ\n", names[s * nval + j], names[s * nval + k],
                        why);
                j = k; /* one line per value */
            }
        for (int k = 0; k < nval; k++)
            if (ok[k])
                sn_scenario_dispose(&sc[k]);
    }
    free(sc);
    free(ok);
}

int sn_batch_check_sweep(const char *ini, const char *cmd)
{
    sn_scenario sc;
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    if (sn_scenario_init(&sc) != 0)
        return -1;
    int rc = sn_scenario_read(&sc, ini, &diag, &err);
    sn_cli_print_diag(&diag);
    if (rc && rc != SN_EINPUT)
        fprintf(stderr, "schoolnet %s: %s\n", cmd, err.msg);
    if (rc)
        fprintf(stderr, "schoolnet %s: --vary: the sweep's scenario is not "
                        "valid\n", cmd);
    sn_diag_dispose(&diag);
    sn_scenario_dispose(&sc);
    return rc ? -1 : 0;
}

pid_t sn_batch_spawn(char *const *argv, int argc, const char *log)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = sn_cli_fork_worker();
    if (pid != 0)
        return pid;
    if (!freopen(log, "w", stdout) || dup2(fileno(stdout), 2) < 0)
        _exit(SN_EXIT_INTERNAL);
    char **v = calloc((size_t)argc + 2, sizeof *v);
    if (!v)
        _exit(SN_EXIT_INTERNAL);
    v[0] = "schoolnet";
    for (int i = 0; i < argc; i++)
        v[i + 1] = argv[i];
    int rc = sn_cli_run(argc + 1, v);
    fflush(stdout);
    _exit(rc);
}

int sn_batch_copy_log(const char *src, const char *dst, const char *from,
                      const char *to)
{
    FILE *f = fopen(src, "rb");
    if (!f)
        return -1;
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    do {
        if (n + 4096 > cap) {
            char *nb = realloc(buf, (cap = 2 * cap + 4096) + 1);
            if (!nb) {
                free(buf);
                fclose(f);
                return -1;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    buf[n] = '\0';
    FILE *o = fopen(dst, "wb");
    if (!o) {
        free(buf);
        return -1;
    }
    size_t fl = strlen(from);
    const char *p = buf, *end = buf + n;
    while (p < end) {
        const char *hit = fl ? strstr(p, from) : NULL;
        if (!hit || hit >= end) {
            fwrite(p, 1, (size_t)(end - p), o);
            break;
        }
        fwrite(p, 1, (size_t)(hit - p), o);
        fputs(to, o);
        p = hit + fl;
    }
    free(buf);
    return fclose(o) == 0 ? 0 : -1;
}

void sn_batch_note_from_log(char *note, size_t n, const char *log)
{
    char line[512];
    FILE *f = fopen(log, "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || !strncmp(line, "plan ", 5) ||
            !strncmp(line, "... and ", 8) || line[0] == '(')
            continue; /* counts of messages not shown, not a message */
        snprintf(note, n, "%s", line);
    }
    fclose(f);
}

void sn_batch_row(sn_comparison_row *row, int exit_code, int sig,
                  const char *dir, const char *log)
{
    row->exit_code = exit_code;
    if (exit_code < 0)
        snprintf(row->note, sizeof row->note, "killed by signal %d", sig);
    if (exit_code == SN_EXIT_OK || exit_code == SN_EXIT_RESULT ||
        exit_code == 128 + SIGINT || exit_code == 128 + SIGTERM) {
        char path[4200];
        snprintf(path, sizeof path, "%s/summary.json", dir);
        sn_diag d = SN_DIAG_INIT;
        sn_error err = {0, ""};
        if (sn_comparison_read_summary(row, path, &d, &err) != 0)
            snprintf(row->note, sizeof row->note, "%.500s",
                     d.n ? d.items[0].text : err.msg);
        sn_diag_dispose(&d);
    }
    if (exit_code != SN_EXIT_OK && !row->note[0])
        sn_batch_note_from_log(row->note, sizeof row->note, log);
}
