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
#include "model/forecast.h"
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

/* "id,name," of a zone or school: the name a bureau reads beside the id
 * a program matches (the id when the input gave no name). */
static void put_id_name(FILE *f, const char *id, const char *name)
{
    sn_put_csv_field(f, id);
    fputc(',', f);
    sn_put_csv_field(f, name ? name : id);
}

static void write_assignments(FILE *f, const sn_plan *p,
                              const sn_network *net)
{
    fputs("county,zone,zone_name,grade,school,school_name,students,km,"
          "travel,boarding,diverted\n", f);
    for (size_t i = 0; i < p->nasg; i++) {
        const sn_assignment *a = &p->asg[i];
        if (a->students == 0)
            continue;
        const sn_zone *z = &net->zones[a->zone];
        const sn_school *s = &net->schools[a->school];
        sn_put_csv_field(f, net->counties[z->county]);
        fputc(',', f);
        put_id_name(f, z->id, z->name);
        fprintf(f, ",%d,", a->grade);
        put_id_name(f, s->id, s->name);
        fprintf(f, ",%d,", a->students);
        sn_put_num(f, a->km);
        fprintf(f, ",%s,%d,%d\n",
                sn_kpi_travel_name(
                    sn_kpi_travel(&net->sc, a->grade, a->km, a->boarding)),
                a->boarding ? 1 : 0, a->diverted ? 1 : 0);
    }
}

