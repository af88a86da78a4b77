/* test_generate_hard.c - the hard-county knobs of the generator
 * (crowding, room_ratio, far_zones; docs/generate.md): each does what it
 * says, leaves the rest of the county alone, and is refused out of range.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "gen/generate.h"

static sn_network *make(const sn_generate_opts *o)
{
    sn_network *net = NULL;
    sn_error err = {0, ""};
    cr_assert_eq(sn_generate(&net, o, &err), 0, "%s", err.msg);
    return net;
}

static sn_generate_opts county(void)
{
    sn_generate_opts o = SN_GENERATE_OPTS_INIT;
    o.schools = 40;
    o.zones = 200;
    o.seed = 2385;
    return o;
}

/* Pupils of the last history year designated to school s, grade g. */
static int designated(const sn_network *net, int s, int g)
{
    int n = 0;
    for (int z = 0; z < net->nzones; z++) {
        int d = g <= 6 ? net->zones[z].primary_school
                       : net->zones[z].junior_school;
        if (d == s)
            n += sn_network_students(net, net->year_hi, z, g);
    }
    return n;
}

static int crowd_rooms(const sn_network *net, int s, double f)
{
    int rooms = 0;
    for (int g = 1; g <= SN_GRADES; g++) {
        int n = designated(net, s, g);
        if (n > 0)
            rooms += (int)fmax(1, ceil(n / (f * sn_scenario_standard(&net->sc,
                                                                      g)) -
                                       1e-9));
    }
    return rooms;
}

static int public_open(const sn_school *s)
{
    return s->status == SN_OPEN && !s->is_private && s->classrooms >= 0;
}

Test(gen_hard, crowding_sets_the_status_quo_class_size)
{
    sn_generate_opts o = county();
    o.crowding = 1.3;
    sn_network *net = make(&o);
    long pupils = 0, rooms = 0;
    for (int s = 0; s < net->nschools; s++) {
        const sn_school *ss = &net->schools[s];
        if (!public_open(ss) || crowd_rooms(net, s, 1.0) == 0)
            continue;
        cr_expect_eq(ss->classrooms, crowd_rooms(net, s, 1.3), "%s", ss->id);
        if (ss->urban) {
            for (int g = 1; g <= SN_GRADES; g++)
                pupils += designated(net, s, g);
            rooms += ss->classrooms;
        }
    }
    /* town schools: about 1.3 x 45-50 = 58-65 a class */
    cr_assert_gt(rooms, 0);
    cr_expect(pupils > 56 * rooms && pupils < 66 * rooms,
              "town: %ld pupils in %ld classrooms", pupils, rooms);
    sn_network_free(net);
}

Test(gen_hard, room_ratio_cuts_below_what_pupils_use)
{
    sn_generate_opts o = county();
    o.crowding = 1.2;
    sn_network *a = make(&o);
    o.room_ratio = 0.85;
    sn_network *b = make(&o);
    cr_assert_eq(a->nschools, b->nschools);
    long ra = 0, rb = 0;
    int fewer_than_grades = 0;
    for (int s = 0; s < a->nschools; s++) {
        const sn_school *x = &a->schools[s], *y = &b->schools[s];
        cr_expect_str_eq(x->id, y->id);
        if (!public_open(x) || crowd_rooms(a, s, 1.0) == 0) {
            cr_expect_eq(x->classrooms, y->classrooms);
            continue;
        }
        int want = (int)floor(0.85 * x->classrooms + 1e-9);
        cr_expect_eq(y->classrooms, want < 1 ? 1 : want, "%s", x->id);
        cr_expect_eq(x->max_new_classrooms, y->max_new_classrooms);
        ra += x->classrooms;
        rb += y->classrooms;
        int grades = 0;
        for (int g = 1; g <= SN_GRADES; g++)
            grades += designated(b, s, g) > 0;
        fewer_than_grades += y->classrooms < grades;
    }
    cr_expect_lt(rb, ra);
    cr_expect_gt(fewer_than_grades, 0, "some school runs mixed-grade rooms");
    sn_network_free(a);
    sn_network_free(b);
}

static int is_far(const sn_network *net, int z)
{
    for (int s = 0; s < net->nschools; s++) {
        if (net->schools[s].county != net->zones[z].county)
            continue;
        double km = sn_network_km(net, z, s);
        if (km >= 0 && km <= net->sc.max_km_junior)
            return 0;
    }
    return 1;
}

Test(gen_hard, far_zones_lie_beyond_walking_of_every_school)
{
    sn_generate_opts o = county();
    sn_network *a = make(&o);
    o.far_zones = 0.2;
    sn_network *b = make(&o);
    int fa = 0, fb = 0, villages = 0;
    for (int z = 0; z < b->nzones; z++) {
        fa += is_far(a, z);
        if (!is_far(b, z))
            continue;
        fb++;
        /* designated to a boarding school in boarding reach */
        for (int st = 0; st < 2; st++) {
            int s = st ? b->zones[z].junior_school : b->zones[z].primary_school;
            cr_assert_geq(s, 0);
            cr_expect_gt(b->schools[s].boarding_beds, 0, "%s", b->zones[z].id);
            cr_expect_leq(sn_network_km(b, z, s), b->sc.boarding_max_km);
        }
    }
    for (int z = 0; z < b->nzones; z++)
        villages += strstr(b->zones[z].name, "Village") != NULL;
    /* a fifth of the villages more, where the county has room for them */
    cr_expect_geq(fb - fa, (int)lround(0.2 * villages),
                  "%d far zones before, %d after, %d villages", fa, fb,
                  villages);
    sn_network_free(a);
    sn_network_free(b);
}

Test(gen_hard, knobs_out_of_range_are_refused)
{
    static const struct {
        double crowding, room_ratio, far_zones;
        const char *what;
    } bad[] = {{0.5, 1, 0, "crowding must be 0 (off) or from 1 to 2"},
               {2.1, 1, 0, "(got 2.1)"},
               {0, 0.05, 0, "room_ratio must be from 0.1 to 1"},
               {0, 1.2, 0, "room_ratio"},
               {0, 1, 0.6, "far_zones must be from 0 to 0.5"},
               {0, 1, -0.1, "far_zones"}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        sn_generate_opts o = county();
        o.crowding = bad[i].crowding;
        o.room_ratio = bad[i].room_ratio;
        o.far_zones = bad[i].far_zones;
        sn_network *net = NULL;
        sn_error err = {0, ""};
        cr_expect_eq(sn_generate(&net, &o, &err), SN_EUSAGE, "case %zu", i);
        cr_expect_null(net);
        cr_expect(strstr(err.msg, bad[i].what) != NULL, "'%s' not in '%s'",
                  bad[i].what, err.msg);
    }
}
