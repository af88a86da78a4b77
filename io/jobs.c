/* jobs.c - jobs.tsv and job status files (jobs.h). */
#include "io/jobs.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "io/file.h"
#include "io/number.h"
#include "io/outdir.h"

#define NFIELDS 7
#define MAX_FILE (256L << 20) /* a million jobs of 256 bytes */

static const char *const field_names[NFIELDS] = {
    "job", "name", "scenario", "vary", "county", "out", "args"};

/* ------------------------------------------------------------ writing */

static const char *field(const sn_job *j, int k)
{
    const char *f[NFIELDS] = {NULL, j->name, j->scenario, j->vary, j->county,
                              j->out, j->args};
    return f[k] ? f[k] : "";
}

int sn_jobs_write(FILE *f, const sn_jobs *j, sn_error *err)
{
    for (int i = 0; i < j->n; i++)
        for (int k = 1; k < NFIELDS; k++) {
            const char *s = field(&j->v[i], k);
            if (strpbrk(s, "\t\n\r"))
                return sn_error_set(err, SN_EUSAGE, "job %d: %s holds a tab "
                                    "or a line break (got '%.200s')",
                                    j->v[i].id, field_names[k], s);
            if (!*s && k != 3)
                return sn_error_set(err, SN_EUSAGE, "job %d: empty %s",
                                    j->v[i].id, field_names[k]);
        }
    fputs(SN_JOBS_HEADER "\n", f);
    for (int i = 0; i < j->n; i++) {
        fprintf(f, "%d", j->v[i].id);
        for (int k = 1; k < NFIELDS; k++)
            fprintf(f, "\t%s", field(&j->v[i], k));
        fputc('\n', f);
    }
    return 0;
}

/* ------------------------------------------------------------ reading */

