/* write_network.c - an sn_network as CSV files and a scenario.ini.
 *
 * Each file is one function writing through an sn_outdir FILE; write errors
 * are caught when the set is committed (the stream's error flag), so the
 * writers themselves only format.  Headers are those of data format v1 and
 * must stay in step with io/read_network.c.
 */
#include "io/write_network.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/format.h"
#include "io/outdir.h"

/* The `grades` column: empty when the school teaches its whole stage. */
static void put_grades(FILE *f, const sn_school *s)
{
    int lo = s->stage == SN_JUNIOR ? 7 : 1, hi = s->stage == SN_PRIMARY ? 6 : 9;
    if (s->grade_lo != lo || s->grade_hi != hi)
        fprintf(f, "%d-%d", s->grade_lo, s->grade_hi);
}

static void write_schools(FILE *f, const sn_network *net)
{
    fputs("id,name,county,stage,grades,x_km,y_km,classrooms,seats,"
          "boarding_beds,status,ready_year,build_cost,closable,remote,"
          "annual_cost,max_new_classrooms,classroom_cost,private,seat_price,"
          "urban\n", f);
    for (int i = 0; i < net->nschools; i++) {
        const sn_school *s = &net->schools[i];
        sn_put_csv_field(f, s->id);
        fputc(',', f);
        sn_put_csv_field(f, s->name);
        fputc(',', f);
        sn_put_csv_field(f, net->counties[s->county]);
        fprintf(f, ",%s,", sn_stage_name(s->stage));
        put_grades(f, s);
        if (s->has_xy)
            fprintf(f, ",%.3f,%.3f,", s->x_km, s->y_km);
        else
            fputs(",,,", f);
        if (s->classrooms >= 0)
            fprintf(f, "%d", s->classrooms);
        fputc(',', f);
        if (s->seats >= 0)
            fprintf(f, "%d", s->seats);
        fprintf(f, ",%d,%s,", s->boarding_beds,
                s->status == SN_CANDIDATE ? "candidate" : "open");
        if (s->ready_year > 0)
            fprintf(f, "%d", s->ready_year);
        fprintf(f, ",%.3f,%d,%d,%.3f,%d,%.3f,%d,%.3f,%d\n", s->build_cost,
                s->closable, s->remote, s->annual_cost, s->max_new_classrooms,
                s->classroom_cost, s->is_private, s->seat_price, s->urban);
    }
}

static void write_zones(FILE *f, const sn_network *net)
{
    fputs("id,name,county,x_km,y_km,primary_school,junior_school\n", f);
    for (int i = 0; i < net->nzones; i++) {
        const sn_zone *z = &net->zones[i];
        sn_put_csv_field(f, z->id);
        fputc(',', f);
        sn_put_csv_field(f, z->name);
        fputc(',', f);
        sn_put_csv_field(f, net->counties[z->county]);
        if (z->has_xy)
            fprintf(f, ",%.3f,%.3f,", z->x_km, z->y_km);
        else
            fputs(",,,", f);
        if (z->primary_school >= 0)
            sn_put_csv_field(f, net->schools[z->primary_school].id);
        fputc(',', f);
        if (z->junior_school >= 0)
            sn_put_csv_field(f, net->schools[z->junior_school].id);
        fputc('\n', f);
    }
}

/* The first year with pupils in zone z (year_hi + 1: never). */
static int zone_first_year(const sn_network *net, int z)
{
    for (int y = net->year_lo; y <= net->year_hi; y++)
        for (int g = 1; g <= SN_GRADES; g++)
            if (sn_network_students(net, y, z, g) ||
                sn_network_migrants(net, y, z, g))
                return y;
    return net->year_hi + 1;
}

/* Every grade of every year from a zone's first year with pupils, zeros
 * included: the reader takes a missing cell for missing data, not for 0
 * pupils (io/read_demand.c), so what is written reads back the same. */
static void write_enrollment(FILE *f, const sn_network *net)
{
    fputs("year,zone,grade,students,migrant\n", f);
    int *first = malloc((size_t)(net->nzones ? net->nzones : 1) *
                        sizeof *first);
    for (int z = 0; first && z < net->nzones; z++)
        first[z] = zone_first_year(net, z);
    for (int y = net->year_lo; y <= net->year_hi; y++)
        for (int z = 0; z < net->nzones; z++) {
            if (first ? y < first[z] : y < zone_first_year(net, z))
                continue;
            for (int g = 1; g <= SN_GRADES; g++) {
                fprintf(f, "%d,", y);
                sn_put_csv_field(f, net->zones[z].id);
                fprintf(f, ",%d,%d,%d\n", g,
                        sn_network_students(net, y, z, g),
                        sn_network_migrants(net, y, z, g));
            }
        }
    free(first);
}

static void write_births(FILE *f, const sn_network *net)
{
    fputs("year,zone,births\n", f);
    for (int y = net->births_lo; net->births && y <= net->births_hi; y++)
        for (int z = 0; z < net->nzones; z++) {
            int b = sn_network_births(net, y, z);
            if (b == 0)
                continue;
            fprintf(f, "%d,", y);
            sn_put_csv_field(f, net->zones[z].id);
            fprintf(f, ",%d\n", b);
        }
}

static void write_distances(FILE *f, const sn_network *net)
{
    fputs("zone,school,km\n", f);
    for (size_t i = 0; i < net->ndistances; i++) {
        const sn_distance *d = &net->distances[i];
        sn_put_csv_field(f, net->zones[d->zone].id);
        fputc(',', f);
        sn_put_csv_field(f, net->schools[d->school].id);
        fprintf(f, ",%.3f\n", d->km);
    }
}

