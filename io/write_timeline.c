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
    fputs("year,county,hard_cap,cap_from,students,unplaced,classes,over_66,"
          "over_56,over_standard,schools_closed,schools_opened,"
          "closed_in_year,opened_in_year,classrooms_added,"
          "classrooms_added_in_year,classrooms_left,cost,over_cap,"
          "pupils_over_cap,classrooms_short,meets_cap\n", f);
    for (size_t i = 0; i < n; i++) {
        const sn_timeline_row *r = &rows[i];
        char cap[32], from[SN_MILESTONE_COUNTY + 32];
        sn_scenario_cap_name(cap, sizeof cap, r->hard_cap);
        if (r->cap_from < 0) {
            snprintf(from, sizeof from, "classes.hard_cap");
        } else {
            const sn_milestone *m = &net->sc.milestones[r->cap_from];
            snprintf(from, sizeof from, "hard_cap.%d%s%s", m->year,
                     m->county[0] ? "." : "", m->county);
        }
        fprintf(f, "%d,", r->year);
        sn_put_csv_field(f, net->counties[r->county]);
        fprintf(f, ",%s,", cap);
        sn_put_csv_field(f, from);
        fprintf(f, ",%ld,%ld,%ld,%ld,%ld,%ld,%d,%d,%d,%d,%ld,%ld,%ld,%.3f,"
                   "%ld,%ld,%ld,%d\n",
                r->students, r->unplaced, r->classes, r->over_66, r->over_56,
                r->over_standard, r->schools_closed, r->schools_opened,
                r->closed_this_year, r->opened_this_year, r->classrooms_added,
                r->classrooms_added_this_year, r->classrooms_left, r->cost,
                r->over_cap, r->pupils_over_cap, r->classrooms_short,
                r->meets_cap);
    }
    return sn_outdir_commit(od, err);
}
