/* read_plan.c - the plan files of docs/plan-format.md back into an sn_plan.
 *
 * CSV files go through io/table (typed fields with positions), the summary
 * through io/json.  Every file is read to its end so that one run reports
 * all input errors; a row with an error is not added to the plan.
 */
#include "io/read_plan.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/file.h"
#include "io/json.h"
#include "io/table.h"

#define NG (SN_GRADES + 1)
#define BIG 1000000000 /* bound of any count in a plan file */
#define MAX_SUMMARY (1 << 20)

/* Combines two results: an I/O or memory failure wins over input errors. */
static int worse(int a, int b)
{
    if (a == SN_EINPUT || a == 0)
        return b != 0 ? b : a;
    return a;
}

static char *join(const char *dir, const char *name)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *p = malloc(len);
    if (p)
        snprintf(p, len, "%s/%s", dir, name);
    return p;
}

/* The name column c beside an id: the input's name (its id when the input
 * gave none), so a reader can trust the name it sees. */
static void expect_name(sn_table *t, int c, const char *name, const char *id)
{
    const char *got;
    const char *want = name ? name : id;
    if (sn_table_str(t, c, &got) == 0 && got && strcmp(got, want) != 0)
        sn_table_fail(t, c, "the name is '%s' in the input", want);
}

/* Zone of column cz, checked against the county in column cc. */
static int get_zone(sn_table *t, int cc, int cz, const sn_network *net)
{
    const char *id, *county;
    if (sn_table_str(t, cz, &id) || sn_table_str(t, cc, &county))
        return -1;
    int z = sn_network_find_zone(net, id);
    if (z < 0) {
        sn_table_fail(t, cz, "unknown zone");
        return -1;
    }
    const char *want = net->counties[net->zones[z].county];
    if (strcmp(county, want) != 0) {
        sn_table_fail(t, cc, "county is not zone %s's county '%s'", id, want);
        return -1;
    }
    return z;
}

static int get_school(sn_table *t, int c, const sn_network *net)
{
    const char *id;
    if (sn_table_str(t, c, &id))
        return -1;
    int s = sn_network_find_school(net, id);
    if (s < 0)
        sn_table_fail(t, c, "unknown school");
    return s;
}

/* Opens path as a table; loops over rows calling row_fn; returns 0,
 * SN_EINPUT (errors in diag), SN_EIO or SN_ENOMEM. */
typedef int (*row_fn)(sn_table *t, sn_plan *p, const sn_network *net,
                      void *ctx);

static int read_table(const char *dir, const char *name,
                      const sn_table_col *cols, size_t ncols, row_fn fn,
                      sn_plan *p, const sn_network *net, void *ctx,
                      int *opened, sn_diag *diag, sn_error *err)
{
    char *path = join(dir, name);
    if (!path)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    sn_table *t = NULL;
    int rc = sn_table_open(&t, path, cols, ncols, diag, err);
    free(path);
    if (rc != 0)
        return rc;
    if (opened)
        *opened = 1;
    int more;
    while (rc == 0 && (more = sn_table_next(t, err)) != 0) {
        if (more < 0) {
            rc = more;
            break;
        }
        rc = fn(t, p, net, ctx);
    }
    if (rc == 0 && sn_table_errors(t) > 0)
        rc = SN_EINPUT;
    sn_table_free(t);
    return rc;
}

/* ---- assignments.csv, unplaced.csv -------------------------------------- */

enum { A_COUNTY, A_ZONE, A_ZONE_NAME, A_GRADE, A_SCHOOL, A_SCHOOL_NAME,
       A_STUDENTS, A_KM, A_TRAVEL, A_BOARDING, A_DIVERTED, A_N };
static const sn_table_col asg_cols[A_N] = {
    {"county", 1}, {"zone", 1}, {"zone_name", 1}, {"grade", 1},
    {"school", 1}, {"school_name", 1}, {"students", 1}, {"km", 1},
    {"travel", 1}, {"boarding", 1}, {"diverted", 1}};
static const char *const travels[] = {"walk", "bus", "board", "far", NULL};

