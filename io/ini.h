/* ini.h - a tiny INI parser (in the manner of inih) that knows line and
 * column of every key and value.
 *
 * Syntax: `[section]` lines, `key = value` lines, blank lines, and comment
 * lines starting with ';' or '#'.  A value ends at " ;" or " #" (an inline
 * comment after white space); spaces around keys and values are trimmed; a
 * value may be wrapped in double quotes to keep such characters.  A UTF-8
 * byte order mark is skipped.
 *
 * Errors (into diag; the parse goes on with the next line):
 *   path: cannot open (reason)          also "not a regular file (a
 *                                       folder)", ... (io/file.h)
 *   path:L:1: file larger than 1048576 bytes     (the parse stops)
 *   path:L:C: unterminated quoted value (got '"abc')
 *   path:L:C: text after the closing quote of a quoted value (got '...')
 *   path:L:C: expected 'key = value' or '[section]' (got 'text')
 *   path:L:C: section header without closing ']' (got 'text')
 *   path:L:C: key outside any section (got 'key')
 *   path:L:C: empty key
 *   path:L:1: line longer than 4095 bytes
 *   path:L:C: invalid UTF-8 or control character in line
 */
#ifndef SN_INI_H
#define SN_INI_H

#include "model/error.h"

/* Bytes read from one file at most: a scenario is a few hundred bytes. */
#define SN_INI_MAX_FILE (1 << 20)

/* One event: a section header (key == NULL) or a key = value line.
 * All strings are borrowed for the duration of the callback only. */
typedef struct sn_ini_item {
    const char *path;
    const char *section;       /* "" before the first section header */
    const char *key, *value;   /* key NULL for a section header */
    long line, key_col, value_col;
} sn_ini_item;

/* Called for each item in file order.  The handler reports its own
 * problems into diag and returns 0 to go on, or a negative SN_E* code to
 * stop (that code is returned by sn_ini_parse). */
typedef int (*sn_ini_handler)(void *user, const sn_ini_item *item);

/* Parses path.  Returns 0 when the file was read (syntax errors, if any,
 * are in diag: compare diag->errors before and after), SN_EINPUT when it
 * cannot be opened (message in diag), SN_ENOMEM/SN_EIO in err, or the
 * handler's negative code. */
int sn_ini_parse(const char *path, sn_ini_handler fn, void *user,
                 sn_diag *diag, sn_error *err);

#endif
