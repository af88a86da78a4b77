/* cluster_helpers.c - see cluster_helpers.h. */
#include "tests/cli/cluster_helpers.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

static void slurp_fd(int fd, char *buf, size_t n)
{
    lseek(fd, 0, SEEK_SET);
    ssize_t k = read(fd, buf, n - 1);
    buf[k > 0 ? k : 0] = '\0';
}

/* argv = {"schoolnet", args..., NULL}; returns argc. */
static int make_argv(char *argv[62], const char *const *args)
{
    int n = 0;
    while (args[n])
        n++;
    cr_assert(n <= 60);
    argv[0] = "schoolnet";
    for (int i = 0; i < n; i++)
        argv[i + 1] = (char *)args[i];
    argv[n + 1] = NULL;
    return n + 1;
}

int sn_test_cli(const char *const *args)
{
    char *argv[62];
    int argc = make_argv(argv, args);
    return sn_cli_run(argc, argv);
}

void sn_test_run(sn_test_ran *r, const char *const *args)
{
    char *argv[62];
    int argc = make_argv(argv, args);
    char o[] = "/tmp/sn-cl-out-XXXXXX", e[] = "/tmp/sn-cl-err-XXXXXX";
    int fo = mkstemp(o), fe = mkstemp(e);
    cr_assert(fo >= 0 && fe >= 0);
    fflush(stdout);
    fflush(stderr);
    int so = dup(1), se = dup(2);
    dup2(fo, 1);
    dup2(fe, 2);
    r->code = sn_cli_run(argc, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(so, 1);
    dup2(se, 2);
    close(so);
    close(se);
    slurp_fd(fo, r->out, sizeof r->out);
    slurp_fd(fe, r->err, sizeof r->err);
    close(fo);
    close(fe);
    unlink(o);
    unlink(e);
}

char *sn_test_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    cr_assert_not_null(p);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

char *sn_test_slurp(const char *dir, const char *name)
{
    char *path = name ? sn_test_path(dir, name) : strdup(dir);
    FILE *f = fopen(path, "rb");
    free(path);
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    do {
        if (n + 4096 > cap) {
            cap = 2 * cap + 4096;
            buf = realloc(buf, cap + 1);
            cr_assert_not_null(buf);
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir but . and .. and timing.json, sorted; NULL on error. */
static char **names_of(const char *dir, int *n)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **v = NULL;
    int cap = 0;
    *n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
            !strcmp(e->d_name, "timing.json"))
            continue;
        if (*n == cap) {
            cap = 2 * cap + 16;
            v = realloc(v, (size_t)cap * sizeof *v);
            cr_assert_not_null(v);
        }
        v[(*n)++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(v, (size_t)*n, sizeof *v, cmp_names);
    return v ? v : calloc(1, sizeof *v);
}

static char *diff_line(const char *fmt, const char *a, const char *b)
{
    size_t n = strlen(fmt) + strlen(a) + strlen(b) + 1;
    char *s = malloc(n);
    snprintf(s, n, fmt, a, b);
    return s;
}

char *sn_test_tree_diff(const char *a, const char *b)
{
    int na, nb;
    char **va = names_of(a, &na), **vb = names_of(b, &nb);
    char *out = NULL;
    if (!va || !vb)
        out = diff_line("cannot list %s or %s", a, b);
    for (int i = 0; !out && (i < na || i < nb); i++) {
        if (i >= na || i >= nb || strcmp(va[i], vb[i])) {
            out = diff_line("%s and %s list other files",
                            i < na ? va[i] : "(end)",
                            i < nb ? vb[i] : "(end)");
            break;
        }
        char *pa = sn_test_path(a, va[i]), *pb = sn_test_path(b, vb[i]);
        struct stat sa, sb;
        if (lstat(pa, &sa) || lstat(pb, &sb) ||
            S_ISDIR(sa.st_mode) != S_ISDIR(sb.st_mode)) {
            out = diff_line("%s and %s differ in kind", pa, pb);
        } else if (S_ISDIR(sa.st_mode)) {
            out = sn_test_tree_diff(pa, pb);
        } else {
            char *ta = sn_test_slurp(pa, NULL), *tb = sn_test_slurp(pb, NULL);
            if (!ta || !tb || sa.st_size != sb.st_size || strcmp(ta, tb))
                out = diff_line("%s and %s differ", pa, pb);
            free(ta);
            free(tb);
        }
        free(pa);
        free(pb);
    }
    for (int i = 0; va && i < na; i++)
        free(va[i]);
    for (int i = 0; vb && i < nb; i++)
        free(vb[i]);
    free(va);
    free(vb);
    return out;
}

char *sn_test_small_data(const char *dir, const char *name, int counties)
{
    char *out = sn_test_path(dir, name), n[16], ini[4200], text[600];
    snprintf(n, sizeof n, "%d", counties);
    /* seeds whose every variant of the tests solves to optimality fast */
    const char *gen[] = {"generate", "--counties", n, "--schools", "10",
                         "--zones", "30", "--seed", counties == 3 ? "3" : "8",
                         "--equal-size", "-q", "-o", out, NULL};
    sn_test_ran r;
    sn_test_run(&r, gen);
    cr_assert_eq(r.code, 0, "generate: %s", r.err);
    snprintf(ini, sizeof ini, "%s.ini", name);
    snprintf(text, sizeof text, "[scenario]\ndata = %s\nname = %s\n"
             "[travel]\nbus_max_km = 30\n", name, name);
    char *path = sn_test_path(dir, ini);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    free(out);
    return path;
}