static int asg_row(sn_table *t, sn_plan *p, const sn_network *net, void *ctx)
{
    (void)ctx;
    sn_assignment a;
    int travel;
    a.zone = get_zone(t, A_COUNTY, A_ZONE, net);
    sn_table_int(t, A_GRADE, 0, 1, SN_GRADES, &a.grade);
    a.school = get_school(t, A_SCHOOL, net);
    sn_table_int(t, A_STUDENTS, 0, -BIG, BIG, &a.students);
    sn_table_double(t, A_KM, 0, -1.0, HUGE_VAL, &a.km);
    sn_table_bool(t, A_BOARDING, 0, &a.boarding);
    sn_table_bool(t, A_DIVERTED, 0, &a.diverted);
    if (sn_table_enum(t, A_TRAVEL, travels, 0, &travel) == 0 &&
        !sn_table_row_errors(t)) {
        int want = sn_kpi_travel(&net->sc, a.grade, a.km, a.boarding);
        if (travel != want)
            sn_table_fail(t, A_TRAVEL, "travel must be '%s' for %.3f km "
                          "with boarding %d", travels[want], a.km,
                          a.boarding);
    }
    if (a.zone >= 0)
        expect_name(t, A_ZONE_NAME, net->zones[a.zone].name,
                    net->zones[a.zone].id);
    if (a.school >= 0)
        expect_name(t, A_SCHOOL_NAME, net->schools[a.school].name,
                    net->schools[a.school].id);
    if (sn_table_row_errors(t))
        return 0;
    return sn_plan_add_assignment(p, &a);
}

enum { U_COUNTY, U_ZONE, U_ZONE_NAME, U_GRADE, U_STUDENTS, U_REASON, U_N };
static const sn_table_col unplaced_cols[U_N] = {
    {"county", 1}, {"zone", 1}, {"zone_name", 1}, {"grade", 1},
    {"students", 1}, {"reason", 1}};
static const char *const reasons[] = {"no_reach", "no_capacity", NULL};

static int unplaced_row(sn_table *t, sn_plan *p, const sn_network *net,
                        void *ctx)
{
    (void)ctx;
    sn_unplaced u;
    int reason;
    u.zone = get_zone(t, U_COUNTY, U_ZONE, net);
    sn_table_int(t, U_GRADE, 0, 1, SN_GRADES, &u.grade);
    sn_table_int(t, U_STUDENTS, 0, -BIG, BIG, &u.students);
    sn_table_enum(t, U_REASON, reasons, 0, &reason);
    u.reason = (sn_unplaced_reason)reason;
    if (u.zone >= 0)
        expect_name(t, U_ZONE_NAME, net->zones[u.zone].name,
                    net->zones[u.zone].id);
    if (sn_table_row_errors(t))
        return 0;
    return sn_plan_add_unplaced(p, &u);
}

/* ---- shortfall.csv ---------------------------------------------------------- */

enum { F_COUNTY, F_SCHOOL, F_SCHOOL_NAME, F_GRADE, F_STUDENTS, F_CLASSES,
       F_CLASSROOMS, F_OVER, F_SHORT, F_BEDS, F_N };
static const sn_table_col short_cols[F_N] = {
    {"county", 1}, {"school", 1}, {"school_name", 1}, {"grade", 0},
    {"students", 1}, {"classes", 1}, {"classrooms", 1},
    {"pupils_over_cap", 1}, {"classrooms_short", 1}, {"beds_short", 1}};

static int short_row(sn_table *t, sn_plan *p, const sn_network *net,
                     void *ctx)
{
    (void)ctx;
    sn_shortfall_row r;
    int over;
    const char *county;
    r.school = get_school(t, F_SCHOOL, net);
    if (r.school >= 0) {
        const sn_school *sch = &net->schools[r.school];
        expect_name(t, F_SCHOOL_NAME, sch->name, sch->id);
        if (sn_table_str(t, F_COUNTY, &county) == 0 &&
            strcmp(county, net->counties[sch->county]) != 0)
            sn_table_fail(t, F_COUNTY, "county is '%s' in the input",
                          net->counties[sch->county]);
    }
    sn_table_int(t, F_GRADE, 0, 1, SN_GRADES, &r.grade);
    sn_table_int(t, F_STUDENTS, 0, 0, BIG, &r.students);
    sn_table_int(t, F_CLASSES, 0, 0, BIG, &r.classes);
    sn_table_int(t, F_CLASSROOMS, 0, 0, BIG, &r.classrooms);
    sn_table_int(t, F_OVER, 0, 0, BIG, &over);
    sn_table_int(t, F_SHORT, 0, 0, BIG, &r.classrooms_short);
    int beds;
    sn_table_int(t, F_BEDS, 0, 0, BIG, &beds);
    r.pupils_over_cap = over;
    r.beds_short = beds;
    if (sn_table_row_errors(t))
        return 0;
    if (p->nshortfall % 64 == 0) {
        sn_shortfall_row *n = realloc(p->shortfall, (p->nshortfall + 64) *
                                                        sizeof *n);
        if (!n)
            return SN_ENOMEM;
        p->shortfall = n;
    }
    p->shortfall[p->nshortfall++] = r;
    return 0;
}

