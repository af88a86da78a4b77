/* test_jobs_tsv.c - the job list of `batch --emit` (io/jobs.h): written
 * and read back field for field, shell words joined and split back, every
 * kind of bad line reported at its line and column, and job status files. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/jobs.h"
#include "tests/io/helpers.h"

static char *s(const char *x)
{
    return strdup(x);
}

Test(io_jobs, written_list_reads_back_field_for_field)
{
    sn_jobs j = {calloc(3, sizeof(sn_job)), 3};
    const char *county[3] = {"all", "临猗县", "Yanhu 2"};
    for (int i = 0; i < 3; i++) {
        j.v[i].id = i + 1;
        j.v[i].name = s(i ? "city-classes.hard_cap-50" : "demo");
        j.v[i].scenario = s("scenarios/my city/scenario.ini");
        j.v[i].vary = s(i ? "classes.hard_cap=50" : "");
        j.v[i].county = s(county[i]);
        j.v[i].out = s(i == 2 ? "runs/b1/jobs/3" : "runs/b1/jobs/x");
        j.v[i].args = s("plan 'scenarios/my city/scenario.ini' -o x -q");
    }
    char *dir = sn_test_tmpdir();
    char path[4200];
    snprintf(path, sizeof path, "%s/jobs.tsv", dir);
    FILE *f = fopen(path, "w");
    sn_error err = {0, ""};
    cr_assert_eq(sn_jobs_write(f, &j, &err), 0, "%s", err.msg);
    fclose(f);
    sn_jobs r = SN_JOBS_INIT;
    sn_diag d = SN_DIAG_INIT;
    cr_assert_eq(sn_jobs_read(&r, path, &d, &err), 0, "%s",
                 d.n ? d.items[0].text : err.msg);
    cr_assert_eq(r.n, 3);
    for (int i = 0; i < 3; i++) {
        cr_expect_eq(r.v[i].id, i + 1);
        cr_expect_str_eq(r.v[i].name, j.v[i].name);
        cr_expect_str_eq(r.v[i].scenario, j.v[i].scenario);
        cr_expect_str_eq(r.v[i].vary, j.v[i].vary);
        cr_expect_str_eq(r.v[i].county, j.v[i].county);
        cr_expect_str_eq(r.v[i].out, j.v[i].out);
        cr_expect_str_eq(r.v[i].args, j.v[i].args);
    }
    /* a tab in a field cannot be written */
    free(j.v[1].county);
    j.v[1].county = s("Yan\thu");
    f = fopen(path, "w");
    cr_expect_eq(sn_jobs_write(f, &j, &err), SN_EUSAGE);
    fclose(f);
    cr_expect_not_null(strstr(err.msg, "job 2: county holds a tab"), "%s",
                       err.msg);
    sn_jobs_dispose(&r);
    sn_jobs_dispose(&j);
    sn_diag_dispose(&d);
    sn_test_rmdir(dir);
}

/* Reads text as a job list; returns the code, d keeps the messages. */
static int read_text(const char *text, sn_diag *d)
{
    char *dir = sn_test_tmpdir();
    char *path = sn_test_write(dir, "jobs.tsv", text, (size_t)-1);
    sn_jobs r = SN_JOBS_INIT;
    sn_error err = {0, ""};
    int rc = sn_jobs_read(&r, path, d, &err);
    if (rc == 0)
        cr_expect_gt(r.n, 0);
    else
        cr_expect_eq(r.n, 0, "empty on failure");
    sn_jobs_dispose(&r);
    free(path);
    sn_test_rmdir(dir);
    return rc;
}

#define H SN_JOBS_HEADER "\n"

Test(io_jobs, bad_lines_are_reported_where_they_are)
{
    sn_diag d = SN_DIAG_INIT;
    cr_expect_eq(read_text("job\tname\n1\ta\n", &d), SN_EINPUT);
    cr_expect_not_null(strstr(d.items[0].text, "jobs.tsv:1:1: not a "
                              "schoolnet job list"), "%s", d.items[0].text);
    sn_diag_dispose(&d);
    /* too few fields, an id out of order, an empty name, a CR, too many
     * fields: all reported at once */
    cr_expect_eq(read_text(H "1\ta\ts.ini\t\tall\tout\n"
                             "3\ta\ts.ini\t\tall\tout\tplan s.ini\n"
                             "3\t\ts.ini\t\tall\tout\tplan s.ini\n"
                             "4\tb\ts.ini\t\tall\tout\tplan s.ini\r\n"
                             "5\tc\ts.ini\t\tall\tout\tplan\tx\n", &d),
                 SN_EINPUT);
    cr_assert_eq(d.n, 5, "%zu messages", d.n);
    cr_expect_not_null(strstr(d.items[0].text, "jobs.tsv:2:19: 6 "
                              "tab-separated fields, not 7"), "%s",
                       d.items[0].text);
    cr_expect_not_null(strstr(d.items[1].text, "jobs.tsv:3:1: job 2 "
                              "expected here: jobs are numbered 1, 2, 3, ... "
                              "in order (got '3')"), "%s", d.items[1].text);
    cr_expect_not_null(strstr(d.items[2].text, "jobs.tsv:4:3: empty name"),
                       "%s", d.items[2].text);
    cr_expect_not_null(strstr(d.items[3].text, "jobs.tsv:5:30: args holds a "
                              "carriage return"), "%s", d.items[3].text);
    cr_expect_not_null(strstr(d.items[4].text, "jobs.tsv:6:24: 8 "
                              "tab-separated fields"), "%s", d.items[4].text);
    sn_diag_dispose(&d);
    cr_expect_eq(read_text("", &d), SN_EINPUT);
    cr_expect_not_null(strstr(d.items[0].text, "empty file"));
    sn_diag_dispose(&d);
    char nul[] = H "1\ta\0b\ts\t\tall\to\tplan\n";
    char *dir = sn_test_tmpdir();
    char *path = sn_test_write(dir, "j.tsv", nul, sizeof nul - 1);
    sn_jobs r = SN_JOBS_INIT;
    sn_error err = {0, ""};
    cr_expect_eq(sn_jobs_read(&r, path, &d, &err), SN_EINPUT);
    cr_expect_not_null(strstr(d.items[0].text, "a NUL byte"));
    sn_diag_dispose(&d);
    cr_expect_eq(sn_jobs_read(&r, dir, &d, &err), SN_EIO, "a folder");
    sn_diag_dispose(&d);
    free(path);
    sn_test_rmdir(dir);
    cr_expect_eq(read_text(H "1\ta\ts.ini\t\tall\tout\tplan s.ini -o out\n",
                           &d), 0);
    sn_diag_dispose(&d);
}

