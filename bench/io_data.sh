#!/bin/sh
# io_data.sh DIR - writes a one-county data set with 1,000,080 enrolment
# rows (5556 zones x 9 grades x 20 years, 2001-2020) and 100 schools into
# DIR, for timing the reader: `schoolnet validate DIR`.  Fixed seed.
set -e
d=${1:?usage: io_data.sh DIR}
mkdir -p "$d"
awk 'BEGIN { srand(7); print "id,county,stage,x_km,y_km,classrooms";
  for (i = 0; i < 100; i++)
    printf "S%d,county,%s,%.3f,%.3f,%d\n", i, (i % 3 ? "primary" : "nine_year"),
           60 * rand(), 60 * rand(), 6 + int(25 * rand()) }' > "$d/schools.csv"
awk 'BEGIN { srand(8); print "id,county,x_km,y_km";
  for (z = 0; z < 5556; z++) printf "Z%d,county,%.3f,%.3f\n", z, 60 * rand(), 60 * rand() }' \
  > "$d/zones.csv"
awk 'BEGIN { srand(9); print "year,zone,grade,students,migrant";
  for (y = 2001; y <= 2020; y++) for (z = 0; z < 5556; z++) for (g = 1; g <= 9; g++) {
    s = int(61 * rand()); printf "%d,Z%d,%d,%d,%d\n", y, z, g, s, int(s / 10) } }' \
  > "$d/enrollment.csv"