static void write_unplaced(FILE *f, const sn_plan *p, const sn_network *net)
{
    fputs("county,zone,zone_name,grade,students,reason\n", f);
    for (size_t i = 0; i < p->nunplaced; i++) {
        const sn_unplaced *u = &p->unplaced[i];
        if (u->students == 0)
            continue;
        const sn_zone *z = &net->zones[u->zone];
        sn_put_csv_field(f, net->counties[z->county]);
        fputc(',', f);
        put_id_name(f, z->id, z->name);
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
    put_id_name(f, s->id, s->name);
    fprintf(f, ",%s,%s,", sn_stage_name(s->stage),
            sn_school_state_name(sp->state));
    if (sp->opened_year > 0)
        fprintf(f, "%d", sp->opened_year);
    fputc(',', f);
    if (sp->closed_year > 0)
        fprintf(f, "%d", sp->closed_year);
    fputc(',', f);
    if (s->classrooms >= 0)
        fprintf(f, "%d", s->classrooms);
    fprintf(f, ",%d,", sp->classrooms_added);
    sn_put_num(f, sn_kpi_school_capital(s, sp));
    fprintf(f, ",%ld,", classes);
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
    fputs("county,school,school_name,stage,state,opened_year,closed_year,"
          "classrooms,classrooms_added,capital_one_off,classes,seats,students,"
          "boarders,beds,diverted_in,diverted_out,max_class,mean_class", f);
    for (int g = 1; g <= SN_GRADES; g++)
        fprintf(f, ",g%d_students,g%d_classes", g, g);
    fputc('\n', f);
    for (int s = 0; s < net->nschools; s++)
        write_school_row(f, &net->schools[s], &p->schools[s], net);
}

static void write_shortfall(FILE *f, const sn_shortfall_row *r, size_t n,
                            const sn_network *net)
{
    fputs("county,school,school_name,grade,students,classes,classrooms,"
          "pupils_over_cap,classrooms_short,beds_short\n", f);
    for (size_t i = 0; i < n; i++) {
        const sn_school *s = &net->schools[r[i].school];
        sn_put_csv_field(f, net->counties[s->county]);
        fputc(',', f);
        put_id_name(f, s->id, s->name);
        fputc(',', f);
        if (r[i].grade > 0)
            fprintf(f, "%d", r[i].grade);
        fprintf(f, ",%d,%d,%d,%ld,%d,%ld\n", r[i].students, r[i].classes,
                r[i].classrooms, r[i].pupils_over_cap, r[i].classrooms_short,
                r[i].beds_short);
    }
}

/* The levels in the scenario's solve order (the priority a reader sees). */
static void put_levels(FILE *f, const char *key, const double *v,
                       const sn_scenario *sc)
{
    fprintf(f, "  \"%s\": {", key);
    for (int i = 0; i < SN_LEVELS; i++) {
        int k = sc->objective_order[i];
        fprintf(f, "%s\"%s\": ", i ? ", " : "", sn_plan_level_name(k));
        sn_put_num(f, v[k]);
    }
    fputs("},\n", f);
}

/* What issue 9 asks a bureau to see: seats short, how pupils travel,
 * one-off capital. */
static void write_realism(FILE *f, const sn_network *net, const sn_kpi *k,
                          const sn_shortfall_row *r, size_t n)
{
    fprintf(f, "  \"pupils_over_cap\": %ld,\n  \"classrooms_short\": %ld,\n"
               "  \"classrooms_short_by_county\": {", k->pupils_over_cap,
            k->classrooms_short);
    for (int c = 0; c < net->ncounties; c++) {
        long sum = 0;
        for (size_t i = 0; i < n; i++)
            if (net->schools[r[i].school].county == c)
                sum += r[i].classrooms_short;
        fprintf(f, "%s", c ? ", " : "");
        sn_put_json_string(f, net->counties[c]);
        fprintf(f, ": %ld", sum);
    }
    fprintf(f, "},\n  \"beds_short\": %ld,\n  \"pupils_beyond_walking\": %ld,"
               "\n  \"bus_riders\": %ld,\n  \"boarders_by_grade\": [",
            k->beds_short, k->pupils_beyond_walking, k->bus_riders);
    for (int g = 1; g <= SN_GRADES; g++)
        fprintf(f, "%s%ld", g > 1 ? ", " : "", k->boarders_by_grade[g]);
    fputs("],\n  \"capital_one_off\": ", f);
    sn_put_num(f, k->capital_one_off);
    fputs(",\n", f);
}

/* Pupils from new housing and nine-year retention per county (projection
 * module, docs/projection.md); left out when they cannot be computed. */
static void write_demand_info(FILE *f, const sn_network *net, int year)
{
    sn_demand_info d;
    if (sn_forecast_demand_info(&d, net, year, NULL) != 0)
        return;
    fputs("},\n  \"housing_pupils\": ", f);
    sn_put_num(f, d.housing);
    fputs(",\n  \"retention\": {", f);
    for (int c = 0; c < d.ncounties; c++) {
        fputs(c ? ", " : "", f);
        sn_put_json_string(f, net->counties[c]);
        fputs(": ", f);
        if (isfinite(d.retention[c]))
            fprintf(f, "%.4f", d.retention[c]);
        else
            fputs("null", f);
    }
    sn_demand_info_dispose(&d);
}

static void write_summary(FILE *f, const sn_plan *p, const sn_network *net,
                          const sn_kpi *k, const sn_shortfall_row *rows,
                          size_t nrows, const sn_plan_extra *extra)
{
    fputs("{\n  \"scenario\": ", f);
    sn_put_json_string(f, net->sc.name ? net->sc.name : "");
    fprintf(f, ",\n  \"year\": %d,\n  \"demand_source\": ", p->year);
    sn_put_json_string(f, p->demand_source ? p->demand_source : "");
    fprintf(f, ",\n  \"status\": \"%s\",\n", sn_plan_status_name(p->status));
    fprintf(f, "  \"objective_mode\": \"%s\",\n",
            net->sc.objective_mode == SN_OBJECTIVE_WEIGHTED ? "weighted"
                                                            : "lexicographic");
    put_levels(f, "objective", p->objective, &net->sc);
    put_levels(f, "bound", p->bound, &net->sc);
    if (p->weighted) {
        fputs("  \"weighted\": {\"value\": ", f);
        sn_put_num(f, p->wvalue);
        fputs(", \"bound\": ", f);
        sn_put_num(f, p->wbound);
        fputs("},\n", f);
    }
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
               "  \"classrooms_added\": %ld,\n",
            k->schools_closed, k->schools_opened, k->classrooms_added);
    write_realism(f, net, k, rows, nrows);
    fputs("  \"cost\": {\"total\": ", f);
    sn_put_num(f, k->cost.total);
    fputs(", \"schools\": ", f);
    sn_put_num(f, k->cost.schools);
    fputs(", \"capital\": ", f);
    sn_put_num(f, k->cost.capital);
    fputs(", \"transport\": ", f);
    sn_put_num(f, k->cost.transport);
    fputs(", \"private_seats\": ", f);
    sn_put_num(f, k->cost.private_seats);
    fputs(", \"boarding\": ", f);
    sn_put_num(f, k->cost.boarding);
    write_demand_info(f, net, p->year);
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
    sn_shortfall_row *rows = NULL;
    size_t nrows = 0;
    if (sn_kpi_shortfall(&rows, &nrows, net, plan))
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    sn_plan c;
    if ((rc = sorted_copy(&c, plan, err)) != 0) {
        free(rows);
        return rc;
    }
    sn_outdir *od = NULL;
    if ((rc = sn_outdir_open(&od, dir, err)) != 0)
        goto done;
    static const char *const names[] = {"assignments.csv", "unplaced.csv",
                                        "schools.csv", "summary.json",
                                        "timing.json", "shortfall.csv"};
    FILE *f[6];
    for (int i = 0; i < 6; i++)
        if (!(f[i] = sn_outdir_file(od, names[i], err))) {
            rc = err->code;
            sn_outdir_abort(od);
            goto done;
        }
    write_assignments(f[0], &c, net);
    write_unplaced(f[1], &c, net);
    write_schools(f[2], &c, net);
    write_summary(f[3], &c, net, &k, rows, nrows, extra);
    write_shortfall(f[5], rows, nrows, net);
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
    free(rows);
    return rc;
}
