/* write_report_text.c - the words, number formats, escapes and page frame
 * (CSS and script) of the HTML reports.
 *
 * Labels come in English and Chinese (rep_t); numbers are formatted here
 * only, with fixed decimals, so pages are byte-identical run to run.  Every
 * text from the data goes through rep_put_html (element text and
 * attributes); the pages' scripts carry no data.
 */
#include <math.h>
#include <string.h>

#include "io/write_report_impl.h"

static const char *const texts[T_COUNT][2] = {
    [T_TITLE] = {"School network plan", "学校布局规划"},
    [T_PLAN_FOR] = {"Plan year", "规划年度"},
    [T_STATUS] = {"Solver status", "求解状态"},
    [T_PUPILS] = {"Pupils", "学生数"},
    [T_UNPLACED] = {"Unplaced pupils", "未安置学生"},
    [T_OVER66] = {"Classes over 66", "66人以上班级"},
    [T_OVER56] = {"Classes over 56", "56人以上班级"},
    [T_OVERCAP] = {"Classes over the hard cap", "超过班额上限的班级"},
    [T_OVERSTD] = {"Classes over standard size", "超过标准班额的班级"},
    [T_BEFORE] = {"before", "规划前"},
    [T_AFTER] = {"after", "规划后"},
    [T_CLOSED] = {"Schools closed", "撤并学校"},
    [T_OPENED] = {"Schools opened", "新建学校"},
    [T_ROOMS] = {"Classrooms added", "新增教室"},
    [T_CAPITAL] = {"One-off capital", "一次性投资"},
    [T_ANNUAL] = {"Annual cost", "年度成本"},
    [T_BOARDERS] = {"Boarders", "寄宿生"},
    [T_MEANKM] = {"Mean distance", "平均距离"},
    [T_MAXKM] = {"Longest distance", "最远距离"},
    [T_TEACHERS_SHORT] = {"Teacher posts short", "教师缺编"},
    [T_WALKING] = {"Walking teachers", "走教教师"},
    [T_ROTATION] = {"Rotation quota", "交流轮岗指标"},
    [T_DIVERTED] = {"Pupils diverted", "分流学生"},
    [T_COUNTIES] = {"Counties", "各县（市、区）"},
    [T_COUNTY] = {"County", "县（市、区）"},
    [T_SCHOOL] = {"School", "学校"},
    [T_SCHOOLS] = {"Schools", "学校"},
    [T_CLASSES] = {"Classes", "班级数"},
    [T_MILESTONES] = {"Milestones", "阶段目标"},
    [T_MET] = {"met", "达成"},
    [T_NOT_MET] = {"not met", "未达成"},
    [T_DUE] = {"due", "期限"},
    [T_CHARTS] = {"Charts", "图表"},
    [T_HIST] = {"Class sizes before and after", "规划前后班额分布"},
    [T_COST] = {"Annual cost by part", "年度成本构成"},
    [T_BANDS] = {"Diverted pupils by distance", "分流学生的上学距离"},
    [T_UNCOVERED] = {"Teacher periods uncovered, by subject",
                     "各学科未排课时"},
    [T_MAP] = {"Map", "地图"},
    [T_SCHOOL_TABLE] = {"Schools", "学校一览"},
    [T_ID] = {"Id", "代码"},
    [T_STAGE] = {"Stage", "学段"},
    [T_STATE] = {"Plan", "规划"},
    [T_BY_GRADE] = {"Classes by grade 1-9", "各年级班数（1-9年级）"},
    [T_LARGEST] = {"Largest class", "最大班额"},
    [T_IN] = {"Pupils in", "转入"},
    [T_OUT] = {"Pupils out", "转出"},
    [T_STAFFING] = {"Staffing", "编制"},
    [T_KEPT] = {"kept", "保留"},
    [T_CLOSED_S] = {"closed", "撤并"},
    [T_NEW] = {"opened", "新建"},
    [T_EXPANDED] = {"expanded", "扩建"},
    [T_NOT_BUILT] = {"not built", "未建"},
    [T_PRIMARY] = {"primary", "小学"},
    [T_JUNIOR] = {"junior", "初中"},
    [T_NINE] = {"nine-year", "九年一贯制"},
    [T_OVER] = {"over", "超编"},
    [T_FULL] = {"full", "满编"},
    [T_UNDER] = {"under", "缺编"},
    [T_ZONES] = {"zones", "片区"},
    [T_FLOWS] = {"diverted pupils", "分流学生"},
    [T_COST_SCHOOLS] = {"Running schools", "学校运行"},
    [T_COST_CAPITAL] = {"Capital (annuity)", "基建（年金）"},
    [T_COST_TRANSPORT] = {"Transport", "交通"},
    [T_COST_PRIVATE] = {"Private seats", "购买民办学位"},
    [T_KM] = {"km", "公里"},
    [T_PERIODS] = {"periods a week", "周课时"},
    [T_CLASS_SIZE] = {"pupils per class", "班额（人）"},
    [T_NO_MAP] = {"The data have no coordinates: no map.",
                  "数据中没有坐标，无法绘制地图。"},
    [T_QUOTA_MET] = {"met", "完成"},
    [T_QUOTA_NOT_MET] = {"not met", "未完成"},
    [T_FILES] = {"Files of this plan", "本规划的文件"},
    [T_YUAN_YEAR] = {"a year", "/年"},
    [T_NOTE_BEFORE] =
        {"Before: every pupil at the designated school, existing classrooms. "
         "Classes are counted with each grade split evenly.",
         "规划前：学生全部在划片学校就读，使用现有教室。班级数按各年级均分计算。"},
    [T_SORT_HINT] = {"Click a column heading to sort.", "点击列标题排序。"},
    [T_HOVER_HINT] = {"Point at a school for its classes and changes.",
                      "鼠标指向学校可查看班级与变化。"},
    [T_YES] = {"yes", "是"},
    [T_NO] = {"no", "否"},
    [T_POSTS] = {"posts", "个岗位"},
    [T_ROOMS_ADDED] = {"Rooms added", "新增教室"},
    [T_PUPILS_SIZE] = {"circle area: pupils", "圆面积：学生数"},
    [T_WALK] = {"walk", "走读"},
    [T_BOARD] = {"board", "寄宿"},
    [T_SHORTAGE_SUBJ] = {"shortage subject (music, art, PE, IT)",
                         "紧缺学科（音体美信）"},
    [T_TIMELINE] = {"Plan by year", "分年度规划"},
    [T_YEAR] = {"Year", "年度"},
    [T_HARD_CAP] = {"Hard cap", "班额上限"},
    [T_CLOSING_BY_YEAR] = {"Schools closed and opened by year",
                           "各年撤并与新建学校"},
    [T_OVER_BY_YEAR] = {"Classes over each cap by year",
                        "各年超过班额标准的班级"},
    [T_COMPARISON] = {"Scenario comparison", "方案比较"},
    [T_SCENARIO] = {"Scenario", "方案"},
    [T_EXIT] = {"Exit", "退出码"},
    [T_DIFF] = {"Schools that differ from the first scenario",
                "与第一个方案不同的学校"},
    [T_DIFF_NONE] = {"No school differs.", "没有不同的学校。"},
    [T_TRADEOFF] = {"Trade-off: annual cost against mean distance",
                    "权衡：年度成本与平均距离"},
    [T_VS_FIRST] = {"compared with", "对比"},
    [T_NOTE] = {"Note", "说明"},
    [T_CHANGE] = {"Change", "变化"},
    [T_KEY_FIGURES] = {"Key figures", "主要指标"},
    [T_NO_TEACHERS] = {"no teacher data", "无教师数据"},
    [T_REPORT_OF_YEAR] = {"Report of the year", "年度报告"},
    [T_SHOWN] = {"shown", "显示"},
    [T_GAP] = {"gap", "间隙"},
    [T_OBJECTIVE] = {"objective", "目标"},
    [T_ROOMS_SHORT] = {"Classrooms short", "教室缺口"},
    [T_SHORTFALL] = {"Shortfall", "学位缺口"},
    [T_REDEPLOY] = {"Teachers redeployed", "教师调配"},
    [T_BUS] = {"bus", "校车"},
    [T_FAR] = {"far, by day", "远距离走读"},
    [T_COST_BOARDING] = {"Boarding", "寄宿"},
};

