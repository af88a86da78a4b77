/* write_teachers.c - teacher CSV files and the summary section (formats in
 * docs/teachers.md).  Fixed formats: integers, %.3f, shares %.4f. */
#include "io/write_teachers.h"

#include <math.h>
#include <string.h>

#include "io/format.h"

#define NJ SN_MAX_SUBJECTS

int sn_teachers_posts(const sn_scenario *sc, int uncovered)
{
    int sp = sc->standard_periods > 0 ? sc->standard_periods : 1;
    return uncovered > 0 ? (uncovered + sp - 1) / sp : 0;
}

static void write_rows(FILE *f, const sn_staffing *st, const sn_network *net)
{
    fputs("teacher,home_school,school,subject,periods,km_per_week\n", f);
    for (size_t i = 0; i < st->nrows; i++) {
        const sn_teach_row *r = &st->rows[i];
        sn_put_csv_field(f, net->teachers[r->teacher].id);
        fputc(',', f);
        sn_put_csv_field(f, net->schools[st->home[r->teacher]].id);
        fputc(',', f);
        sn_put_csv_field(f, net->schools[r->school].id);
        fputc(',', f);
        sn_put_csv_field(f, net->subjects[r->subject]);
        fprintf(f, ",%d,", r->periods);
        sn_put_num(f, r->km_per_week);
        fputc('\n', f);
    }
}

static void write_shortages(FILE *f, const sn_staffing *st,
                            const sn_network *net)
{
    fputs("school,subject,uncovered_periods,posts_needed\n", f);
    for (int s = 0; s < net->nschools; s++)
        for (int j = 0; j < net->nsubjects; j++) {
            int u = st->uncovered[(size_t)s * NJ + (size_t)j];
            if (u <= 0)
                continue;
            sn_put_csv_field(f, net->schools[s].id);
            fputc(',', f);
            sn_put_csv_field(f, net->subjects[j]);
            fprintf(f, ",%d,%d\n", u, sn_teachers_posts(&net->sc, u));
        }
}

static void write_staffing(FILE *f, const sn_staffing *st,
                           const sn_network *net)
{
    fputs("school,required,quota,actual,status,actual_after,surplus,"
          "shortage\n", f);
    for (int s = 0; s < net->nschools; s++) {
        const sn_school_staff *ss = &st->school[s];
        if (!ss->open && ss->actual == 0 && ss->actual_after == 0)
            continue;
        int d = ss->actual_after - ss->quota;
        sn_put_csv_field(f, net->schools[s].id);
        fprintf(f, ",%d,%d,%d,%s,%d,%d,%d\n", ss->required, ss->quota,
                ss->actual, sn_staff_status_name(ss->status),
                ss->actual_after, d > 0 ? d : 0, d < 0 ? -d : 0);
    }
}

const char *sn_teachers_day_name(int d)
{
    static const char *const names[SN_DAYS] = {"mon", "tue", "wed", "thu",
                                               "fri"};
    return d >= 0 && d < SN_DAYS ? names[d] : "?";
}

static void write_redeploys(FILE *f, const sn_staffing *st,
                            const sn_network *net)
{
    fputs("teacher,from,to,subject,reason,teacher_name,from_name,to_name\n",
          f);
    for (size_t i = 0; i < st->nredeploys; i++) {
        const sn_redeploy *r = &st->redeploys[i];
        const sn_teacher *T = &net->teachers[r->teacher];
        sn_put_csv_field(f, T->id);
        fputc(',', f);
        sn_put_csv_field(f, net->schools[r->from].id);
        fputc(',', f);
        sn_put_csv_field(f, net->schools[r->to].id);
        fputc(',', f);
        if (r->subject >= 0)
            sn_put_csv_field(f, net->subjects[r->subject]);
        fprintf(f, ",%s,", sn_redeploy_reason_name(r->reason));
        if (T->name)
            sn_put_csv_field(f, T->name);
        fputc(',', f);
        if (net->schools[r->from].name)
            sn_put_csv_field(f, net->schools[r->from].name);
        fputc(',', f);
        if (net->schools[r->to].name)
            sn_put_csv_field(f, net->schools[r->to].name);
        fputc('\n', f);
    }
}

static void write_days(FILE *f, const sn_staffing *st, const sn_network *net)
{
    fputs("teacher,day,school,subject,periods\n", f);
    for (size_t i = 0; i < st->ndays; i++) {
        const sn_day_row *d = &st->days[i];
        sn_put_csv_field(f, net->teachers[d->teacher].id);
        fprintf(f, ",%s,", sn_teachers_day_name(d->day));
        sn_put_csv_field(f, net->schools[d->school].id);
        fputc(',', f);
        sn_put_csv_field(f, net->subjects[d->subject]);
        fprintf(f, ",%d\n", d->periods);
    }
}