/* ---- schools.csv ---------------------------------------------------------- */

enum { S_COUNTY, S_SCHOOL, S_SCHOOL_NAME, S_STAGE, S_STATE, S_OPENED,
       S_CLOSED, S_CLASSROOMS, S_ADDED, S_CAPITAL, S_CLASSES, S_SEATS,
       S_STUDENTS, S_BOARDERS, S_BEDS, S_DIV_IN, S_DIV_OUT, S_MAX_CLASS,
       S_MEAN_CLASS, S_G1, S_N = S_G1 + 2 * SN_GRADES };
static const sn_table_col school_cols[S_N] = {
    {"county", 1}, {"school", 1}, {"school_name", 1}, {"stage", 1},
    {"state", 1}, {"opened_year", 0}, {"closed_year", 0},
    {"classrooms", 0}, {"classrooms_added", 1}, {"capital_one_off", 1},
    {"classes", 1},
    {"seats", 0}, {"students", 1}, {"boarders", 1}, {"beds", 1},
    {"diverted_in", 1}, {"diverted_out", 1}, {"max_class", 1},
    {"mean_class", 0},
    {"g1_students", 1}, {"g1_classes", 1}, {"g2_students", 1},
    {"g2_classes", 1}, {"g3_students", 1}, {"g3_classes", 1},
    {"g4_students", 1}, {"g4_classes", 1}, {"g5_students", 1},
    {"g5_classes", 1}, {"g6_students", 1}, {"g6_classes", 1},
    {"g7_students", 1}, {"g7_classes", 1}, {"g8_students", 1},
    {"g8_classes", 1}, {"g9_students", 1}, {"g9_classes", 1}};
static const char *const states[] = {"open", "closed", "new", "not_built",
                                     NULL};

/* A column that repeats an input value: empty when the input has none. */
static void expect_input(sn_table *t, int c, int value)
{
    int got;
    if (value < 0) {
        if (!sn_table_empty(t, c))
            sn_table_fail(t, c, "%s must be empty for this school",
                          school_cols[c].name);
        return;
    }
    if (sn_table_int(t, c, -1, 0, INT_MAX, &got) == 0 && got != value)
        sn_table_fail(t, c, "%s is %d in the input", school_cols[c].name,
                      value);
}

/* Totals, largest and mean class of a row against its grade columns. */
static void expect_totals(sn_table *t, const sn_school_plan *sp)
{
    long classes = 0, students = 0;
    int max_class = 0, got;
    for (int g = 1; g <= SN_GRADES; g++) {
        classes += sp->classes[g];
        students += sp->students[g];
        if (sp->classes[g] > 0) {
            int size = (sp->students[g] + sp->classes[g] - 1) / sp->classes[g];
            max_class = size > max_class ? size : max_class;
        }
    }
    if (sn_table_int(t, S_CLASSES, 0, -BIG, BIG, &got) == 0 && got != classes)
        sn_table_fail(t, S_CLASSES, "classes must be the sum over grades, %ld",
                      classes);
    if (sn_table_int(t, S_STUDENTS, 0, -BIG, BIG, &got) == 0 &&
        got != students)
        sn_table_fail(t, S_STUDENTS,
                      "students must be the sum over grades, %ld", students);
    if (sn_table_int(t, S_MAX_CLASS, 0, -BIG, BIG, &got) == 0 &&
        got != max_class)
        sn_table_fail(t, S_MAX_CLASS, "max_class must be %d", max_class);
    double mean;
    if (classes <= 0) {
        if (!sn_table_empty(t, S_MEAN_CLASS))
            sn_table_fail(t, S_MEAN_CLASS, "mean_class must be empty "
                                           "when there are no classes");
    } else if (sn_table_double(t, S_MEAN_CLASS, NAN, -HUGE_VAL, HUGE_VAL,
                               &mean) == 0 &&
               !(fabs(mean - (double)students / (double)classes) <= 0.0006)) {
        sn_table_fail(t, S_MEAN_CLASS, "mean_class must be %.3f",
                      (double)students / (double)classes);
    }
}