Test(io_jobs, shell_words_join_and_split_back)
{
    const char *w[] = {"plan", "my scenarios/a.ini", "-o", "it's", "",
                       "临猗县", "--time-limit", "2.385", "$HOME", "a\"b"};
    int n = (int)(sizeof w / sizeof *w);
    char *line;
    cr_assert_eq(sn_jobs_join_args(&line, w, n), 0);
    cr_expect_str_eq(line, "plan 'my scenarios/a.ini' -o 'it'\\''s' '' "
                           "'临猗县' --time-limit 2.385 '$HOME' 'a\"b'");
    char **v;
    int k;
    sn_error err = {0, ""};
    cr_assert_eq(sn_jobs_split_args(&v, &k, line, &err), 0, "%s", err.msg);
    cr_assert_eq(k, n);
    for (int i = 0; i < n; i++)
        cr_expect_str_eq(v[i], w[i]);
    sn_jobs_free_args(v);
    free(line);
    cr_assert_eq(sn_jobs_split_args(&v, &k, "  a\\ b \"c \\\"d\\\"\"\t",
                                    &err), 0);
    cr_assert_eq(k, 2);
    cr_expect_str_eq(v[0], "a b");
    cr_expect_str_eq(v[1], "c \"d\"");
    sn_jobs_free_args(v);
    static const char *const bad[] = {"plan 'x", "plan \"x", "plan $(rm)",
                                      "plan a;b", "plan *.ini", "plan \"$x\"",
                                      "plan x\\"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        cr_expect_eq(sn_jobs_split_args(&v, &k, bad[i], &err), SN_EINPUT,
                     "%s", bad[i]);
        cr_expect_null(v);
    }
}

Test(io_jobs, status_files_read_back)
{
    char *dir = sn_test_tmpdir();
    char path[4200];
    snprintf(path, sizeof path, "%s/7.status", dir);
    sn_job_status st;
    sn_diag d = SN_DIAG_INIT;
    sn_error err = {0, ""};
    cr_assert_eq(sn_job_status_read(&st, path, &d, &err), 0);
    cr_expect_eq(st.state, SN_JOB_NOT_RUN, "no file: not run");
    sn_job_status w = {SN_JOB_STARTED, 0, 0, 0, "node-3"};
    cr_assert_eq(sn_job_status_write(&w, dir, "7.status", &err), 0);
    cr_assert_eq(sn_job_status_read(&st, path, &d, &err), 0);
    cr_expect_eq(st.state, SN_JOB_STARTED);
    cr_expect_str_eq(st.host, "node-3");
    sn_job_status done = {SN_JOB_DONE, -1, 15, 12.385, "node-4"};
    cr_assert_eq(sn_job_status_write(&done, dir, "7.status", &err), 0);
    cr_assert_eq(sn_job_status_read(&st, path, &d, &err), 0);
    cr_expect_eq(st.state, SN_JOB_DONE);
    cr_expect_eq(st.exit_code, -1);
    cr_expect_eq(st.signal, 15);
    cr_expect_float_eq(st.seconds, 12.385, 1e-9);
    cr_expect_str_eq(st.host, "node-4");
    char *junk = sn_test_write(dir, "8.status", "state done\nexit twelve\n",
                               (size_t)-1);
    cr_expect_eq(sn_job_status_read(&st, junk, &d, &err), SN_EINPUT);
    cr_expect_eq(st.state, SN_JOB_NOT_RUN);
    cr_expect_not_null(strstr(d.items[0].text, "8.status:2:1: not a job "
                              "status line"), "%s", d.items[0].text);
    sn_diag_dispose(&d);
    free(junk);
    sn_test_rmdir(dir);
}