static void write_state(FILE *f, const sn_staffing *st,
                        const sn_network *net)
{
    fputs("teacher,home,years_at_school,last_rotated\n", f);
    for (int t = 0; t < st->nteachers; t++) {
        sn_put_csv_field(f, net->teachers[t].id);
        fputc(',', f);
        sn_put_csv_field(f, net->schools[st->start[t]].id);
        fprintf(f, ",%d,", st->years[t]);
        if (st->last_rotated[t])
            fprintf(f, "%d", st->last_rotated[t]);
        fputc('\n', f);
    }
}

static void write_moves(FILE *f, const sn_staffing *st, const sn_network *net)
{
    fputs("teacher,from,to,subject,excellent_or_senior,exchange\n", f);
    for (size_t i = 0; i < st->nmoves; i++) {
        const sn_move *m = &st->moves[i];
        sn_put_csv_field(f, net->teachers[m->teacher].id);
        fputc(',', f);
        sn_put_csv_field(f, net->schools[m->from].id);
        fputc(',', f);
        sn_put_csv_field(f, net->schools[m->to].id);
        fputc(',', f);
        sn_put_csv_field(f, net->subjects[m->subject]);
        fprintf(f, ",%d,%d\n", sn_teacher_strong(&net->teachers[m->teacher]),
                m->swap);
    }
}

int sn_teachers_write_files(void *ctx, struct sn_outdir *od, sn_error *err)
{
    const sn_teachers_out *o = ctx;
    static const char *const names[] = {
        "teachers.csv", "shortages.csv", "staffing.csv", "rotation.csv",
        "redeploy.csv", "timetable.csv", "teacher_state.csv"};
    int n = o->st->has_state ? 7 : 6;
    FILE *f[7];
    for (int i = 0; i < n; i++)
        if (!(f[i] = sn_outdir_file(od, names[i], err)))
            return err->code ? err->code : SN_EIO;
    write_rows(f[0], o->st, o->net);
    write_shortages(f[1], o->st, o->net);
    write_staffing(f[2], o->st, o->net);
    write_moves(f[3], o->st, o->net);
    write_redeploys(f[4], o->st, o->net);
    write_days(f[5], o->st, o->net);
    if (o->st->has_state)
        write_state(f[6], o->st, o->net);
    return 0;
}

static void put_share(FILE *f, const char *key, double v)
{
    fprintf(f, ", \"%s\": %.4f", key, fabs(v) < 5e-5 ? 0.0 : v);
}

static void write_county(FILE *f, const sn_county_staff *c, const char *name)
{
    fputs("    {\"county\": ", f);
    sn_put_json_string(f, name);
    fprintf(f, ", \"eligible\": %d, \"quota_movers\": %d, \"movers\": %d, "
               "\"quota_strong\": %d, \"strong_movers\": %d",
            c->eligible, c->quota_movers, c->movers, c->quota_strong,
            c->strong_movers);
    put_share(f, "strong_urban_before", c->strong_urban_before);
    put_share(f, "strong_rural_before", c->strong_rural_before);
    put_share(f, "strong_urban_after", c->strong_urban_after);
    put_share(f, "strong_rural_after", c->strong_rural_after);
    fprintf(f, ", \"swaps\": %d, \"redeployed_closed\": %d, "
               "\"redeployed_surplus\": %d", c->swaps, c->redeployed_closed,
            c->redeployed_surplus);
    if (c->staff_quota >= 0)
        fprintf(f, ", \"staff_quota\": %d", c->staff_quota);
    else
        fputs(", \"staff_quota\": null", f);
    fprintf(f, ", \"quota\": %d, \"actual\": %d, \"actual_after\": %d, "
               "\"hires\": %d, \"releases\": %d", c->quota, c->actual,
            c->actual_after, c->hires, c->releases);
    for (int b = 0; b < 2; b++) {
        fprintf(f, ", \"%s\": [", b ? "bound" : "objective");
        for (int k = 0; k < SN_TEACHER_LEVELS; k++) {
            if (k)
                fputs(", ", f);
            sn_put_num(f, b ? c->bound[k] : c->objective[k]);
        }
        fputc(']', f);
    }
    fputs(", \"public_funds\": ", f);
    sn_put_num(f, c->funds);
    fputs(", \"allowance\": ", f);
    sn_put_num(f, c->allowance);
    fputc('}', f);
}

