/* ini.c - line-based INI parsing with positions; no allocation beyond the
 * FILE.  Columns are counted in UTF-8 characters. */
#include "io/ini.h"

#include <stdio.h>
#include <string.h>

#include "io/file.h"

#define LINE_MAX_BYTES 4096

/* Column (1-based, in characters) of byte offset off in line. */
static long col_of(const char *line, size_t off)
{
    long col = 1;
    for (size_t i = 0; i < off; i++)
        col += ((unsigned char)line[i] & 0xC0) != 0x80;
    return col;
}

/* 0 when s is valid UTF-8 without control characters (tab allowed). */
static int check_text(const unsigned char *s)
{
    while (*s) {
        unsigned char c = *s;
        int need;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t') || c == 0x7F)
                return -1;
            s++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            need = 1;
        else if (c >= 0xE0 && c <= 0xEF)
            need = 2, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        else if (c >= 0xF0 && c <= 0xF4)
            need = 3, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        else
            return -1;
        s++;
        for (int i = 0; i < need; i++, s++) {
            if (*s < lo || *s > hi)
                return -1;
            lo = 0x80;
            hi = 0xBF;
        }
    }
    return 0;
}

static int is_ws(char c) { return c == ' ' || c == '\t'; }

/* Trims [*b, *e) in place of white space. */
static void trim(char *s, size_t *b, size_t *e)
{
    while (*b < *e && is_ws(s[*b]))
        (*b)++;
    while (*e > *b && is_ws(s[*e - 1]))
        (*e)--;
}

static int parse_line(char *s, long line, const char *path, char *section,
                      size_t section_size, sn_ini_handler fn, void *user,
                      sn_diag *diag)
{
    size_t len = strlen(s);
    size_t b = 0, e = len;
    trim(s, &b, &e);
    if (b == e || s[b] == ';' || s[b] == '#')
        return 0;
    if (s[b] == '[') {
        char *close = memchr(s + b, ']', e - b);
        if (!close || (size_t)(close - s) != e - 1) {
            s[e] = '\0';
            sn_diag_error(diag, path, line, col_of(s, b),
                          "section header without closing ']' (got '%s')",
                          s + b);
            return 0;
        }
        size_t nb = b + 1, ne = e - 1;
        trim(s, &nb, &ne);
        s[ne] = '\0';
        snprintf(section, section_size, "%s", s + nb);
        sn_ini_item it = {path, section, NULL, NULL, line, col_of(s, nb), 0};
        return fn(user, &it);
    }
    char *eq = memchr(s + b, '=', e - b);
    if (!eq) {
        s[e] = '\0';
        sn_diag_error(diag, path, line, col_of(s, b),
                      "expected 'key = value' or '[section]' (got '%s')",
                      s + b);
        return 0;
    }
    size_t kb = b, ke = (size_t)(eq - s), vb = ke + 1, ve = e;
    trim(s, &kb, &ke);
    trim(s, &vb, &ve);
    if (vb < ve && s[vb] == '"') { /* keep everything inside the quotes */
        char *q = memchr(s + vb + 1, '"', ve - vb - 1);
        size_t after = q ? (size_t)(q - s) + 1 : ve, i = after;
        while (i < ve && is_ws(s[i]))
            i++;
        if (!q || (i < ve && !(i > after && (s[i] == ';' || s[i] == '#')))) {
            long vcol = col_of(s, q ? after : vb);
            s[ve] = '\0';
            sn_diag_error(diag, path, line, vcol, q ?
                          "text after the closing quote of a quoted value "
                          "(got '%s')" : "unterminated quoted value (got "
                          "'%s')", s + vb);
            return 0;
        }
        vb++;
        ve = (size_t)(q - s);
    } else { /* inline comment: " ;" or " #" */
        for (size_t i = vb + 1; i < ve; i++) {
            if ((s[i] == ';' || s[i] == '#') && is_ws(s[i - 1])) {
                ve = i;
                break;
            }
        }
        trim(s, &vb, &ve);
    }
    if (kb == ke) {
        sn_diag_error(diag, path, line, col_of(s, b), "empty key");
        return 0;
    }
    long kcol = col_of(s, kb), vcol = col_of(s, vb);
    s[ke] = '\0';
    s[ve] = '\0';
    if (!section[0]) {
        sn_diag_error(diag, path, line, kcol,
                      "key outside any section (got '%s')", s + kb);
        return 0;
    }
    sn_ini_item it = {path, section, s + kb, s + vb, line, kcol, vcol};
    return fn(user, &it);
}

int sn_ini_parse(const char *path, sn_ini_handler fn, void *user,
                 sn_diag *diag, sn_error *err)
{
    FILE *f;
    char why[128];
    if (sn_file_open_read(&f, path, why, sizeof why) != 0) {
        sn_diag_error(diag, path, 0, 0, "%s", why);
        return SN_EINPUT;
    }
    char buf[LINE_MAX_BYTES], section[256] = "";
    long line = 0, total = 0;
    int rc = 0, c = 0;
    while (rc == 0 && c != EOF) {
        size_t len = 0;
        int nul = 0, too_long = 0;
        while ((c = getc(f)) != EOF && c != '\n') {
            if (++total > SN_INI_MAX_FILE) {
                sn_diag_error(diag, path, line + 1, 1, "file larger than %d "
                              "bytes", SN_INI_MAX_FILE);
                fclose(f);
                return 0;
            }
            if (c == 0)
                nul = 1;
            if (len + 1 < sizeof buf)
                buf[len++] = (char)c;
            else
                too_long = 1;
        }
        if (c == EOF && len == 0 && !nul)
            break;
        line++;
        buf[len] = '\0';
        if (len && buf[len - 1] == '\r')
            buf[--len] = '\0';
        char *s = buf;
        if (line == 1 && !strncmp(s, "\xEF\xBB\xBF", 3))
            s += 3;
        if (too_long) {
            sn_diag_error(diag, path, line, 1, "line longer than %d bytes",
                          LINE_MAX_BYTES - 1);
            continue;
        }
        if (nul || check_text((const unsigned char *)s)) {
            sn_diag_error(diag, path, line, 1,
                          "invalid UTF-8 or control character in line");
            continue;
        }
        rc = parse_line(s, line, path, section, sizeof section, fn, user,
                        diag);
    }
    if (rc == 0 && ferror(f))
        rc = sn_error_set(err, SN_EIO, "%s: read error", path);
    fclose(f);
    return rc;
}