typedef struct school_ctx {
    long *line_of; /* line where each school was read, 0 if not yet */
} school_ctx;

static int school_row(sn_table *t, sn_plan *p, const sn_network *net,
                      void *ctx)
{
    school_ctx *sc = ctx;
    const char *county = NULL, *stage = NULL;
    int s = get_school(t, S_SCHOOL, net);
    if (s < 0)
        return 0;
    const sn_school *sch = &net->schools[s];
    if (sc->line_of[s]) {
        sn_table_fail(t, S_SCHOOL, "school listed twice (first on line %ld)",
                      sc->line_of[s]);
        return 0;
    }
    sc->line_of[s] = sn_table_line(t);
    if (sn_table_str(t, S_COUNTY, &county) == 0 &&
        strcmp(county, net->counties[sch->county]) != 0)
        sn_table_fail(t, S_COUNTY, "county is '%s' in the input",
                      net->counties[sch->county]);
    if (sn_table_str(t, S_STAGE, &stage) == 0 &&
        strcmp(stage, sn_stage_name(sch->stage)) != 0)
        sn_table_fail(t, S_STAGE, "stage is '%s' in the input",
                      sn_stage_name(sch->stage));
    expect_input(t, S_CLASSROOMS, sch->classrooms);
    expect_input(t, S_SEATS, sch->seats);
    expect_input(t, S_BEDS, sch->boarding_beds);
    sn_school_plan sp;
    memset(&sp, 0, sizeof sp);
    int state;
    sn_table_enum(t, S_STATE, states, 0, &state);
    sp.state = (sn_school_state)state;
    sn_table_int(t, S_ADDED, 0, -BIG, BIG, &sp.classrooms_added);
    sn_table_int(t, S_OPENED, 0, 1949, 2100, &sp.opened_year);
    sn_table_int(t, S_CLOSED, 0, 1949, 2100, &sp.closed_year);
    expect_name(t, S_SCHOOL_NAME, sch->name, sch->id);
    sn_table_int(t, S_BOARDERS, 0, -BIG, BIG, &sp.boarders);
    sn_table_int(t, S_DIV_IN, 0, -BIG, BIG, &sp.diverted_in);
    sn_table_int(t, S_DIV_OUT, 0, -BIG, BIG, &sp.diverted_out);
    for (int g = 1; g <= SN_GRADES; g++) {
        sn_table_int(t, S_G1 + 2 * (g - 1), 0, -BIG, BIG, &sp.students[g]);
        sn_table_int(t, S_G1 + 2 * (g - 1) + 1, 0, -BIG, BIG, &sp.classes[g]);
    }
    expect_totals(t, &sp);
    double capital;
    if (sn_table_double(t, S_CAPITAL, 0, -HUGE_VAL, HUGE_VAL, &capital) == 0 &&
        !sn_table_row_errors(t)) {
        double want = sn_kpi_school_capital(sch, &sp);
        if (fabs(capital - want) > 0.001 + 1e-9 * fabs(want))
            sn_table_fail(t, S_CAPITAL, "capital_one_off must be %.3f (its "
                          "build cost when new + classroom cost x "
                          "classrooms_added)", want);
    }
    p->schools[s] = sp;
    return 0;
}

