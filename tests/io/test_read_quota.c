/* test_read_quota.c - [teachers] county_quota.COUNTY = N in scenario.ini:
 * read, inherited, and rejected at its line and column when the county is
 * unknown, the number bad or the key given twice. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/read_network.h"
#include "model/staffing.h"
#include "tests/io/helpers.h"

/* The tiny data with `extra` appended to its scenario.ini. */
static char *tiny_with(const char *extra, char **dir)
{
    *dir = sn_test_tmpdir();
    sn_test_copy_tiny(*dir);
    char path[4200];
    snprintf(path, sizeof path, "%s/scenario.ini", *dir);
    FILE *f = fopen(path, "ab");
    cr_assert(f);
    fputs(extra, f);
    fclose(f);
    return strdup(path);
}

Test(io_quota, read_and_looked_up_by_county)
{
    char *dir, *ini = tiny_with("\n[teachers]\n"
                                "county_quota.临猗县 = 120\n", &dir);
    sn_network *net = NULL;
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    int rc = sn_network_read(&net, ini, &diag, &err);
    cr_assert_eq(rc, 0, "%s", sn_test_dump(&diag));
    int ly = sn_network_find_county(net, "临猗县");
    int wr = sn_network_find_county(net, "万荣县");
    cr_expect_eq(sn_staffing_county_quota(net, ly), 120);
    cr_expect_eq(sn_staffing_county_quota(net, wr), -1);
    sn_network_free(net);
    sn_diag_dispose(&diag);
    free(ini);
    sn_test_rmdir(dir);
}

Test(io_quota, inherited_and_replaced_by_the_later_file)
{
    char *dir, *ini = tiny_with("\n[teachers]\n"
                                "county_quota.临猗县 = 120\n", &dir);
    char *top = sn_test_write(dir, "top.ini",
                              "[scenario]\nbase = scenario.ini\n"
                              "[teachers]\ncounty_quota.临猗县 = 90\n",
                              (size_t)-1);
    sn_network *net = NULL;
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    cr_assert_eq(sn_network_read(&net, top, &diag, &err), 0, "%s",
                 sn_test_dump(&diag));
    cr_expect_eq(sn_staffing_county_quota(net,
                                          sn_network_find_county(net, "临猗县")),
                 90);
    sn_network_free(net);
    sn_diag_dispose(&diag);
    free(top);
    free(ini);
    sn_test_rmdir(dir);
}

Test(io_quota, errors_at_their_place)
{
    char *dir, *ini = tiny_with("\n[teachers]\n"
                                "county_quota.Nowhere = 10\n"
                                "county_quota.万荣县 = -3\n"
                                "county_quota.临猗县 = 5\n"
                                "county_quota.临猗县 = 6\n", &dir);
    sn_network *net = NULL;
    sn_diag diag = SN_DIAG_INIT;
    sn_error err = {0, ""};
    cr_assert_eq(sn_network_read(&net, ini, &diag, &err), SN_EINPUT);
    cr_expect_null(net);
    int line = 0; /* the appended lines follow the tiny ini */
    FILE *f = fopen(ini, "rb");
    char buf[512];
    while (fgets(buf, sizeof buf, f))
        line++;
    fclose(f);
    SN_EXPECT_MSG(&diag, "%s:%d:1: unknown county 'Nowhere': no school of "
                  "schools.csv is in it (got 'county_quota.Nowhere')", ini,
                  line - 3);
    SN_EXPECT_MSG(&diag, "%s:%d:20: [teachers] county_quota.万荣县 must be a "
                  "whole number from 0 to 10000000 (got '-3')", ini, line - 2);
    SN_EXPECT_MSG(&diag, "%s:%d:1: duplicate key 'county_quota.临猗县' in "
                  "section [teachers] (first given on line %d)", ini, line,
                  line - 1);
    sn_diag_dispose(&diag);
    free(ini);
    sn_test_rmdir(dir);
}
