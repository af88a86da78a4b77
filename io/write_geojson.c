/* write_geojson.c - schools, zones and flows as GeoJSON (write_geojson.h).
 * One feature a line, properties in a fixed order, numbers as integers or
 * %.3f: the same plan gives the same bytes. */
#include "io/write_geojson.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "io/format.h"
#include "io/outdir.h"

#define EARTH_KM 6371.0 /* as io/read_network */

int sn_geo_origin(sn_geo *g, const sn_network *net)
{
    if (net->geo) {
        g->lat0 = net->geo_lat0;
        g->lon0 = net->geo_lon0;
        return 1;
    }
    if (net->sc.map_origin.set) {
        g->lat0 = net->sc.map_origin.lat;
        g->lon0 = net->sc.map_origin.lon;
        return 1;
    }
    return 0;
}

void sn_geo_lonlat(const sn_geo *g, double x_km, double y_km, double *lon,
                   double *lat)
{
    double k = EARTH_KM * M_PI / 180.0; /* km per degree of latitude */
    double c = cos(g->lat0 * M_PI / 180.0);
    *lat = g->lat0 + y_km / k;
    *lon = g->lon0 + x_km / (k * (c > 1e-9 ? c : 1e-9));
}

static void coord(FILE *f, double v)
{
    if (!isfinite(v))
        v = 0;
    if (fabs(v) < 5e-7)
        v = 0;
    fprintf(f, "%.6f", v);
}

void sn_geo_put_position(FILE *f, double lon, double lat)
{
    fputc('[', f);
    coord(f, lon);
    fputc(',', f);
    coord(f, lat);
    fputc(']', f);
}

static void point(FILE *f, const sn_geo *g, double x, double y)
{
    double lon, lat;
    sn_geo_lonlat(g, x, y, &lon, &lat);
    fputs("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
          "\"coordinates\":", f);
    sn_geo_put_position(f, lon, lat);
    fputs("},\"properties\":{", f);
}

static void str_prop(FILE *f, const char *key, const char *v, int first)
{
    fprintf(f, "%s\"%s\":", first ? "" : ",", key);
    if (v)
        sn_put_json_string(f, v);
    else
        fputs("null", f);
}

static void begin(FILE *f) { fputs("{\"type\":\"FeatureCollection\",\"features\":[\n", f); }
static void end(FILE *f) { fputs("\n]}\n", f); }

static void write_schools(FILE *f, const sn_geo *g, const sn_network *net,
                          const sn_plan *plan)
{
    begin(f);
    int n = 0;
    for (int s = 0; s < net->nschools; s++) {
        const sn_school *sc = &net->schools[s];
        const sn_school_plan *sp = &plan->schools[s];
        if (!sc->has_xy)
            continue;
        long classes = 0, pupils = 0;
        int max_class = 0;
        for (int gr = 1; gr <= SN_GRADES; gr++) {
            classes += sp->classes[gr];
            pupils += sp->students[gr];
            if (sp->classes[gr] > 0) {
                int size = (sp->students[gr] + sp->classes[gr] - 1) /
                           sp->classes[gr];
                max_class = size > max_class ? size : max_class;
            }
        }
        fputs(n++ ? ",\n" : "", f);
        point(f, g, sc->x_km, sc->y_km);
        str_prop(f, "id", sc->id, 1);
        str_prop(f, "name", sc->name ? sc->name : sc->id, 0);
        str_prop(f, "county", net->counties[sc->county], 0);
        str_prop(f, "stage", sn_stage_name(sc->stage), 0);
        str_prop(f, "state", sn_school_state_name(sp->state), 0);
        fprintf(f, ",\"classes\":%ld,\"pupils\":%ld,\"rooms_added\":%d,"
                   "\"max_class\":%d,\"boarders\":%d,\"diverted_in\":%d,"
                   "\"diverted_out\":%d}}", classes, pupils,
                sp->classrooms_added, max_class, sp->boarders,
                sp->diverted_in, sp->diverted_out);
    }
    end(f);
}