static int read_schools(sn_plan *p, const sn_network *net, const char *dir,
                        sn_diag *diag, sn_error *err)
{
    school_ctx sc;
    sc.line_of = calloc(net->nschools > 0 ? (size_t)net->nschools : 1,
                        sizeof *sc.line_of);
    if (!sc.line_of)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    int opened = 0;
    int rc = read_table(dir, "schools.csv", school_cols, S_N, school_row, p,
                        net, &sc, &opened, diag, err);
    if (opened && (rc == 0 || rc == SN_EINPUT)) {
        char *path = join(dir, "schools.csv");
        int missing = 0;
        for (int s = 0; s < net->nschools; s++)
            if (!sc.line_of[s] && missing++ < 10)
                sn_diag_error(diag, path ? path : "schools.csv", 0, 0,
                              "school %s is missing", net->schools[s].id);
        if (missing > 10)
            sn_diag_error(diag, path ? path : "schools.csv", 0, 0,
                          "... and %d more schools are missing",
                          missing - 10);
        if (missing)
            rc = SN_EINPUT;
        free(path);
    }
    free(sc.line_of);
    return rc;
}

/* ---- summary.json, timing.json ------------------------------------------ */

/* Keys of summary.json: numbers unless marked. */
enum { K_YEAR, K_GAP, K_STUDENTS, K_UNPLACED, K_CAP_BEFORE, K_CAP_AFTER,
       K_STD_BEFORE, K_STD_AFTER, K_DIVERTED, K_MEAN_KM, K_MAX_KM, K_CLOSED,
       K_OPENED, K_ADDED, K_COST_TOTAL, K_COST_SCHOOLS, K_COST_CAPITAL,
       K_COST_TRANSPORT, K_COST_SEATS, K_COST_BOARDING, K_OVER_CAP,
       K_SHORT, K_BEDS_SHORT, K_BEYOND, K_BUS, K_ONE_OFF, K_STATUS, K_SOURCE, K_MODE,
       K_BOARDERS, K_OBJECTIVE = K_BOARDERS + SN_GRADES,
       K_BOUND = K_OBJECTIVE + SN_LEVELS, K_N = K_BOUND + SN_LEVELS };

typedef struct key_spec {
    const char *key;
    char kind; /* 'i' whole number, 'n' number, 'z' number or null,
                * 's' string */
} key_spec;

static const key_spec fixed_keys[K_OBJECTIVE] = {
    {"year", 'i'}, {"gap", 'z'}, {"students", 'i'}, {"unplaced", 'i'},
    {"classes_over_hard_cap.before", 'i'},
    {"classes_over_hard_cap.after", 'i'},
    {"classes_over_standard.before", 'i'},
    {"classes_over_standard.after", 'i'}, {"students_diverted", 'i'},
    {"mean_km", 'n'}, {"max_km", 'n'}, {"schools_closed", 'i'},
    {"schools_opened", 'i'}, {"classrooms_added", 'i'},
    {"cost.total", 'n'}, {"cost.schools", 'n'}, {"cost.capital", 'n'},
    {"cost.transport", 'n'}, {"cost.private_seats", 'n'},
    {"cost.boarding", 'n'}, {"pupils_over_cap", 'i'},
    {"classrooms_short", 'i'}, {"beds_short", 'i'},
    {"pupils_beyond_walking", 'i'},
    {"bus_riders", 'i'}, {"capital_one_off", 'n'},
    {"status", 's'}, {"demand_source", 's'}, {"objective_mode", 's'},
    {"boarders_by_grade[0]", 'i'}, {"boarders_by_grade[1]", 'i'},
    {"boarders_by_grade[2]", 'i'}, {"boarders_by_grade[3]", 'i'},
    {"boarders_by_grade[4]", 'i'}, {"boarders_by_grade[5]", 'i'},
    {"boarders_by_grade[6]", 'i'}, {"boarders_by_grade[7]", 'i'},
    {"boarders_by_grade[8]", 'i'}};

typedef struct summary {
    const char *path;
    sn_diag *diag;
    const sn_network *net;
    long *county_short;  /* [county], -1 until read; owned until taken */
    int weighted;        /* objective_mode */
    double wvalue, wbound;
    int wseen;           /* bits: 1 value, 2 bound */
    char level_keys[2 * SN_LEVELS][64];
    key_spec spec[K_N];
    int seen[K_N];
    double num[K_N];
    int status;
    const char *source; /* static */
    int bad;
} summary;

