/* write_report_book.c - plan.xlsx from a plan's files: a summary sheet
 * (summary.json's keys, one a row) and one sheet per CSV file present,
 * cell for cell, with the school names beside the ids on the schools
 * sheet (unless schools.csv already has them) and Chinese headers when
 * the report is in Chinese. */
#include <stdlib.h>
#include <string.h>

#include "io/write_report_impl.h"
#include "io/write_xlsx.h"

typedef struct label {
    const char *key, *zh;
} label;

static const label heads[] = {
    {"county", "县（市、区）"}, {"school", "学校代码"}, {"name", "名称"},
    {"zone", "片区代码"}, {"grade", "年级"}, {"students", "学生数"},
    {"km", "距离（公里）"}, {"boarding", "寄宿"}, {"diverted", "分流"},
    {"reason", "原因"}, {"stage", "学段"}, {"state", "规划状态"},
    {"classrooms", "现有教室"}, {"classrooms_added", "新增教室"},
    {"classes", "班数"}, {"seats", "学位"}, {"boarders", "寄宿生"},
    {"beds", "床位"}, {"diverted_in", "转入学生"},
    {"diverted_out", "转出学生"}, {"max_class", "最大班额"},
    {"mean_class", "平均班额"}, {"teacher", "教师"},
    {"home_school", "所在学校"}, {"subject", "学科"},
    {"periods", "周课时"}, {"km_per_week", "每周走教公里"},
    {"uncovered_periods", "未排课时"}, {"posts_needed", "缺编岗位"},
    {"required", "应配教师"}, {"actual", "实有教师"}, {"status", "状态"},
    {"from", "原学校"}, {"to", "新学校"},
    {"excellent_or_senior", "骨干或高级职称"}, {"item", "项目"},
    {"key", "键"}, {"value", "数值"},
};

/* The Chinese header of a column ("g3_students": 3年级学生数). */
static const char *zh_head(char *buf, size_t n, const char *key)
{
    for (size_t i = 0; i < sizeof heads / sizeof *heads; i++)
        if (!strcmp(heads[i].key, key))
            return heads[i].zh;
    int g;
    char what[16];
    if (sscanf(key, "g%d_%15s", &g, what) == 2 && g >= 1 && g <= SN_GRADES) {
        if (!strcmp(what, "students"))
            snprintf(buf, n, "%d年级学生数", g);
        else if (!strcmp(what, "classes"))
            snprintf(buf, n, "%d年级班数", g);
        else
            return key;
        return buf;
    }
    return key;
}

static const char *summary_zh(const char *key)
{
    static const label items[] = {
        {"scenario", "方案"}, {"year", "规划年度"},
        {"demand_source", "需求来源"}, {"status", "求解状态"},
        {"gap", "间隙"}, {"students", "学生数"}, {"unplaced", "未安置学生"},
        {"classes_over_hard_cap.before", "规划前超过班额上限的班级"},
        {"classes_over_hard_cap.after", "规划后超过班额上限的班级"},
        {"classes_over_standard.before", "规划前超过标准班额的班级"},
        {"classes_over_standard.after", "规划后超过标准班额的班级"},
        {"students_diverted", "分流学生"}, {"mean_km", "平均距离（公里）"},
        {"max_km", "最远距离（公里）"}, {"schools_closed", "撤并学校"},
        {"schools_opened", "新建学校"}, {"classrooms_added", "新增教室"},
        {"cost.total", "年度成本（元）"}, {"cost.schools", "学校运行（元/年）"},
        {"cost.capital", "基建年金（元/年）"},
        {"cost.transport", "交通（元/年）"},
        {"cost.private_seats", "购买民办学位（元/年）"},
        {"teachers.posts_needed", "教师缺编岗位"},
        {"teachers.walking_teachers", "走教教师"},
        {"teachers.periods_uncovered", "未排课时"},
        {"teachers.movers", "交流轮岗教师"},
    };
    for (size_t i = 0; i < sizeof items / sizeof *items; i++)
        if (!strcmp(items[i].key, key))
            return items[i].zh;
    return key;
}

/* Sheet storage: the pointers a sn_xlsx_sheet borrows. */
typedef struct sheet_buf {
    const char **head, **key, **cell;
    signed char *kind;
    char (*headbuf)[32];
} sheet_buf;

static void sheet_free(sheet_buf *b)
{
    free(b->head);
    free(b->key);
    free(b->cell);
    free(b->kind);
    free(b->headbuf);
}

static int alloc_sheet(sheet_buf *b, int rows, int cols)
{
    size_t nc = (size_t)rows * (size_t)cols + 1;
    b->head = calloc((size_t)cols + 1, sizeof *b->head);
    b->key = calloc((size_t)cols + 1, sizeof *b->key);
    b->headbuf = calloc((size_t)cols + 1, sizeof *b->headbuf);
    b->cell = calloc(nc, sizeof *b->cell);
    b->kind = NULL;
    return b->head && b->key && b->cell && b->headbuf ? 0 : SN_ENOMEM;
}