static int write_zones(FILE *f, const sn_geo *g, const sn_network *net,
                       const sn_plan *plan, const sn_assignment *asg,
                       size_t nasg, sn_error *err)
{
    long *sum = calloc((size_t)net->nzones * 3 + 1, sizeof *sum);
    if (!sum)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    for (size_t i = 0; i < nasg; i++) {
        sum[asg[i].zone * 3] += asg[i].students;
        if (asg[i].diverted)
            sum[asg[i].zone * 3 + 1] += asg[i].students;
    }
    for (size_t i = 0; i < plan->nunplaced; i++) {
        sum[plan->unplaced[i].zone * 3] += plan->unplaced[i].students;
        sum[plan->unplaced[i].zone * 3 + 2] += plan->unplaced[i].students;
    }
    begin(f);
    int n = 0;
    for (int z = 0; z < net->nzones; z++) {
        const sn_zone *zz = &net->zones[z];
        if (!zz->has_xy)
            continue;
        fputs(n++ ? ",\n" : "", f);
        point(f, g, zz->x_km, zz->y_km);
        str_prop(f, "id", zz->id, 1);
        str_prop(f, "name", zz->name ? zz->name : zz->id, 0);
        str_prop(f, "county", zz->county >= 0 ? net->counties[zz->county]
                                              : NULL, 0);
        fprintf(f, ",\"pupils\":%ld,\"diverted\":%ld,\"unplaced\":%ld",
                sum[z * 3], sum[z * 3 + 1], sum[z * 3 + 2]);
        str_prop(f, "primary_school", zz->primary_school >= 0
                     ? net->schools[zz->primary_school].id : NULL, 0);
        str_prop(f, "junior_school", zz->junior_school >= 0
                     ? net->schools[zz->junior_school].id : NULL, 0);
        fputs("}}", f);
    }
    end(f);
    free(sum);
    return 0;
}

static void write_flows(FILE *f, const sn_geo *g, const sn_network *net,
                        const sn_assignment *asg, size_t nasg)
{
    begin(f);
    int n = 0;
    for (size_t i = 0; i < nasg; i++) {
        const sn_assignment *a = &asg[i];
        const sn_zone *zz = &net->zones[a->zone];
        const sn_school *sc = &net->schools[a->school];
        if (!zz->has_xy || !sc->has_xy)
            continue;
        double lon0, lat0, lon1, lat1;
        sn_geo_lonlat(g, zz->x_km, zz->y_km, &lon0, &lat0);
        sn_geo_lonlat(g, sc->x_km, sc->y_km, &lon1, &lat1);
        fputs(n++ ? ",\n" : "", f);
        fputs("{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\","
              "\"coordinates\":[", f);
        sn_geo_put_position(f, lon0, lat0);
        fputc(',', f);
        sn_geo_put_position(f, lon1, lat1);
        fputs("]},\"properties\":{", f);
        str_prop(f, "zone", zz->id, 1);
        str_prop(f, "school", sc->id, 0);
        fprintf(f, ",\"grade\":%d,\"pupils\":%d,\"km\":", a->grade,
                a->students);
        sn_put_num(f, a->km);
        fprintf(f, ",\"diverted\":%d,\"boarding\":%d}}", a->diverted ? 1 : 0,
                a->boarding ? 1 : 0);
    }
    end(f);
}

int sn_geojson_write(struct sn_outdir *od, const sn_geo *g,
                     const sn_network *net, const sn_plan *plan,
                     const sn_assignment *asg, size_t nasg, sn_error *err)
{
    FILE *fs = sn_outdir_file(od, "schools.geojson", err);
    FILE *fz = fs ? sn_outdir_file(od, "zones.geojson", err) : NULL;
    FILE *ff = fz ? sn_outdir_file(od, "flows.geojson", err) : NULL;
    if (!ff)
        return err->code ? err->code : SN_EIO;
    write_schools(fs, g, net, plan);
    int rc = write_zones(fz, g, net, plan, asg, nasg, err);
    if (rc == 0)
        write_flows(ff, g, net, asg, nasg);
    return rc;
}