static void summary_init(summary *sm, const char *path, sn_diag *diag,
                         const sn_network *net)
{
    memset(sm, 0, sizeof *sm);
    sm->path = path;
    sm->diag = diag;
    sm->net = net;
    memcpy(sm->spec, fixed_keys, sizeof fixed_keys);
    for (int k = 0; k < SN_LEVELS; k++) {
        snprintf(sm->level_keys[k], sizeof sm->level_keys[k], "objective.%s",
                 sn_plan_level_name(k));
        snprintf(sm->level_keys[SN_LEVELS + k], sizeof sm->level_keys[0],
                 "bound.%s", sn_plan_level_name(k));
        sm->spec[K_OBJECTIVE + k] = (key_spec){sm->level_keys[k], 'z'};
        sm->spec[K_BOUND + k] = (key_spec){sm->level_keys[SN_LEVELS + k], 'z'};
    }
}

static void summary_string(summary *sm, int k, const sn_json_value *v)
{
    static const char *const sources[] = {"history", "projection", ""};
    if (k == K_MODE) {
        if (!strcmp(v->str, "weighted") || !strcmp(v->str, "lexicographic")) {
            sm->weighted = v->str[0] == 'w';
            return;
        }
        sn_diag_error(sm->diag, sm->path, v->line, v->col, "objective_mode "
                      "must be lexicographic or weighted (got '%.40s')",
                      v->str);
        sm->bad = 1;
        return;
    }
    if (k == K_SOURCE) {
        for (int i = 0; i < 3; i++)
            if (!strcmp(v->str, sources[i])) {
                sm->source = i < 2 ? sources[i] : NULL;
                return;
            }
        sn_diag_error(sm->diag, sm->path, v->line, v->col,
                      "demand_source must be history or projection "
                      "(got '%.40s')", v->str);
        sm->bad = 1;
        return;
    }
    for (int st = SN_PLAN_OPTIMAL; st <= SN_PLAN_UNSOLVED; st++)
        if (!strcmp(v->str, sn_plan_status_name((sn_plan_status)st))) {
            sm->status = st;
            return;
        }
    sn_diag_error(sm->diag, sm->path, v->line, v->col,
                  "status must be optimal, feasible, interrupted, infeasible "
                  "or unsolved "
                  "(got '%.40s')", v->str);
    sm->bad = 1;
}

/* Keys named by the data: classrooms_short_by_county.COUNTY, and the
 * weighted sum (weighted mode).  Returns 1 when key was one of them. */
static int summary_extra(summary *sm, const char *key, const sn_json_value *v)
{
    static const char by[] = "classrooms_short_by_county.";
    int wk = !strcmp(key, "weighted.value") ? 1
             : !strcmp(key, "weighted.bound") ? 2 : 0;
    if (strncmp(key, by, sizeof by - 1) != 0 && !wk)
        return 0;
    int c = wk ? -1 : sn_network_find_county(sm->net, key + sizeof by - 1);
    if (v->kind != SN_JSON_NUMBER || (!wk && (v->num != floor(v->num) ||
                                             fabs(v->num) > BIG))) {
        sn_diag_error(sm->diag, sm->path, v->line, v->col, "%s must be %s",
                      key, wk ? "a number" : "a whole number");
        sm->bad = 1;
    } else if (wk) {
        *(wk == 1 ? &sm->wvalue : &sm->wbound) = v->num;
        sm->wseen |= wk;
    } else if (c < 0) {
        sn_diag_error(sm->diag, sm->path, v->line, v->col, "unknown county "
                      "'%.40s'", key + sizeof by - 1);
        sm->bad = 1;
    } else if (sm->county_short) {
        sm->county_short[c] = (long)v->num;
    }
    return 1;
}

static void summary_value(void *ctx, const char *key, const sn_json_value *v)
{
    summary *sm = ctx;
    if (summary_extra(sm, key, v))
        return;
    int k = 0;
    while (k < K_N && strcmp(sm->spec[k].key, key) != 0)
        k++;
    if (k == K_N)
        return; /* other keys ("scenario", ...) are not checked */
    char kind = sm->spec[k].kind;
    sm->seen[k] = 1;
    const char *want = NULL;
    if (kind == 's' && v->kind != SN_JSON_STRING)
        want = "a string";
    else if (kind == 'z' && v->kind == SN_JSON_NULL)
        sm->num[k] = NAN;
    else if (kind != 's' && v->kind != SN_JSON_NUMBER)
        want = kind == 'z' ? "a number or null" : "a number";
    else if (kind == 'i' && (v->num != floor(v->num) || fabs(v->num) > BIG))
        want = "a whole number";
    else if (kind == 's')
        summary_string(sm, k, v);
    else
        sm->num[k] = v->num;
    if (want) {
        sn_diag_error(sm->diag, sm->path, v->line, v->col, "%s must be %s",
                      key, want);
        sm->bad = 1;
    }
}