const char *rep_t(sn_lang lang, rep_text id)
{
    if (id < 0 || id >= T_COUNT || !texts[id][0])
        return "?";
    return texts[id][lang == SN_LANG_ZH ? 1 : 0];
}

void rep_put_html(FILE *f, const char *s)
{
    for (; *s; s++)
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
}

/* Inserts thousands separators into the digits of buf (in place). */
static void group(char *buf, size_t n)
{
    char *d = buf + (buf[0] == '-');
    size_t digits = strspn(d, "0123456789");
    size_t commas = digits > 3 ? (digits - 1) / 3 : 0;
    size_t len = strlen(buf);
    if (!commas || len + commas + 1 > n)
        return;
    memmove(d + digits + commas, d + digits, len - (size_t)(d - buf) - digits
                                                 + 1);
    char *src = d + digits - 1, *dst = d + digits + commas - 1;
    for (size_t k = 0; k < digits; k++) {
        *dst-- = *src--;
        if (k % 3 == 2 && k + 1 < digits)
            *dst-- = ',';
    }
}

void rep_fmt_int(char *buf, size_t n, long v)
{
    snprintf(buf, n, "%ld", v);
    group(buf, n);
}

void rep_fmt_num(char *buf, size_t n, double v, int dec)
{
    if (!isfinite(v)) {
        snprintf(buf, n, "-");
        return;
    }
    double half = 0.5 * pow(10.0, -dec);
    if (fabs(v) < half)
        v = 0.0;
    snprintf(buf, n, "%.*f", dec, v);
    group(buf, n);
}