/* Reads the whole file (at most MAX_FILE bytes) into a new buffer. */
static int slurp(char **out, size_t *len, const char *path, sn_diag *diag,
                 sn_error *err)
{
    char why[256];
    FILE *f;
    *out = NULL;
    if (sn_file_open_read(&f, path, why, sizeof why) != 0) {
        sn_diag_error(diag, path, 0, 0, "%s", why);
        return SN_EIO;
    }
    size_t n = 0, cap = 0, got;
    char *buf = NULL;
    do {
        if (n + 65536 > cap) {
            cap = 2 * cap + 65536;
            char *nb = cap <= (size_t)MAX_FILE + 65536 ? realloc(buf, cap + 1)
                                                       : NULL;
            if (!nb) {
                free(buf);
                fclose(f);
                if (cap > (size_t)MAX_FILE + 65536) {
                    sn_diag_error(diag, path, 0, 0, "larger than %ld bytes",
                                  MAX_FILE);
                    return SN_EINPUT;
                }
                return sn_error_set(err, SN_ENOMEM, "out of memory");
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        sn_diag_error(diag, path, 0, 0, "read error");
        return SN_EIO;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

/* 1-based column of p in line, counting UTF-8 characters. */
static long column(const char *line, const char *p)
{
    long c = 1;
    for (const char *q = line; q < p; q++)
        c += ((unsigned char)*q & 0xC0) != 0x80;
    return c;
}

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* Parses one job line (NUL-terminated, without '\n') into j.  Returns 0,
 * SN_EINPUT after reporting, SN_ENOMEM. */
static int parse_line(sn_job *j, char *line, long lineno, int want_id,
                      const char *path, sn_diag *diag)
{
    char *start[NFIELDS];
    size_t len[NFIELDS];
    int k = 0;
    char *p = line;
    for (;;) {
        char *tab = strchr(p, '\t');
        if (k < NFIELDS) {
            start[k] = p;
            len[k] = tab ? (size_t)(tab - p) : strlen(p);
        }
        k++;
        if (!tab)
            break;
        p = tab + 1;
    }
    if (k != NFIELDS) {
        sn_diag_error(diag, path, lineno, k > NFIELDS
                                              ? column(line, start[NFIELDS - 1]
                                                               + len[NFIELDS - 1])
                                              : column(line, line + strlen(line)),
                      "%d tab-separated fields, not %d (%s)", k, NFIELDS,
                      SN_JOBS_HEADER);
        return SN_EINPUT;
    }
    int bad = 0;
    for (int f = 0; f < NFIELDS; f++) {
        char *cr = memchr(start[f], '\r', len[f]);
        if (cr) {
            sn_diag_error(diag, path, lineno, column(line, cr),
                          "%s holds a carriage return (a file saved with "
                          "Windows line ends?)", field_names[f]);
            bad = 1;
        } else if (len[f] == 0 && f != 3) {
            sn_diag_error(diag, path, lineno, column(line, start[f]),
                          "empty %s", field_names[f]);
            bad = 1;
        }
    }
    if (bad)
        return SN_EINPUT;
    char idbuf[32];
    long id = 0;
    snprintf(idbuf, sizeof idbuf, "%.*s", (int)(len[0] < 31 ? len[0] : 31),
             start[0]);
    if (len[0] > 30 || sn_parse_long(idbuf, &id) != 0 || id != want_id) {
        sn_diag_error(diag, path, lineno, 1, "job %d expected here: jobs are "
                      "numbered 1, 2, 3, ... in order (got '%.*s')", want_id,
                      (int)(len[0] < 40 ? len[0] : 40), start[0]);
        return SN_EINPUT;
    }
    j->id = want_id;
    char **dst[NFIELDS] = {NULL, &j->name, &j->scenario, &j->vary,
                           &j->county, &j->out, &j->args};
    for (int f = 1; f < NFIELDS; f++)
        if (!(*dst[f] = dup_n(start[f], len[f])))
            return SN_ENOMEM;
    return 0;
}

void sn_jobs_dispose(sn_jobs *j)
{
    if (!j)
        return;
    for (int i = 0; i < j->n; i++) {
        free(j->v[i].name);
        free(j->v[i].scenario);
        free(j->v[i].vary);
        free(j->v[i].county);
        free(j->v[i].out);
        free(j->v[i].args);
    }
    free(j->v);
    j->v = NULL;
    j->n = 0;
}

int sn_jobs_read(sn_jobs *out, const char *path, sn_diag *diag,
                 sn_error *err)
{
    char *buf;
    size_t len;
    out->v = NULL;
    out->n = 0;
    int rc = slurp(&buf, &len, path, diag, err);
    if (rc)
        return rc;
    if (memchr(buf, '\0', len)) {
        sn_diag_error(diag, path, 0, 0, "not a text file (a NUL byte)");
        free(buf);
        return SN_EINPUT;
    }
    size_t lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += buf[i] == '\n';
    if (!(out->v = calloc(lines + 2, sizeof *out->v))) {
        free(buf);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    char *p = buf;
    long lineno = 0;
    int bad = 0;
    while (rc != SN_ENOMEM && p < buf + len) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        lineno++;
        if (lineno == 1) {
            if (strcmp(p, SN_JOBS_HEADER)) {
                sn_diag_error(diag, path, 1, 1, "not a schoolnet job list: "
                              "the first line must be the header %s (got "
                              "'%.80s')", SN_JOBS_HEADER, p);
                bad = 1;
                break;
            }
        } else if (out->n >= SN_JOBS_MAX) {
            sn_diag_error(diag, path, lineno, 1, "more than %d jobs",
                          SN_JOBS_MAX);
            bad = 1;
            break;
        } else {
            rc = parse_line(&out->v[out->n], p, lineno, out->n + 1, path,
                            diag);
            out->n++; /* its strings are freed with the rest */
            bad |= rc != 0;
        }
        p = nl ? nl + 1 : buf + len;
    }
    free(buf);
    if (!bad && lineno == 0) {
        sn_diag_error(diag, path, 0, 0, "empty file: not a job list");
        bad = 1;
    }
    if (rc == SN_ENOMEM || bad) {
        sn_jobs_dispose(out);
        return rc == SN_ENOMEM ? sn_error_set(err, SN_ENOMEM, "out of memory")
                               : SN_EINPUT;
    }
    return 0;
}

/* -------------------------------------------------------- shell words */

static int plain(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || strchr("_./=:,+@%^-", c) != NULL;
}

int sn_jobs_join_args(char **out, const char *const *argv, int n)
{
    size_t cap = 1;
    for (int i = 0; i < n; i++)
        cap += 4 * strlen(argv[i]) + 3;
    char *s = malloc(cap), *q = s;
    if (!s)
        return SN_ENOMEM;
    for (int i = 0; i < n; i++) {
        const char *w = argv[i];
        int quote = !*w;
        for (const char *c = w; *c && !quote; c++)
            quote = !plain((unsigned char)*c);
        if (i)
            *q++ = ' ';
        if (!quote) {
            strcpy(q, w);
            q += strlen(w);
            continue;
        }
        *q++ = '\'';
        for (const char *c = w; *c; c++) {
            if (*c == '\'') {
                memcpy(q, "'\\''", 4);
                q += 4;
            } else {
                *q++ = *c;
            }
        }
        *q++ = '\'';
    }
    *q = '\0';
    *out = s;
    return 0;
}

void sn_jobs_free_args(char **argv)
{
    for (char **a = argv; a && *a; a++)
        free(*a);
    free(argv);
}

int sn_jobs_split_args(char ***argv, int *argc, const char *line,
                       sn_error *err)
{
    size_t n = strlen(line);
    char **v = calloc(n / 2 + 2, sizeof *v);
    char *word = malloc(n + 1);
    int k = 0, rc = 0;
    *argv = NULL;
    *argc = 0;
    if (!v || !word) {
        free(v);
        free(word);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    const char *p = line;
    while (rc == 0) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        size_t w = 0;
        while (rc == 0 && *p && *p != ' ' && *p != '\t') {
            if (*p == '\'') {
                const char *e = strchr(p + 1, '\'');
                if (!e) {
                    rc = sn_error_set(err, SN_EINPUT, "unterminated '...' "
                                      "(got '%.60s')", p);
                    break;
                }
                memcpy(word + w, p + 1, (size_t)(e - p - 1));
                w += (size_t)(e - p - 1);
                p = e + 1;
            } else if (*p == '"') {
                for (p++; *p && *p != '"'; p++) {
                    if (*p == '\\' && p[1] && strchr("\"\\$`", p[1]))
                        p++;
                    else if (*p == '$' || *p == '`')
                        rc = sn_error_set(err, SN_EINPUT, "no $ or ` in the "
                                          "plan arguments (got '%.60s')", p);
                    word[w++] = *p;
                }
                if (!*p && rc == 0)
                    rc = sn_error_set(err, SN_EINPUT, "unterminated \"...\"");
                else
                    p++;
            } else if (*p == '\\' && p[1]) {
                word[w++] = p[1];
                p += 2;
            } else if (strchr("$`();&|<>*?[]~{}#\\", *p)) {
                rc = sn_error_set(err, SN_EINPUT, "'%c' outside quotes: the "
                                  "plan arguments are plain words (got "
                                  "'%.60s')", *p, p);
            } else {
                word[w++] = *p++;
            }
        }
        if (rc == 0 && !(v[k++] = dup_n(word, w)))
            rc = sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    free(word);
    if (rc) {
        sn_jobs_free_args(v);
        return rc;
    }
    *argv = v;
    *argc = k;
    return 0;
}

/* ------------------------------------------------------------- status */

int sn_job_status_read(sn_job_status *st, const char *path, sn_diag *diag,
                       sn_error *err)
{
    memset(st, 0, sizeof *st);
    st->state = SN_JOB_NOT_RUN;
    char why[256];
    FILE *f;
    if (sn_file_open_read(&f, path, why, sizeof why) != 0) {
        if (errno == ENOENT)
            return 0;
        sn_diag_error(diag, path, 0, 0, "%s", why);
        return SN_EIO;
    }
    (void)err;
    char line[512];
    long lineno = 0;
    int bad = 0, have_state = 0;
    while (!bad && fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\n")] = '\0';
        char *sp = strchr(line, ' ');
        const char *v = sp ? sp + 1 : "";
        if (sp)
            *sp = '\0';
        long x = 0;
        double d = 0;
        if (!strcmp(line, "state") && !strcmp(v, "started")) {
            st->state = SN_JOB_STARTED;
            have_state = 1;
        } else if (!strcmp(line, "state") && !strcmp(v, "done")) {
            st->state = SN_JOB_DONE;
            have_state = 1;
        } else if (!strcmp(line, "exit") && sn_parse_long(v, &x) == 0 &&
                   x >= -1 && x <= 255) {
            st->exit_code = (int)x;
        } else if (!strcmp(line, "signal") && sn_parse_long(v, &x) == 0 &&
                   x >= 0 && x < 128) {
            st->signal = (int)x;
        } else if (!strcmp(line, "seconds") && sn_parse_double(v, &d) == 0 &&
                   d >= 0) {
            st->seconds = d;
        } else if (!strcmp(line, "host")) {
            snprintf(st->host, sizeof st->host, "%s", v);
        } else {
            sn_diag_error(diag, path, lineno, 1, "not a job status line "
                          "(state, exit, signal, seconds, host) (got "
                          "'%.60s%s%.60s')", line, sp ? " " : "", v);
            bad = 1;
        }
    }
    fclose(f);
    if (!bad && !have_state) {
        sn_diag_error(diag, path, 0, 0, "no state line: not a job status");
        bad = 1;
    }
    if (bad)
        st->state = SN_JOB_NOT_RUN;
    return bad ? SN_EINPUT : 0;
}

int sn_job_status_write(const sn_job_status *st, const char *dir,
                        const char *name, sn_error *err)
{
    sn_outdir *od;
    int rc = sn_outdir_open(&od, dir, err);
    if (rc)
        return rc;
    FILE *f = sn_outdir_file(od, name, err);
    if (!f) {
        sn_outdir_abort(od);
        return err->code;
    }
    fprintf(f, "state %s\n", st->state == SN_JOB_DONE ? "done" : "started");
    if (st->state == SN_JOB_DONE)
        fprintf(f, "exit %d\nsignal %d\nseconds %.3f\n", st->exit_code,
                st->signal, st->seconds);
    if (st->host[0] && !strpbrk(st->host, "\n\r"))
        fprintf(f, "host %s\n", st->host);
    return sn_outdir_commit(od, err);
}