/* Reads a whole small file; SN_EINPUT when missing or too large. */
static int slurp(char **text, size_t *len, const char *path, int optional,
                 sn_diag *diag, sn_error *err)
{
    *text = NULL;
    FILE *f;
    char why[128];
    if (sn_file_open_read(&f, path, why, sizeof why) != 0) {
        if (optional && errno == ENOENT)
            return 0;
        sn_diag_error(diag, path, 0, 0, "%s", why);
        return SN_EINPUT;
    }
    char *buf = malloc(MAX_SUMMARY + 1);
    if (!buf) {
        fclose(f);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    size_t n = fread(buf, 1, MAX_SUMMARY + 1, f);
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        return sn_error_set(err, SN_EIO, "%s: read error", path);
    }
    if (n > MAX_SUMMARY) {
        free(buf);
        sn_diag_error(diag, path, 0, 0, "file larger than %d bytes",
                      MAX_SUMMARY);
        return SN_EINPUT;
    }
    *text = buf;
    *len = n;
    return 0;
}

static int scan_file(const char *dir, const char *name, int optional,
                     sn_json_fn fn, void *ctx, sn_diag *diag, sn_error *err)
{
    char *path = join(dir, name), *text = NULL;
    size_t len = 0;
    if (!path)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    int rc = slurp(&text, &len, path, optional, diag, err);
    if (rc == 0 && text)
        rc = sn_json_scan(text, len, path, fn, ctx, diag, err);
    free(text);
    free(path);
    return rc;
}

