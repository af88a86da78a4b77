/* write_plan.c - the plan files of docs/plan-format.md, written through an
 * sn_outdir so they appear all at once.  Every number has a fixed format
 * (integers, %.3f; non-finite values as JSON null) and -0.000 is written as
 * 0.000, so equal plans give equal bytes. */
#include "io/write_plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/format.h"
#include "io/outdir.h"
#include "model/kpi.h"

#define NG (SN_GRADES + 1)

static int check_fit(const sn_plan *plan, const sn_network *net,
                     sn_error *err)
{
    if (plan->nschools != net->nschools)
        return sn_error_set(err, SN_EUSAGE,
                            "plan has %d schools, network has %d",
                            plan->nschools, net->nschools);
    for (size_t i = 0; i < plan->nasg; i++) {
        const sn_assignment *a = &plan->asg[i];
        if (a->zone < 0 || a->zone >= net->nzones || a->school < 0 ||
            a->school >= net->nschools || a->grade < 1 || a->grade > SN_GRADES)
            return sn_error_set(err, SN_EUSAGE,
                                "assignment %zu: zone %d, grade %d or school "
                                "%d out of range", i, a->zone, a->grade,
                                a->school);
    }
    for (size_t i = 0; i < plan->nunplaced; i++) {
        const sn_unplaced *u = &plan->unplaced[i];
        if (u->zone < 0 || u->zone >= net->nzones || u->grade < 1 ||
            u->grade > SN_GRADES)
            return sn_error_set(err, SN_EUSAGE,
                                "unplaced row %zu: zone %d or grade %d out "
                                "of range", i, u->zone, u->grade);
    }
    return 0;
}

static void write_assignments(FILE *f, const sn_plan *p,
                              const sn_network *net)
{
    fputs("county,zone,grade,school,students,km,boarding,diverted\n", f);
    for (size_t i = 0; i < p->nasg; i++) {
        const sn_assignment *a = &p->asg[i];
        if (a->students == 0)
            continue;
        const sn_zone *z = &net->zones[a->zone];
        sn_put_csv_field(f, net->counties[z->county]);
        fputc(',', f);
        sn_put_csv_field(f, z->id);
        fprintf(f, ",%d,", a->grade);
        sn_put_csv_field(f, net->schools[a->school].id);
        fprintf(f, ",%d,", a->students);
        sn_put_num(f, a->km);
        fprintf(f, ",%d,%d\n", a->boarding ? 1 : 0, a->diverted ? 1 : 0);
    }
}

static void write_unplaced(FILE *f, const sn_plan *p, const sn_network *net)
{
    fputs("county,zone,grade,students,reason\n", f);
    for (size_t i = 0; i < p->nunplaced; i++) {
        const sn_unplaced *u = &p->unplaced[i];
        if (u->students == 0)
            continue;
        const sn_zone *z = &net->zones[u->zone];
        sn_put_csv_field(f, net->counties[z->county]);
        fputc(',', f);
        sn_put_csv_field(f, z->id);
        fprintf(f, ",%d,%d,%s\n", u->grade, u->students,
                u->reason == SN_UNPLACED_NO_REACH ? "no_reach"
                                                  : "no_capacity");
    }
}

static void write_school_row(FILE *f, const sn_school *s,
                             const sn_school_plan *sp, const sn_network *net)
{
    long classes = 0, students = 0;
    int max_class = 0;
    for (int g = 1; g <= SN_GRADES; g++) {
        classes += sp->classes[g];
        students += sp->students[g];
        if (sp->classes[g] > 0) {
            int size = (sp->students[g] + sp->classes[g] - 1) / sp->classes[g];
            if (size > max_class)
                max_class = size;
        }
    }
    sn_put_csv_field(f, net->counties[s->county]);
    fputc(',', f);
    sn_put_csv_field(f, s->id);
    fprintf(f, ",%s,%s,", sn_stage_name(s->stage),
            sn_school_state_name(sp->state));
    if (s->classrooms >= 0)
        fprintf(f, "%d", s->classrooms);
    fprintf(f, ",%d,%ld,", sp->classrooms_added, classes);
    if (s->seats >= 0)
        fprintf(f, "%d", s->seats);
    fprintf(f, ",%ld,%d,%d,%d,%d,%d,", students, sp->boarders,
            s->boarding_beds, sp->diverted_in, sp->diverted_out, max_class);
    if (classes > 0)
        sn_put_num(f, (double)students / (double)classes);
    for (int g = 1; g <= SN_GRADES; g++)
        fprintf(f, ",%d,%d", sp->students[g], sp->classes[g]);
    fputc('\n', f);
}

static void write_schools(FILE *f, const sn_plan *p, const sn_network *net)
{
    fputs("county,school,stage,state,classrooms,classrooms_added,classes,"
          "seats,students,boarders,beds,diverted_in,diverted_out,max_class,"
          "mean_class", f);
    for (int g = 1; g <= SN_GRADES; g++)
        fprintf(f, ",g%d_students,g%d_classes", g, g);
    fputc('\n', f);
    for (int s = 0; s < net->nschools; s++)
        write_school_row(f, &net->schools[s], &p->schools[s], net);
}

static void put_levels(FILE *f, const char *key, const double *v)
{
    fprintf(f, "  \"%s\": {", key);
    for (int k = 0; k < SN_LEVELS; k++) {
        fprintf(f, "%s\"%s\": ", k ? ", " : "", sn_plan_level_name(k));
        sn_put_num(f, v[k]);
    }
    fputs("},\n", f);
}