void rep_fmt_money(char *buf, size_t n, double yuan, sn_lang lang)
{
    if (lang == SN_LANG_ZH)
        rep_fmt_num(buf, n, yuan / 1e4, 1);
    else
        rep_fmt_num(buf, n, yuan / 1e6, 2);
}

const char *rep_money_unit(sn_lang lang)
{
    return lang == SN_LANG_ZH ? "万元" : "million yuan";
}

const char *rep_state_label(sn_lang lang, int state, int expanded)
{
    switch (state) {
    case SN_SCHOOL_KEPT:
        return rep_t(lang, expanded ? T_EXPANDED : T_KEPT);
    case SN_SCHOOL_CLOSED:
        return rep_t(lang, T_CLOSED_S);
    case SN_SCHOOL_NEW:
        return rep_t(lang, T_NEW);
    default:
        return rep_t(lang, T_NOT_BUILT);
    }
}

const char *rep_stage_label(sn_lang lang, sn_stage st)
{
    return rep_t(lang, st == SN_PRIMARY  ? T_PRIMARY
                       : st == SN_JUNIOR ? T_JUNIOR
                                         : T_NINE);
}

static const char css[] =
    ":root{--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--bg:#f5f7fa;"
    "--kept:#4c78a8;--expanded:#f58518;--new:#54a24b;--closed:#e45756;"
    "--notbuilt:#9aa5b1;--accent:#1d3557}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 "
    "\"Segoe UI\",\"Helvetica Neue\",Arial,\"PingFang SC\",\"Microsoft "
    "YaHei\",\"Noto Sans CJK SC\",\"WenQuanYi Micro Hei\",sans-serif}\n"
    "header{background:var(--accent);color:#fff;padding:18px 28px}\n"
    "header h1{margin:0;font-size:24px;font-weight:600}\n"
    "header .sub{opacity:.85;margin-top:4px}\n"
    "main{max-width:1180px;margin:0 auto;padding:18px 24px 40px}\n"
    "section{background:#fff;border:1px solid var(--line);border-radius:6px;"
    "padding:16px 20px;margin:16px 0}\n"
    "h2{font-size:17px;margin:0 0 12px;color:var(--accent)}\n"
    ".cards{display:grid;grid-template-columns:repeat(auto-fill,"
    "minmax(168px,1fr));gap:10px}\n"
    ".card{border:1px solid var(--line);border-radius:6px;padding:9px 12px;"
    "background:#fbfcfd}\n"
    ".card .lab{color:var(--muted);font-size:12.5px}\n"
    ".card .unit{font-size:11.5px;color:#7b8794}\n"
    ".card .val{font-size:21px;font-weight:600;white-space:nowrap}\n"
    ".card .val small{font-size:12px;font-weight:400;color:var(--muted)}\n"
    ".card .arrow{color:var(--muted);font-weight:400;margin:0 4px}\n"
    ".card.good .val .after{color:#2f7d32}.card.bad .val .after{color:#c62828}"
    "\n"
    ".note{color:var(--muted);font-size:12.5px;margin:8px 0 0}\n"
    "table{border-collapse:collapse;width:100%;font-size:13px}\n"
    "th,td{padding:4px 8px;border-bottom:1px solid var(--line);"
    "text-align:left;white-space:nowrap}\n"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "thead th{background:#eef2f7;position:sticky;top:0;white-space:normal;"
    "vertical-align:bottom;min-width:4em}\n"
    "table.sortable th{cursor:pointer}\n"
    "table.sortable th.asc:after{content:\" \\25B2\"}"
    "table.sortable th.desc:after{content:\" \\25BC\"}\n"
    "tbody tr:nth-child(even){background:#fafbfc}\n"
    ".scroll{max-height:560px;overflow:auto;border:1px solid var(--line)}\n"
    ".met{color:#2f7d32;font-weight:600}.notmet{color:#c62828;"
    "font-weight:600}.due{color:var(--muted)}\n"
    ".st{display:inline-block;width:10px;height:10px;border-radius:50%;"
    "margin-right:5px;vertical-align:-1px}\n"
    ".st.kept{background:var(--kept)}.st.expanded{background:var(--expanded)}"
    ".st.new{background:var(--new)}.st.closed{background:var(--closed)}"
    ".st.notbuilt{background:#fff;border:1.5px dashed var(--notbuilt)}\n"
    ".grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(500px,"
    "1fr));gap:16px}\n"
    ".chart{border:1px solid var(--line);border-radius:6px;padding:8px;"
    "background:#fff}\n"
    ".chart h3{font-size:14px;margin:2px 4px 6px;font-weight:600}\n"
    "svg{display:block;width:100%;height:auto}\n"
    "svg text{font-family:inherit}\n"
    "#map{border:1px solid var(--line);border-radius:6px;background:#fcfcf8}"
    "\n"
    "#map .school{stroke:#fff;stroke-width:.6;cursor:pointer}\n"
    "#map .school:hover{stroke:#111;stroke-width:1.6}\n"
    "#tip{position:fixed;display:none;pointer-events:none;background:#fff;"
    "border:1px solid #9aa5b1;border-radius:5px;padding:6px 9px;"
    "font-size:12.5px;box-shadow:0 2px 8px rgba(0,0,0,.18);"
    "white-space:pre-line;max-width:340px;z-index:10}\n"
    "#script-error{background:#c62828;color:#fff;padding:8px}\n"
    "select{font:inherit;padding:2px 4px}\n"
    "footer{color:var(--muted);font-size:12px;text-align:center;"
    "margin:24px 0}\n"
    "@media print{body{background:#fff}section{break-inside:avoid;"
    "border:none}.scroll{max-height:none;overflow:visible}}\n";

