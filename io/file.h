/* file.h - opening input files safely: regular files only, paths whole.
 *
 * Every reader of user input opens it here, so that
 *   - a FIFO, a terminal or a device never blocks a run or feeds it
 *     endless bytes: the file is opened with O_NONBLOCK and fstat(2) must
 *     say "regular file" before a byte is read;
 *   - a folder gives a message, not a read error without a position;
 *   - a path too long for the system is refused, never cut to a shorter
 *     one that may name another file;
 *   - an empty path is refused with a message of its own.
 * Messages are complete bodies for "path: <why>" (sn_diag_error with line
 * and column 0), e.g. "not a regular file (a folder)".
 */
#ifndef SN_FILE_H
#define SN_FILE_H

#include <stddef.h>
#include <stdio.h>

/* Longest path accepted, in bytes without the NUL (PATH_MAX - 1 on Linux). */
#define SN_PATH_MAX 4095

/* 0 when path is non-empty and at most SN_PATH_MAX bytes; else -1 and why
 * (size n >= 64) holds "empty path" or "path longer than 4095 bytes". */
int sn_path_check(const char *path, char *why, size_t n);

/* Opens path for reading if it is a regular file (a link to one counts).
 * Returns 0 with *out open for reading in binary mode (the caller
 * fcloses it); or -1 with *out NULL and why (size n >= 64) holding the
 * reason: "empty path", "path longer than 4095 bytes", "cannot open
 * (strerror)", "not a regular file (a folder)", "... (a FIFO)", "... (a
 * device)", "... (a socket)".  On failure errno is the cause (ENOENT
 * for a missing file; EINVAL for a path that is empty, too long or not a
 * regular file).  Never blocks on a FIFO or a device. */
int sn_file_open_read(FILE **out, const char *path, char *why, size_t n);

#endif