static const char *title_name(sn_title t)
{
    switch (t) {
    case SN_TITLE_SENIOR: return "senior";
    case SN_TITLE_INTERMEDIATE: return "intermediate";
    default: return "junior";
    }
}

static void write_teachers(FILE *f, const sn_network *net)
{
    fputs("id,school,subjects,title,excellent,years_at_school,max_periods,"
          "itinerant,class_teacher\n", f);
    for (int i = 0; i < net->nteachers; i++) {
        const sn_teacher *t = &net->teachers[i];
        sn_put_csv_field(f, t->id);
        fputc(',', f);
        sn_put_csv_field(f, net->schools[t->school].id);
        fputc(',', f);
        int first = 1;
        for (int s = 0; s < net->nsubjects; s++)
            if (t->subjects & (1ULL << s)) {
                if (!first)
                    fputc(';', f);
                fputs(net->subjects[s], f);
                first = 0;
            }
        fprintf(f, ",%s,%d,%d,%d,%d,%d\n", title_name(t->title), t->excellent,
                t->years_at_school, t->max_periods, t->itinerant,
                t->class_teacher);
    }
}

/* Subject by subject, so a reader that numbers subjects in order of first
 * appearance numbers them as net does. */
static void write_curriculum(FILE *f, const sn_network *net)
{
    fputs("stage,grade,subject,periods\n", f);
    for (int s = 0; s < net->nsubjects; s++)
        for (int g = 1; g <= SN_GRADES; g++) {
            int p = net->curriculum[g * SN_MAX_SUBJECTS + s];
            if (p > 0)
                fprintf(f, "%s,%d,%s,%d\n", sn_stage_name(sn_grade_stage(g)),
                        g, net->subjects[s], p);
        }
}

/* The shortest "%.*g" that reads back as the same double. */
static void put_double(FILE *f, const char *key, double v)
{
    char buf[64];
    for (int prec = 6; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    fprintf(f, "%s = %s\n", key, buf);
}

/* A quoted ini value; a double quote inside becomes a single one. */
static void put_text(FILE *f, const char *key, const char *v)
{
    fprintf(f, "%s = \"", key);
    for (const char *p = v ? v : ""; *p; p++)
        fputc(*p == '"' ? '\'' : *p == '\n' ? ' ' : *p, f);
    fputs("\"\n", f);
}

static void write_scenario(FILE *f, const sn_network *net)
{
    const sn_scenario *sc = &net->sc;
    static const char *const gpr[] = {"mean", "weighted", "median"};
    fputs("; schoolnet scenario: every key with its value; "
          "docs/data-format.md explains each.\n[scenario]\n", f);
    put_text(f, "name", sc->name);
    fprintf(f, "data = .\nyear = %d\ndivert = %s\n", sc->year,
            sc->divert == SN_DIVERT_ALL ? "all" : "intake");
    fprintf(f, "\n[classes]\nstandard_primary = %d\nstandard_junior = %d\n"
               "hard_cap = %d\n", sc->standard_primary, sc->standard_junior,
            sc->hard_cap);
    fputs("\n[travel]\n", f);
    put_double(f, "max_km_primary", sc->max_km_primary);
    put_double(f, "max_km_junior", sc->max_km_junior);
    put_double(f, "boarding_max_km", sc->boarding_max_km);
    put_double(f, "detour_factor", sc->detour_factor);
    put_double(f, "transport_cost_per_student_km",
               sc->transport_cost_per_student_km);
    fprintf(f, "\n[consolidation]\nallow_closures = %d\nmax_open_schools = %d\n",
            sc->allow_closures, sc->max_open_schools);
    fputs("\n[costs]\n", f);
    put_double(f, "discount_rate", sc->discount_rate);
    fprintf(f, "capital_years = %d\n", sc->capital_years);
    fputs("\n[teachers]\n", f);
    put_double(f, "ratio_primary", sc->ratio_primary);
    put_double(f, "ratio_junior", sc->ratio_junior);
    put_double(f, "max_itinerant_km", sc->max_itinerant_km);
    fprintf(f, "max_schools_per_teacher = %d\n", sc->max_schools_per_teacher);
    put_double(f, "rotation_rate", sc->rotation_rate);
    put_double(f, "rotation_excellent_share", sc->rotation_excellent_share);
    fprintf(f, "rotation_min_years = %d\nstandard_periods = %d\n",
            sc->rotation_min_years, sc->standard_periods);
    fprintf(f, "\n[projection]\ngpr_years = %d\ngpr_method = %s\n",
            sc->gpr_years,
            sc->gpr_method >= 0 && sc->gpr_method <= 2 ? gpr[sc->gpr_method]
                                                       : "mean");
    put_double(f, "shrink_students", sc->shrink_students);
    fputs("\n[solver]\n", f);
    put_double(f, "time_limit", sc->time_limit);
    put_double(f, "mip_gap", sc->mip_gap);
}

typedef struct part {
    const char *name;
    void (*write)(FILE *f, const sn_network *net);
} part;

static const part parts[] = {
    {"schools.csv", write_schools},       {"zones.csv", write_zones},
    {"enrollment.csv", write_enrollment}, {"births.csv", write_births},
    {"distances.csv", write_distances},   {"teachers.csv", write_teachers},
    {"curriculum.csv", write_curriculum}, {"scenario.ini", write_scenario},
};

int sn_network_write(const sn_network *net, const char *dir, sn_error *err)
{
    sn_outdir *od;
    int rc = sn_outdir_open(&od, dir, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        FILE *f = sn_outdir_file(od, parts[i].name, err);
        if (!f) {
            rc = err ? err->code : SN_EIO;
            sn_outdir_abort(od);
            return rc ? rc : SN_EIO;
        }
        parts[i].write(f, net);
    }
    return sn_outdir_commit(od, err);
}
