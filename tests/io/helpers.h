/* helpers.h - temp folders, fixture files and message checks for the io
 * tests.  Each test runs in its own process (Criterion), so a test makes
 * its own folder and removes it at the end. */
#ifndef SN_TEST_IO_HELPERS_H
#define SN_TEST_IO_HELPERS_H

#include <stddef.h>

#include "model/error.h"

/* A new empty folder under /tmp; free with sn_test_rmdir. */
char *sn_test_tmpdir(void);
/* Removes the folder and everything in it (subfolders too), and frees
 * dir. */
void sn_test_rmdir(char *dir);
/* Writes len bytes (or strlen(text) when len is (size_t)-1) to dir/name;
 * returns the path in a static-free malloc'd string the caller frees. */
char *sn_test_write(const char *dir, const char *name, const char *text,
                    size_t len);
/* Runs fn(ctx) in a child process killed by SIGALRM after `seconds`, so
 * a hang fails the test instead of stopping the suite (used in place of
 * Criterion's .timeout, which leaks in its runner when several tests have
 * one).  fn must not use Criterion's assertions (it runs in another
 * process): it returns 0 for success or another exit code.  Returns fn's
 * result, or 128 + the signal that killed the child (SIGALRM: a hang). */
int sn_test_in_child(unsigned seconds, int (*fn)(void *ctx), void *ctx);

/* "a/b" in a malloc'd string. */
char *sn_test_path2(const char *a, const char *b);
/* 1 when dir/name exists (a dangling link counts). */
int sn_test_exists(const char *dir, const char *name);
/* Names in dir (sorted, joined by ','; hidden ones included), "(none)"
 * when dir cannot be read; the caller frees. */
char *sn_test_listing(const char *dir);

/* Copies tests/data/tiny/{*.csv,scenario.ini} into dir. */
void sn_test_copy_tiny(const char *dir);
/* 1 when d holds exactly the message built from fmt. */
int sn_test_has(const sn_diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* All messages of d, one a line, for failure output (static buffer per
 * call is not used: the caller frees). */
char *sn_test_dump(const sn_diag *d);



/* Fails the current Criterion test, listing every message, when d lacks
 * the message fmt builds.  Needs <criterion/criterion.h>. */
#define SN_EXPECT_MSG(d, ...)                                                \
    do {                                                                     \
        if (!sn_test_has((d), __VA_ARGS__)) {                                \
            char *all_ = sn_test_dump(d);                                    \
            cr_log_error("messages:\n%s", all_);                             \
            free(all_);                                                      \
            cr_assert_fail("expected message not found");                    \
        }                                                                    \
    } while (0)
#endif