/* The error hook comes first so that it sees any error of the page's
 * script; the test of the page looks for #script-error. */
static const char head_script[] =
    "window.onerror=function(m,s,l){var d=document.createElement('div');"
    "d.id='script-error';d.textContent='script error: '+m+' (line '+l+')';"
    "(document.body||document.documentElement).appendChild(d);};\n";

static const char script[] =
    "(function(){\n"
    "var tip=document.getElementById('tip');\n"
    "function show(e){var t=e.target.getAttribute('data-tip');if(!t||!tip)"
    "return;tip.textContent=t;tip.style.display='block';move(e);}\n"
    "function move(e){if(!tip)return;var x=e.clientX+14,y=e.clientY+14;"
    "var w=tip.offsetWidth,h=tip.offsetHeight;"
    "if(x+w>window.innerWidth)x=e.clientX-w-10;"
    "if(y+h>window.innerHeight)y=e.clientY-h-10;"
    "tip.style.left=x+'px';tip.style.top=y+'px';}\n"
    "function hide(){if(tip)tip.style.display='none';}\n"
    "var marks=document.querySelectorAll('[data-tip]');\n"
    "for(var i=0;i<marks.length;i++){marks[i].addEventListener('mouseover',"
    "show);marks[i].addEventListener('mousemove',move);"
    "marks[i].addEventListener('mouseout',hide);}\n"
    "function key(td){var v=td.getAttribute('data-v');if(v===null)"
    "v=td.textContent;var x=parseFloat(v);return isNaN(x)||/[^0-9.eE+-]/"
    ".test(v)?v:x;}\n"
    "function sortBy(table,col,th){var body=table.tBodies[0];"
    "var rows=Array.prototype.slice.call(body.rows);"
    "var dir=th.classList.contains('asc')?-1:1;"
    "var ths=table.tHead.rows[0].cells;for(var k=0;k<ths.length;k++)"
    "ths[k].classList.remove('asc','desc');"
    "th.classList.add(dir>0?'asc':'desc');"
    "rows.sort(function(a,b){var x=key(a.cells[col]),y=key(b.cells[col]);"
    "if(typeof x!==typeof y){x=String(x);y=String(y);}"
    "return (x<y?-1:x>y?1:0)*dir;});"
    "for(var j=0;j<rows.length;j++)body.appendChild(rows[j]);}\n"
    "var tables=document.querySelectorAll('table.sortable');\n"
    "for(var t=0;t<tables.length;t++){(function(table){var ths=table.tHead"
    ".rows[0].cells;for(var c=0;c<ths.length;c++){(function(c){ths[c]"
    ".addEventListener('click',function(){sortBy(table,c,ths[c]);});})(c);}"
    "})(tables[t]);}\n"
    "var pick=document.getElementById('diff-pick');\n"
    "function showDiff(){var v=pick.value,ds=document.querySelectorAll("
    "'.diff');for(var i=0;i<ds.length;i++)ds[i].style.display="
    "ds[i].getAttribute('data-scenario')===v?'':'none';}\n"
    "if(pick){pick.addEventListener('change',showDiff);showDiff();}\n"
    "document.documentElement.setAttribute('data-ready','1');\n"
    "})();\n";

void rep_page_begin(FILE *f, sn_lang lang, const char *title)
{
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
               "<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, "
               "initial-scale=1\">\n<title>",
            lang == SN_LANG_ZH ? "zh-CN" : "en");
    rep_put_html(f, title);
    fprintf(f, "</title>\n<style>\n%s</style>\n<script>\n%s</script>\n"
               "</head>\n<body>\n", css, head_script);
}

void rep_page_end(FILE *f)
{
    fprintf(f, "<div id=\"tip\"></div>\n<footer>schoolnet</footer>\n"
               "<script>\n%s</script>\n</body>\n</html>\n", script);
}