static void set_heads(sheet_buf *b, int cols, sn_lang lang)
{
    for (int c = 0; c < cols; c++)
        b->head[c] = lang == SN_LANG_ZH
                         ? zh_head(b->headbuf[c], sizeof b->headbuf[c],
                                   b->key[c])
                         : b->key[c];
}

static int summary_sheet(sn_xlsx_sheet *sh, sheet_buf *b, const sn_rep *r)
{
    int rows = (int)r->sum.n;
    if (alloc_sheet(b, rows, 3) ||
        !(b->kind = calloc((size_t)rows * 3 + 1, 1)))
        return SN_ENOMEM;
    b->key[0] = "item";
    b->key[1] = "key";
    b->key[2] = "value";
    set_heads(b, 3, r->lang);
    for (int i = 0; i < rows; i++) {
        const rep_kv *kv = &r->sum.kv[i];
        b->cell[i * 3] = r->lang == SN_LANG_ZH ? summary_zh(kv->key) : kv->key;
        b->cell[i * 3 + 1] = kv->key;
        b->cell[i * 3 + 2] = kv->str;
        b->kind[i * 3 + 2] = (signed char)(kv->is_num ? 1 : 0);
    }
    *sh = (sn_xlsx_sheet){r->lang == SN_LANG_ZH ? "汇总" : "summary", rows, 3,
                          b->head, b->key, b->cell, b->kind};
    return 0;
}

/* A CSV table as a sheet; on the schools sheet a name column follows the
 * school id when the file has none. */
static int table_sheet(sn_xlsx_sheet *sh, sheet_buf *b, const sn_rep *r,
                       int file, const char *name)
{
    const rep_table *t = &r->tab[file];
    int cs = -1;
    if (file == REP_F_SCHOOLS && rep_table_col(t, "name") < 0 &&
        rep_table_col(t, "school_name") < 0)
        cs = rep_table_col(t, "school");
    int cols = t->cols + (cs >= 0);
    if (alloc_sheet(b, t->rows, cols))
        return SN_ENOMEM;
    for (int c = 0, o = 0; c < t->cols; c++) {
        b->key[o++] = t->cell[c];
        if (c == cs)
            b->key[o++] = "name";
    }
    set_heads(b, cols, r->lang);
    for (int i = 0; i < t->rows; i++)
        for (int c = 0, o = 0; c < t->cols; c++) {
            const char *v = rep_table_get(t, i, c);
            b->cell[(size_t)i * (size_t)cols + (size_t)o++] = v;
            if (c == cs) {
                int s = sn_network_find_school(r->net, v);
                const char *nm = s >= 0 ? r->net->schools[s].name : NULL;
                b->cell[(size_t)i * (size_t)cols + (size_t)o++] =
                    nm ? nm : "";
            }
        }
    *sh = (sn_xlsx_sheet){name, t->rows, cols, b->head, b->key, b->cell,
                          NULL};
    return 0;
}

int rep_write_xlsx(FILE *f, const sn_rep *r, sn_error *err)
{
    static const struct {
        int file;
        const char *en, *zh;
    } order[] = {
        {REP_F_SCHOOLS, "schools", "学校"},
        {REP_F_ASSIGNMENTS, "assignments", "学生安置"},
        {REP_F_UNPLACED, "unplaced", "未安置"},
        {REP_F_SHORTFALL, "shortfall", "学位缺口"},
        {REP_F_TEACHERS, "teachers", "教师任课"},
        {REP_F_SHORTAGES, "shortages", "缺课"},
        {REP_F_TIMETABLE, "timetable", "课表"},
        {REP_F_ROTATION, "rotation", "交流轮岗"},
        {REP_F_STAFFING, "staffing", "编制"},
        {REP_F_REDEPLOY, "redeploy", "调配"},
        {REP_F_STAYERS, "stayers", "留读学生"},
    };
    enum { NORDER = sizeof order / sizeof *order };
    sn_xlsx_sheet sh[NORDER + 1];
    sheet_buf buf[NORDER + 1];
    memset(buf, 0, sizeof buf);
    int n = 0, rc = summary_sheet(&sh[n], &buf[n], r);
    n++;
    for (int k = 0; rc == 0 && k < NORDER; k++) {
        if (!r->has[order[k].file])
            continue;
        rc = table_sheet(&sh[n], &buf[n], r, order[k].file,
                         r->lang == SN_LANG_ZH ? order[k].zh : order[k].en);
        n++;
    }
    if (rc)
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
    else
        rc = sn_xlsx_write(f, sh, n, r->plan->year, err);
    for (int k = 0; k < n; k++)
        sheet_free(&buf[k]);
    return rc;
}
