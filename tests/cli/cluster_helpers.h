/* cluster_helpers.h - running commands in-process with their output
 * captured, whole files, folder comparison and small generated data for
 * the tests of `plan --county/--part`, `batch --emit`, `run-job` and
 * `collect` (issue 15). */
#ifndef SN_TEST_CLUSTER_HELPERS_H
#define SN_TEST_CLUSTER_HELPERS_H

typedef struct sn_test_ran {
    int code;
    char out[16384], err[16384]; /* what the command printed (cut) */
} sn_test_ran;

/* Runs `schoolnet ARGS...` (NULL-terminated, at most 60) in-process with
 * stdout and stderr captured into r. */
void sn_test_run(sn_test_ran *r, const char *const *args);

/* Runs `schoolnet ARGS...` (NULL-terminated, at most 60) in-process,
 * output not captured; returns its exit code. */
int sn_test_cli(const char *const *args);

/* The whole file dir/name (name may be NULL: dir is the path),
 * NUL-terminated, or NULL when it cannot be read.  Caller frees. */
char *sn_test_slurp(const char *dir, const char *name);

/* Compares folders a and b recursively, file names and bytes, skipping
 * files called timing.json.  Returns NULL when they are the same, else a
 * malloc'd line saying the first difference. */
char *sn_test_tree_diff(const char *a, const char *b);

/* Generates a data set of `counties` small counties (10 schools, 30
 * zones, equal size; 3 counties seed 3, else seed 8) into dir/name and
 * the scenario dir/name.ini on it (name = name; the defaults but
 * [travel] bus_max_km = 30, so the young pupils of far villages ride a
 * bus and every pupil is placed), and returns the ini's path (caller
 * frees).  Every solve of the tests' variants ends by optimality in a
 * fraction of a second, far from any time limit even on a loaded
 * machine. */
char *sn_test_small_data(const char *dir, const char *name, int counties);

/* "dir/name" in a malloc'd string. */
char *sn_test_path(const char *dir, const char *name);

#endif
