/* helpers.c - see helpers.h. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "tests/io/helpers.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

char *sn_test_tmpdir(void)
{
    char tmpl[] = "/tmp/sn-io-test-XXXXXX";
    char *d = mkdtemp(tmpl);
    return d ? strdup(d) : NULL;
}

static int remove_one(const char *path, const struct stat *st, int flag,
                      struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

void sn_test_rmdir(char *dir)
{
    if (!dir)
        return;
    nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    free(dir);
}

char *sn_test_write(const char *dir, const char *name, const char *text,
                    size_t len)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    if (f) {
        fwrite(text, 1, len == (size_t)-1 ? strlen(text) : len, f);
        fclose(f);
    }
    return p;
}

int sn_test_in_child(unsigned seconds, int (*fn)(void *ctx), void *ctx)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        return 127;
    if (pid == 0) {
        alarm(seconds);
        _exit(fn(ctx));
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        ;
    return WIFEXITED(status) ? WEXITSTATUS(status)
                             : 128 + WTERMSIG(status);
}

void sn_test_copy_tiny(const char *dir)
{
    static const char *const files[] = {
        "schools.csv", "zones.csv", "enrollment.csv", "births.csv",
        "distances.csv", "curriculum.csv", "teachers.csv", "scenario.ini"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char src[512];
        snprintf(src, sizeof src, "tests/data/tiny/%s", files[i]);
        FILE *f = fopen(src, "rb");
        if (!f)
            continue;
        static char buf[1 << 16];
        size_t n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        free(sn_test_write(dir, files[i], buf, n));
    }
}

int sn_test_has(const sn_diag *d, const char *fmt, ...)
{
    char want[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(want, sizeof want, fmt, ap);
    va_end(ap);
    for (size_t i = 0; i < d->n; i++)
        if (!strcmp(d->items[i].text, want))
            return 1;
    return 0;
}

char *sn_test_dump(const sn_diag *d)
{
    size_t n = 1;
    for (size_t i = 0; i < d->n; i++)
        n += strlen(d->items[i].text) + 1;
    char *s = malloc(n);
    s[0] = '\0';
    for (size_t i = 0; i < d->n; i++) {
        strcat(s, d->items[i].text);
        strcat(s, "\n");
    }
    return s;
}

char *sn_test_path2(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = malloc(n);
    cr_assert_not_null(p);
    snprintf(p, n, "%s/%s", a, b);
    return p;
}

int sn_test_exists(const char *dir, const char *name)
{
    char *p = sn_test_path2(dir, name);
    struct stat st;
    int ok = lstat(p, &st) == 0;
    free(p);
    return ok;
}

char *sn_test_listing(const char *dir)
{
    struct dirent **ents;
    int n = scandir(dir, &ents, NULL, alphasort);
    if (n < 0)
        return strdup("(none)");
    size_t cap = 1;
    for (int i = 0; i < n; i++)
        cap += strlen(ents[i]->d_name) + 1;
    char *s = calloc(cap, 1);
    cr_assert_not_null(s);
    for (int i = 0; i < n; i++) {
        if (strcmp(ents[i]->d_name, ".") && strcmp(ents[i]->d_name, "..")) {
            strcat(s, ents[i]->d_name);
            strcat(s, ",");
        }
        free(ents[i]);
    }
    free(ents);
    return s;
}
