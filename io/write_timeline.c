/* write_timeline.c - timeline.csv (write_timeline.h). */
#include "io/write_timeline.h"

#include <stdio.h>

#include "io/format.h"
#include "io/outdir.h"

int sn_timeline_write(const sn_timeline_row *rows, size_t n,
                      const sn_network *net, const char *dir, sn_error *err)
{
    sn_outdir *od;
    int rc = sn_outdir_open(&od, dir, err);
    if (rc)
        return rc;
    FILE *f = sn_outdir_file(od, "timeline.csv", err);
    if (!f) {
        sn_outdir_abort(od);
        return err->code;
    }
    fputs("year,county,hard_cap,students,unplaced,classes,over_66,over_56,"
          "over_standard,schools_closed,schools_opened,closed_in_year,"
          "opened_in_year,classrooms_added,classrooms_added_in_year,"
          "classrooms_left,cost\n", f);
    for (size_t i = 0; i < n; i++) {
        const sn_timeline_row *r = &rows[i];
        fprintf(f, "%d,", r->year);
        sn_put_csv_field(f, net->counties[r->county]);
        fprintf(f, ",%d,%ld,%ld,%ld,%ld,%ld,%ld,%d,%d,%d,%d,%ld,%ld,%ld,%.3f\n",
                r->hard_cap, r->students, r->unplaced, r->classes, r->over_66,
                r->over_56, r->over_standard, r->schools_closed,
                r->schools_opened, r->closed_this_year, r->opened_this_year,
                r->classrooms_added, r->classrooms_added_this_year,
                r->classrooms_left, r->cost);
    }
    return sn_outdir_commit(od, err);
}
