/* test_generate_province.c - a province-sized set (issue 15): 117
 * county-level units like Shanxi's, named and sized after Yuncheng's 13
 * units in turn, every county planned on its own. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "gen/generate.h"

Test(gen_province, has_117_counties_named_and_sized_after_the_city)
{
    sn_generate_opts o = SN_GENERATE_OPTS_INIT;
    o.counties = 117;
    o.schools = 12;
    o.zones = 40;
    o.seed = 11;
    sn_network *net = NULL;
    sn_error err = {0, ""};
    cr_assert_eq(sn_generate(&net, &o, &err), 0, "%s", err.msg);
    cr_assert_eq(net->ncounties, 117);
    cr_expect_str_eq(net->counties[0], "Yanhu");
    cr_expect_str_eq(net->counties[12], "Ruicheng");
    cr_expect_str_eq(net->counties[13], "Yanhu 2");
    cr_expect_str_eq(net->counties[116], "Ruicheng 9");
    for (int a = 0; a < net->ncounties; a++)
        for (int b = a + 1; b < net->ncounties; b++)
            cr_assert_str_neq(net->counties[a], net->counties[b]);
    /* sizes: each unit's share of the city, repeated; Yanhu (68) is about
     * three times Yuanqu (23) */
    int n[117] = {0};
    for (int s = 0; s < net->nschools; s++)
        n[net->schools[s].county]++;
    for (int c = 13; c < 117; c++)
        cr_expect_eq(n[c], n[c % 13], "county %d: %d schools, unit %d: %d",
                     c, n[c], c % 13, n[c % 13]);
    cr_expect_gt(n[0], 2 * n[9], "Yanhu %d, Yuanqu %d", n[0], n[9]);
    /* every zone's designated schools are in its own county */
    for (int z = 0; z < net->nzones; z++) {
        const sn_zone *zz = &net->zones[z];
        cr_assert_eq(net->schools[zz->primary_school].county, zz->county);
        cr_assert_eq(net->schools[zz->junior_school].county, zz->county);
    }
    sn_network_free(net);
}

Test(gen_province, limit_is_a_usage_error)
{
    sn_generate_opts o = SN_GENERATE_OPTS_INIT;
    o.counties = SN_GENERATE_MAX_COUNTIES + 1;
    sn_network *net = NULL;
    sn_error err = {0, ""};
    cr_expect_eq(sn_generate(&net, &o, &err), SN_EUSAGE);
    cr_expect_null(net);
    cr_expect_not_null(strstr(err.msg, "counties must be from 1 to 200"),
                       "%s", err.msg);
}