static void write_summary(FILE *f, const sn_plan *p, const sn_network *net,
                          const sn_kpi *k, const sn_plan_extra *extra)
{
    fputs("{\n  \"scenario\": ", f);
    sn_put_json_string(f, net->sc.name ? net->sc.name : "");
    fprintf(f, ",\n  \"year\": %d,\n  \"demand_source\": ", p->year);
    sn_put_json_string(f, p->demand_source ? p->demand_source : "");
    fprintf(f, ",\n  \"status\": \"%s\",\n", sn_plan_status_name(p->status));
    put_levels(f, "objective", p->objective);
    put_levels(f, "bound", p->bound);
    fputs("  \"gap\": ", f);
    if (isfinite(p->gap))
        fprintf(f, "%.6f", fabs(p->gap) < 5e-7 ? 0.0 : p->gap);
    else
        fputs("null", f);
    fprintf(f, ",\n  \"students\": %ld,\n  \"unplaced\": %ld,\n",
            k->students, k->unplaced);
    fprintf(f, "  \"classes_over_hard_cap\": {\"before\": %ld, \"after\": %ld},\n",
            k->over_hard_cap_before, k->over_hard_cap_after);
    fprintf(f, "  \"classes_over_standard\": {\"before\": %ld, \"after\": %ld},\n",
            k->over_standard_before, k->over_standard_after);
    fprintf(f, "  \"students_diverted\": %ld,\n  \"mean_km\": ",
            k->students_diverted);
    sn_put_num(f, k->mean_km);
    fputs(",\n  \"max_km\": ", f);
    sn_put_num(f, k->max_km);
    fprintf(f, ",\n  \"schools_closed\": %d,\n  \"schools_opened\": %d,\n"
               "  \"classrooms_added\": %ld,\n  \"cost\": {\"total\": ",
            k->schools_closed, k->schools_opened, k->classrooms_added);
    sn_put_num(f, k->cost.total);
    fputs(", \"schools\": ", f);
    sn_put_num(f, k->cost.schools);
    fputs(", \"capital\": ", f);
    sn_put_num(f, k->cost.capital);
    fputs(", \"transport\": ", f);
    sn_put_num(f, k->cost.transport);
    fputs(", \"private_seats\": ", f);
    sn_put_num(f, k->cost.private_seats);
    /* which limit ended each level's solve (docs/search.md) */
    fputs("},\n  \"ended_by\": {", f);
    for (int l = 0; l < SN_LEVELS; l++)
        fprintf(f, "%s\"%s\": \"%s\"", l ? ", " : "",
                sn_plan_level_name(l), sn_plan_end_name(p->ended_by[l]));
    if (extra && extra->summary) {
        fputs("},\n", f);
        extra->summary(extra->ctx, f);
        fputs("\n}\n", f);
        return;
    }
    fputs("}\n}\n", f);
}

/* A copy of p's rows in output order (p itself is const). */
static int sorted_copy(sn_plan *c, const sn_plan *p, sn_error *err)
{
    *c = *p;
    c->asg = malloc((p->nasg ? p->nasg : 1) * sizeof *c->asg);
    c->unplaced = malloc((p->nunplaced ? p->nunplaced : 1) *
                         sizeof *c->unplaced);
    if (!c->asg || !c->unplaced) {
        free(c->asg);
        free(c->unplaced);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    if (p->nasg)
        memcpy(c->asg, p->asg, p->nasg * sizeof *c->asg);
    if (p->nunplaced)
        memcpy(c->unplaced, p->unplaced, p->nunplaced * sizeof *c->unplaced);
    c->asg_cap = p->nasg;
    c->unplaced_cap = p->nunplaced;
    sn_plan_sort(c);
    return 0;
}

int sn_plan_write(const sn_plan *plan, const sn_network *net, const char *dir,
                  sn_error *err)
{
    return sn_plan_write_extra(plan, net, dir, NULL, err);
}

int sn_plan_write_extra(const sn_plan *plan, const sn_network *net,
                        const char *dir, const sn_plan_extra *extra,
                        sn_error *err)
{
    sn_error local;
    if (!err)
        err = &local;
    int rc = check_fit(plan, net, err);
    if (rc != 0)
        return rc;
    sn_kpi k;
    if ((rc = sn_kpi_compute(&k, net, plan, err)) != 0)
        return rc;
    sn_plan c;
    if ((rc = sorted_copy(&c, plan, err)) != 0)
        return rc;
    sn_outdir *od = NULL;
    if ((rc = sn_outdir_open(&od, dir, err)) != 0)
        goto done;
    static const char *const names[] = {"assignments.csv", "unplaced.csv",
                                        "schools.csv", "summary.json",
                                        "timing.json"};
    FILE *f[5];
    for (int i = 0; i < 5; i++)
        if (!(f[i] = sn_outdir_file(od, names[i], err))) {
            rc = err->code;
            sn_outdir_abort(od);
            goto done;
        }
    write_assignments(f[0], &c, net);
    write_unplaced(f[1], &c, net);
    write_schools(f[2], &c, net);
    write_summary(f[3], &c, net, &k, extra);
    fputs("{\"seconds\": ", f[4]);
    sn_put_num(f[4], plan->seconds);
    fputs("}\n", f[4]);
    if (extra && extra->files && (rc = extra->files(extra->ctx, od, err))) {
        sn_outdir_abort(od);
        goto done;
    }
    rc = sn_outdir_commit(od, err);
done:
    free(c.asg);
    free(c.unplaced);
    return rc;
}
