/* write_geojson.h - a plan's map layers for QGIS and other GIS:
 *   schools.geojson  Points: id, name, county, stage, state, classes,
 *                    pupils, rooms_added, max_class, boarders, diverted_in,
 *                    diverted_out
 *   zones.geojson    Points: id, name, county, pupils, diverted,
 *                    unplaced, primary_school, junior_school
 *   flows.geojson    LineStrings zone -> school, one per row of
 *                    assignments.csv: zone, school, grade, pupils, km,
 *                    diverted, boarding
 * RFC 7946: WGS84, positions [longitude, latitude] in that order, six
 * decimals (about 0.1 m, below the metre of the inputs' %.3f km).  Schools
 * and zones without coordinates, and flows with an end without them, are
 * left out.
 *
 * Placing the km plane on the earth (docs/plan-format.md): data given as
 * lat,lon were projected by io/read_network with a local equirectangular
 * projection about their mean point, which is undone exactly; data on a km
 * plane need `[map] origin = LAT,LON`, the position of x_km = y_km = 0,
 * and are placed with the same projection about that origin:
 *   lat = lat0 + y / R,  lon = lon0 + x / (R cos lat0)   (radians, R 6371 km)
 */
#ifndef SN_WRITE_GEOJSON_H
#define SN_WRITE_GEOJSON_H

#include <stddef.h>
#include <stdio.h>

#include "model/error.h"
#include "model/network.h"
#include "model/plan.h"

struct sn_outdir;

typedef struct sn_geo {
    double lat0, lon0;   /* degrees: where x_km = y_km = 0 lies */
} sn_geo;

/* Fills g and returns 1 when net's km plane can be placed on the earth
 * (lat,lon input, else [map] origin); 0 otherwise. */
int sn_geo_origin(sn_geo *g, const sn_network *net);

/* Longitude and latitude (degrees) of the point (x_km, y_km). */
void sn_geo_lonlat(const sn_geo *g, double x_km, double y_km, double *lon,
                   double *lat);

/* Writes "[lon,lat]" with six decimals (never "-0.000000"). */
void sn_geo_put_position(FILE *f, double lon, double lat);

/* Writes the three layers into od for plan (made for net), with its
 * assignments asg[0..nasg) (students > 0, in output order).  Pupils per
 * school are plan->schools' (as in schools.csv).  Returns 0, or the error
 * of sn_outdir_file (err filled). */
int sn_geojson_write(struct sn_outdir *od, const sn_geo *g,
                     const sn_network *net, const sn_plan *plan,
                     const sn_assignment *asg, size_t nasg, sn_error *err);

#endif
