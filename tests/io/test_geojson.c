/* test_geojson.c - map layers: positions come out [longitude, latitude],
 * lat,lon input comes back exactly, a km plane is placed by [map] origin
 * (and without one there is no placement), and the [map] / [report]
 * keys of scenario.ini. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/outdir.h"
#include "io/read_network.h"
#include "io/read_scenario.h"
#include "io/write_geojson.h"
#include "tests/io/helpers.h"

static char *slurp(const char *dir, const char *name)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s missing", path);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *copy = strdup(buf);
    cr_assert_not_null(copy);
    return copy;
}

/* Two schools and a zone given as lat,lon (north of the equator, east of
 * Greenwich, so a swapped pair cannot pass). */
static sn_network *geo_network(char *dir)
{
    free(sn_test_write(dir, "schools.csv",
                       "id,name,county,stage,lat,lon,classrooms\n"
                       "S1,A,C,primary,35.0,111.0,6\n"
                       "S2,\"B \"\"quoted\"\" \\ </script>\",C,primary,"
                       "35.1,111.2385,6\n", (size_t)-1));
    free(sn_test_write(dir, "zones.csv",
                       "id,name,county,lat,lon,primary_school\n"
                       "Z1,Z,C,35.05,111.1,S1\n", (size_t)-1));
    free(sn_test_write(dir, "enrollment.csv",
                       "year,zone,grade,students\n2020,Z1,1,30\n"
                       "2020,Z1,2,0\n2020,Z1,3,0\n2020,Z1,4,0\n"
                       "2020,Z1,5,0\n2020,Z1,6,0\n2020,Z1,7,0\n"
                       "2020,Z1,8,0\n2020,Z1,9,0\n", (size_t)-1));
    sn_network *net = NULL;
    sn_diag d = SN_DIAG_INIT;
    sn_error err = {0, ""};
    int rc = sn_network_read(&net, dir, &d, &err);
    cr_assert_eq(rc, 0, "%s", d.n ? d.items[0].text : err.msg);
    sn_diag_dispose(&d);
    return net;
}

Test(io_geojson, lat_lon_input_comes_back_exactly)
{
    char *dir = sn_test_tmpdir();
    sn_network *net = geo_network(dir);
    sn_geo g;
    cr_assert_eq(net->geo, 1);
    cr_assert_eq(sn_geo_origin(&g, net), 1);
    double lon, lat;
    sn_geo_lonlat(&g, net->schools[1].x_km, net->schools[1].y_km, &lon, &lat);
    cr_expect(fabs(lon - 111.2385) < 1e-9, "lon %.12f", lon);
    cr_expect(fabs(lat - 35.1) < 1e-9, "lat %.12f", lat);
    sn_network_free(net);
    sn_test_rmdir(dir);
}

Test(io_geojson, positions_are_longitude_then_latitude)
{
    char *dir = sn_test_tmpdir();
    sn_network *net = geo_network(dir);
    sn_plan *p = NULL;
    cr_assert_eq(sn_plan_new(&p, net->nschools, 2020), 0);
    p->schools[0].state = SN_SCHOOL_KEPT;
    p->schools[0].students[1] = 30;
    p->schools[0].classes[1] = 1;
    p->schools[1].state = SN_SCHOOL_CLOSED;
    sn_assignment a = {0, 1, 0, 30, 1.234, 0, 0};
    cr_assert_eq(sn_plan_add_assignment(p, &a), 0);
    sn_geo g;
    cr_assert_eq(sn_geo_origin(&g, net), 1);
    sn_outdir *od = NULL;
    sn_error err = {0, ""};
    char out[4200];
    snprintf(out, sizeof out, "%s/out", dir);
    cr_assert_eq(sn_outdir_open(&od, out, &err), 0, "%s", err.msg);
    cr_assert_eq(sn_geojson_write(od, &g, net, p, p->asg, p->nasg, &err), 0,
                 "%s", err.msg);
    cr_assert_eq(sn_outdir_commit(od, &err), 0, "%s", err.msg);
    char *s = slurp(out, "schools.geojson");
    cr_expect_not_null(strstr(s, "\"coordinates\":[111.238500,35.100000]"),
                       "%s", s);
    cr_expect_null(strstr(s, "[35.100000,111.238500]"));
    cr_expect_not_null(strstr(s, "\"state\":\"closed\""));
    cr_expect_not_null(strstr(s, "\"name\":\"B \\\"quoted\\\" \\\\ "
                                 "</script>\""), "JSON-escaped name: %s", s);
    free(s);
    s = slurp(out, "flows.geojson");
    cr_expect_not_null(strstr(s, "\"coordinates\":[[111.100000,35.050000],"
                                 "[111.000000,35.000000]]"), "%s", s);
    cr_expect_not_null(strstr(s, "\"grade\":1,\"pupils\":30,\"km\":1.234"));
    free(s);
    s = slurp(out, "zones.geojson");
    cr_expect_not_null(strstr(s, "\"pupils\":30,\"diverted\":0"), "%s", s);
    free(s);
    sn_plan_free(p);
    sn_network_free(net);
    sn_test_rmdir(dir);
}

