/* file.c - regular files only, paths whole (file.h).
 *
 * open(2) with O_NONBLOCK returns at once even for a FIFO without a
 * writer, so the type check by fstat(2) happens before anything can
 * block; the descriptor is then switched back to blocking mode (which
 * changes nothing for a regular file) and wrapped in a FILE.
 */
#include "io/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int sn_path_check(const char *path, char *why, size_t n)
{
    if (!path || !*path) {
        snprintf(why, n, "empty path");
        errno = EINVAL;
        return -1;
    }
    if (strnlen(path, SN_PATH_MAX + 1) > SN_PATH_MAX) {
        snprintf(why, n, "path longer than %d bytes", SN_PATH_MAX);
        errno = EINVAL;
        return -1;
    }
    return 0;
}

static const char *kind_of(mode_t m)
{
    if (S_ISDIR(m))
        return "a folder";
    if (S_ISFIFO(m))
        return "a FIFO";
    if (S_ISCHR(m) || S_ISBLK(m))
        return "a device";
    if (S_ISSOCK(m))
        return "a socket";
    return "not a file";
}

int sn_file_open_read(FILE **out, const char *path, char *why, size_t n)
{
    *out = NULL;
    if (sn_path_check(path, why, n))
        return -1;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        int e = errno;
        snprintf(why, n, "cannot open (%s)", strerror(e));
        errno = e;
        return -1;
    }
    struct stat st;
    int e = fstat(fd, &st) != 0 ? errno : S_ISREG(st.st_mode) ? 0 : EINVAL;
    if (e == EINVAL)
        snprintf(why, n, "not a regular file (%s)", kind_of(st.st_mode));
    else if (e)
        snprintf(why, n, "cannot open (%s)", strerror(e));
    int flags = e ? -1 : fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    FILE *f = e ? NULL : fdopen(fd, "rb");
    if (!e && !f) {
        e = errno;
        snprintf(why, n, "cannot open (%s)", strerror(e));
    }
    if (e) {
        close(fd);
        errno = e;
        return -1;
    }
    *out = f;
    return 0;
}