static int read_summary(summary *sm, const char *dir,
                        const sn_network *net, sn_diag *diag, sn_error *err)
{
    char *path = join(dir, "summary.json");
    if (!path)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    summary_init(sm, path, diag, net);
    sm->county_short = malloc(((size_t)net->ncounties + 1) *
                              sizeof *sm->county_short);
    if (!sm->county_short) {
        free(path);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    for (int c = 0; c < net->ncounties; c++)
        sm->county_short[c] = -1;
    int rc = scan_file(dir, "summary.json", 0, summary_value, sm, diag, err);
    if (rc == 0) {
        for (int k = 0; k < K_N; k++)
            if (!sm->seen[k]) {
                sn_diag_error(diag, path, 0, 0, "missing key '%s'",
                              sm->spec[k].key);
                sm->bad = 1;
            }
        for (int c = 0; c < net->ncounties; c++)
            if (sm->county_short[c] < 0) {
                sn_diag_error(diag, path, 0, 0, "missing key "
                              "'classrooms_short_by_county.%s'",
                              net->counties[c]);
                sm->bad = 1;
            }
        if (sm->weighted && sm->wseen != 3) {
            sn_diag_error(diag, path, 0, 0, "missing key 'weighted.%s' "
                          "(objective_mode weighted)",
                          sm->wseen & 1 ? "bound" : "value");
            sm->bad = 1;
        }
        if (sm->bad)
            rc = SN_EINPUT;
    }
    free(path);
    sm->path = NULL;
    return rc;
}

static void timing_value(void *ctx, const char *key, const sn_json_value *v)
{
    if (!strcmp(key, "seconds") && v->kind == SN_JSON_NUMBER)
        *(double *)ctx = v->num;
}

static void fill_from_summary(sn_plan *p, sn_kpi *k, summary *sm)
{
    p->status = (sn_plan_status)sm->status;
    p->demand_source = sm->source;
    p->gap = sm->num[K_GAP];
    for (int l = 0; l < SN_LEVELS; l++) {
        p->objective[l] = sm->num[K_OBJECTIVE + l];
        p->bound[l] = sm->num[K_BOUND + l];
    }
    p->cost.total = sm->num[K_COST_TOTAL];
    p->cost.schools = sm->num[K_COST_SCHOOLS];
    p->cost.capital = sm->num[K_COST_CAPITAL];
    p->cost.transport = sm->num[K_COST_TRANSPORT];
    p->cost.private_seats = sm->num[K_COST_SEATS];
    p->cost.boarding = sm->num[K_COST_BOARDING];
    p->weighted = sm->weighted;
    p->wvalue = sm->wvalue;
    p->wbound = sm->wbound;
    p->county_short = sm->county_short;
    sm->county_short = NULL;
    if (!k)
        return;
    memset(k, 0, sizeof *k);
    k->students = (long)sm->num[K_STUDENTS];
    k->unplaced = (long)sm->num[K_UNPLACED];
    k->students_diverted = (long)sm->num[K_DIVERTED];
    k->mean_km = sm->num[K_MEAN_KM];
    k->max_km = sm->num[K_MAX_KM];
    k->schools_closed = (int)sm->num[K_CLOSED];
    k->schools_opened = (int)sm->num[K_OPENED];
    k->classrooms_added = (long)sm->num[K_ADDED];
    k->over_hard_cap_before = (long)sm->num[K_CAP_BEFORE];
    k->over_hard_cap_after = (long)sm->num[K_CAP_AFTER];
    k->over_standard_before = (long)sm->num[K_STD_BEFORE];
    k->over_standard_after = (long)sm->num[K_STD_AFTER];
    k->pupils_over_cap = (long)sm->num[K_OVER_CAP];
    k->classrooms_short = (long)sm->num[K_SHORT];
    k->beds_short = (long)sm->num[K_BEDS_SHORT];
    k->pupils_beyond_walking = (long)sm->num[K_BEYOND];
    k->bus_riders = (long)sm->num[K_BUS];
    k->capital_one_off = sm->num[K_ONE_OFF];
    for (int g = 1; g <= SN_GRADES; g++)
        k->boarders_by_grade[g] = (long)sm->num[K_BOARDERS + g - 1];
    k->cost = p->cost;
}

/* ---- the whole plan ------------------------------------------------------- */

int sn_plan_read(sn_plan **out, sn_kpi *written, const sn_network *net,
                 const char *dir, sn_diag *diag, sn_error *err)
{
    *out = NULL;
    summary sm;
    sn_plan *p = NULL;
    int rc = read_summary(&sm, dir, net, diag, err);
    if (rc != 0 && rc != SN_EINPUT) {
        free(sm.county_short);
        return rc;
    }
    int year = rc == 0 ? (int)sm.num[K_YEAR] : 0;
    int prc = sn_plan_new(&p, net->nschools, year);
    if (prc != 0) {
        free(sm.county_short);
        return sn_error_set(err, prc, "out of memory");
    }
    if (rc == 0)
        fill_from_summary(p, written, &sm);
    free(sm.county_short);
    double seconds = 0;
    rc = worse(rc, scan_file(dir, "timing.json", 1, timing_value, &seconds,
                             diag, err));
    p->seconds = seconds;
    if (rc == 0 || rc == SN_EINPUT)
        rc = worse(rc, read_table(dir, "assignments.csv", asg_cols, A_N,
                                  asg_row, p, net, NULL, NULL, diag,
                                  err));
    if (rc == 0 || rc == SN_EINPUT)
        rc = worse(rc, read_table(dir, "unplaced.csv", unplaced_cols, U_N,
                                  unplaced_row, p, net, NULL, NULL,
                                  diag, err));
    if (rc == 0 || rc == SN_EINPUT)
        rc = worse(rc, read_schools(p, net, dir, diag, err));
    if (rc == 0 || rc == SN_EINPUT)
        rc = worse(rc, read_table(dir, "shortfall.csv", short_cols, F_N,
                                  short_row, p, net, NULL, NULL, diag, err));
    /* read, even when empty: the checker compares it */
    if ((rc == 0 || rc == SN_EINPUT) && !p->shortfall &&
        !(p->shortfall = malloc(sizeof *p->shortfall)))
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
    if (rc != 0) {
        sn_plan_free(p);
        return rc;
    }
    *out = p;
    return 0;
}