Test(io_geojson, km_plane_is_placed_by_the_origin)
{
    sn_network *net = NULL;
    cr_assert_eq(sn_network_new(&net), 0);
    sn_geo g;
    cr_expect_eq(sn_geo_origin(&g, net), 0, "no origin: no placement");
    net->sc.map_origin = (sn_latlon){1, 35.0, 111.0};
    cr_assert_eq(sn_geo_origin(&g, net), 1);
    double km_per_degree = 6371.0 * M_PI / 180.0, lon, lat;
    sn_geo_lonlat(&g, 0, km_per_degree, &lon, &lat); /* due north */
    cr_expect(fabs(lat - 36.0) < 1e-9 && fabs(lon - 111.0) < 1e-9,
              "%.9f %.9f", lon, lat);
    sn_geo_lonlat(&g, 2.385, 0, &lon, &lat); /* east, along the parallel */
    double want = 111.0 + 2.385 / (km_per_degree * cos(35.0 * M_PI / 180));
    cr_expect(fabs(lon - want) < 1e-12 && lat == 35.0, "%.9f", lon);
    sn_network_free(net);
}

Test(io_geojson, position_text_has_no_negative_zero)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    cr_assert_not_null(f);
    sn_geo_put_position(f, -0.0000001, -12.3456786);
    fclose(f);
    cr_expect_str_eq(buf, "[0.000000,-12.345679]");
    free(buf);
}

/* ---- scenario keys ------------------------------------------------------ */

static int read_ini(sn_scenario *sc, sn_diag *d, char **dir, const char *text)
{
    *dir = sn_test_tmpdir();
    char *path = sn_test_write(*dir, "scenario.ini", text, (size_t)-1);
    sn_error err = {0, ""};
    cr_assert_eq(sn_scenario_init(sc), 0);
    int rc = sn_scenario_read(sc, path, d, &err);
    free(path);
    return rc;
}

Test(io_geojson, reads_map_origin_and_report_lang)
{
    sn_scenario sc;
    sn_diag d = SN_DIAG_INIT;
    char *dir;
    int rc = read_ini(&sc, &d, &dir, "[map]\norigin = 34.98, 111.02\n"
                                     "[report]\nlang = zh\n");
    cr_assert_eq(rc, 0, "%s", d.n ? d.items[0].text : "");
    cr_expect_eq(sc.map_origin.set, 1);
    cr_expect(sc.map_origin.lat == 34.98 && sc.map_origin.lon == 111.02);
    cr_expect_eq(sc.report_lang, SN_LANG_ZH);
    sn_scenario_dispose(&sc);
    sn_diag_dispose(&d);
    sn_test_rmdir(dir);
}

Test(io_geojson, defaults_no_origin_and_auto_lang)
{
    sn_scenario sc;
    cr_assert_eq(sn_scenario_init(&sc), 0);
    cr_expect_eq(sc.map_origin.set, 0);
    cr_expect_eq(sc.report_lang, SN_LANG_AUTO);
    sn_scenario_dispose(&sc);
}

Test(io_geojson, rejects_bad_origin_and_lang)
{
    sn_scenario sc;
    sn_diag d = SN_DIAG_INIT;
    char *dir;
    int rc = read_ini(&sc, &d, &dir, "[map]\norigin = 111.0,35.0\n"
                                     "[report]\nlang = fr\n");
    cr_assert_eq(rc, SN_EINPUT);
    SN_EXPECT_MSG(&d, "%s/scenario.ini:2:10: [map] origin must be LAT,LON in "
                  "degrees (latitude -90 to 90, longitude -180 to 180, e.g. "
                  "35.0,111.0) (got '111.0,35.0')", dir);
    SN_EXPECT_MSG(&d, "%s/scenario.ini:4:8: [report] lang must be one of "
                  "auto, zh, en (got 'fr')", dir);
    sn_scenario_dispose(&sc);
    sn_diag_dispose(&d);
    sn_test_rmdir(dir);
    for (int k = 0; k < 3; k++) {
        static const char *const bad[] = {"[map]\norigin = 35\n",
                                          "[map]\norigin = 35,\n",
                                          "[map]\norigin = 35,111,2\n"};
        sn_diag d2 = SN_DIAG_INIT;
        cr_expect_eq(read_ini(&sc, &d2, &dir, bad[k]), SN_EINPUT, "%s",
                     bad[k]);
        cr_expect_eq(sc.map_origin.set, 0);
        sn_scenario_dispose(&sc);
        sn_diag_dispose(&d2);
        sn_test_rmdir(dir);
    }
}