void sn_teachers_write_summary(void *ctx, FILE *f)
{
    const sn_teachers_out *o = ctx;
    const sn_staffing *st = o->st;
    const sn_network *net = o->net;
    static const char *const lv[SN_TEACHER_LEVELS] = {"uncovered", "km",
                                                      "links"};
    long demand = 0, uncovered = 0, shortage_unc = 0, posts = 0;
    long required = 0, actual = 0, walking = 0, links = 0, walked = 0;
    long walked_short = 0, quota = 0, hires = 0, releases = 0, swaps = 0;
    int status_n[3] = {0, 0, 0};
    double km = 0, funds = 0, allowance = 0;
    for (int s = 0; s < net->nschools; s++) {
        const sn_school_staff *ss = &st->school[s];
        if (ss->open) {
            required += ss->required;
            status_n[ss->status]++;
        }
        actual += ss->actual;
        for (int j = 0; j < net->nsubjects; j++) {
            int u = st->uncovered[(size_t)s * NJ + (size_t)j];
            demand += st->demand[(size_t)s * NJ + (size_t)j];
            if (u > 0) {
                uncovered += u;
                posts += sn_teachers_posts(&net->sc, u);
                if (sn_staffing_weight(net, j) > 1)
                    shortage_unc += u;
            }
        }
    }
    int last_t = -1, last_s = -1;
    for (size_t i = 0; i < st->nrows; i++) {
        const sn_teach_row *r = &st->rows[i];
        km += r->km_per_week;
        if (r->school == st->home[r->teacher])
            continue;
        walked += r->periods;
        if (sn_staffing_weight(net, r->subject) > 1)
            walked_short += r->periods;
        if (r->teacher != last_t)
            walking++;
        if (r->teacher != last_t || r->school != last_s)
            links++;
        last_t = r->teacher;
        last_s = r->school;
    }
    for (int c = 0; c < net->ncounties; c++) {
        funds += st->county[c].funds;
        allowance += st->county[c].allowance;
        quota += st->county[c].quota;
        hires += st->county[c].hires;
        releases += st->county[c].releases;
        swaps += st->county[c].swaps;
    }
    fprintf(f, "  \"teachers\": {\n    \"status\": \"%s\",\n",
            sn_plan_status_name(st->status));
    for (int b = 0; b < 2; b++) {
        fprintf(f, "    \"%s\": {", b ? "bound" : "objective");
        for (int k = 0; k < SN_TEACHER_LEVELS; k++) {
            fprintf(f, "%s\"%s\": ", k ? ", " : "", lv[k]);
            sn_put_num(f, b ? st->bound[k] : st->objective[k]);
        }
        fputs("},\n", f);
    }
    fprintf(f, "    \"gap\": %.6f,\n", fabs(st->gap) < 5e-7 ? 0.0 : st->gap);
    /* which limit ended each level (docs/teachers.md "Limits") */
    fputs("    \"ended_by\": {", f);
    for (int k = 0; k < SN_TEACHER_LEVELS; k++)
        fprintf(f, "%s\"%s\": \"%s\"", k ? ", " : "", lv[k],
                sn_plan_end_name(st->ended_by[k]));
    fputs("},\n", f);
    fprintf(f, "    \"teachers\": %d,\n    \"required\": %ld,\n"
               "    \"actual\": %ld,\n    \"schools_over\": %d,\n"
               "    \"schools_full\": %d,\n    \"schools_under\": %d,\n",
            net->nteachers, required, actual, status_n[SN_STAFF_OVER],
            status_n[SN_STAFF_FULL], status_n[SN_STAFF_UNDER]);
    fprintf(f, "    \"periods_demand\": %ld,\n    \"periods_uncovered\": %ld,\n"
               "    \"shortage_subject_periods_uncovered\": %ld,\n"
               "    \"posts_needed\": %ld,\n    \"walking_teachers\": %ld,\n"
               "    \"itinerant_links\": %ld,\n    \"walked_periods\": %ld,\n"
            "    \"walked_shortage_periods\": %ld,\n    \"km_per_week\": ",
            demand, uncovered, shortage_unc, posts, walking, links, walked,
            walked_short);
    sn_put_num(f, km);
    fprintf(f, ",\n    \"movers\": %zu,\n    \"swaps\": %ld,\n"
               "    \"redeployed\": %zu,\n    \"quota\": %ld,\n"
               "    \"hires\": %ld,\n    \"releases\": %ld,\n"
               "    \"public_funds\": ", st->nmoves, swaps, st->nredeploys,
            quota, hires, releases);
    sn_put_num(f, funds);
    fputs(",\n    \"allowance\": ", f);
    sn_put_num(f, allowance);
    fputs(",\n    \"counties\": [\n", f);
    for (int c = 0; c < net->ncounties; c++) {
        write_county(f, &st->county[c], net->counties[c]);
        fputs(c + 1 < net->ncounties ? ",\n" : "\n", f);
    }
    fputs("    ]\n  }", f);
}

sn_plan_extra sn_teachers_extra(sn_teachers_out *o)
{
    sn_plan_extra e = {sn_teachers_write_files, sn_teachers_write_summary, o};
    return e;
}
