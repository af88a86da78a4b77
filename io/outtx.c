/* outtx.c - a folder replaced whole (outtx.h).
 *
 * Invariants while a transaction is open: this process holds the flock
 * on PARENT/.NAME.lock (so no other sn_outtx touches OUT, its staging or
 * its leftovers), and PARENT/.NAME.new.PID exists.  Every path below is
 * at most SN_PATH_MAX bytes: begin refuses a target too long to leave
 * room for the suffixes and the file names written inside.
 */
#define _GNU_SOURCE /* renameat2, RENAME_EXCHANGE, nftw */
#include "io/outtx.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/file.h"

/* room left after OUT for ".NAME.new.PID" and the files inside */
#define TAIL_ROOM 200

struct sn_outtx {
    char *target; /* OUT without trailing slashes */
    char *parent; /* its folder, "." when it has none */
    char *name;   /* its last component */
    char *lock;   /* PARENT/.NAME.lock */
    char *stage;  /* PARENT/.NAME.new.PID */
    int lock_fd;
};

static void kill_point(const char *step)
{
    const char *at = getenv("SCHOOLNET_TEST_KILL_AT");
    if (at && !strcmp(at, step))
        kill(getpid(), SIGKILL);
}

static char *path_of(const char *parent, const char *name, const char *tail)
{
    size_t n = strlen(parent) + strlen(name) + strlen(tail) + 4;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/.%s%s", parent, name, tail);
    return p;
}

static int remove_one(const char *path, const struct stat *st, int flag,
                      struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    int rc = flag == FTW_DP ? rmdir(path) : unlink(path);
    return rc != 0 && errno != ENOENT ? -1 : 0;
}

/* rm -rf path (a folder or a file); 0 or -1 with errno. */
static int remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* A folder the user cannot write (a usage error, exit 2) or a failure of
 * the system (I/O, full disk: exit 3). */
static int code_of(int e)
{
    return e == EACCES || e == EPERM || e == EROFS || e == ENOTDIR ||
                   e == ENAMETOOLONG || e == ELOOP || e == EEXIST
               ? SN_EUSAGE
               : SN_EIO;
}

static void sync_path(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* mkdir -p of path. */
static int make_dirs(const char *path, sn_error *err)
{
    char *buf = strdup(path);
    if (!buf)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    int rc = 0;
    for (size_t i = 1, len = strlen(buf); i <= len && rc == 0; i++) {
        if (buf[i] != '/' && buf[i] != '\0')
            continue;
        char keep = buf[i];
        buf[i] = '\0';
        struct stat st;
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            rc = sn_error_set(err, code_of(errno), "%s: cannot create "
                              "folder: %s", buf, strerror(errno));
        else if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))
            rc = sn_error_set(err, SN_EUSAGE, "%s: exists and is not a "
                              "folder", buf);
        buf[i] = keep;
    }
    free(buf);
    return rc;
}

/* Splits dir into tx->target, parent and name. */
static int split(sn_outtx *tx, const char *dir, sn_error *err)
{
    char why[128];
    if (sn_path_check(dir, why, sizeof why) != 0)
        return sn_error_set(err, SN_EUSAGE, "output folder: %s", why);
    size_t len = strlen(dir);
    if (len > SN_PATH_MAX - TAIL_ROOM)
        return sn_error_set(err, SN_EUSAGE, "output folder: path longer than "
                            "%d bytes (got '%.40s...')",
                            SN_PATH_MAX - TAIL_ROOM, dir);
    while (len > 1 && dir[len - 1] == '/')
        len--;
    const char *base = dir + len;
    while (base > dir && base[-1] != '/')
        base--;
    size_t blen = (size_t)(dir + len - base);
    if (blen == 0 || (blen == 1 && base[0] == '.') ||
        (blen == 2 && !strncmp(base, "..", 2)) || (blen == 1 && *base == '/'))
        return sn_error_set(err, SN_EUSAGE, "output folder must be a folder "
                            "of its own, replaced whole by the run (got '%s')",
                            dir);
    tx->target = strndup(dir, len);
    tx->name = strndup(base, blen);
    tx->parent = base == dir ? strdup(".")
                 : base - 1 == dir ? strdup("/")
                                   : strndup(dir, (size_t)(base - 1 - dir));
    if (!tx->target || !tx->name || !tx->parent)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    return 0;
}

/* Takes the lock; a lock file unlinked by its holder after we opened it
 * is not a lock any more, so the identity of the file is checked. */
static int take_lock(sn_outtx *tx, sn_error *err)
{
    for (int tries = 0; tries < 20; tries++) {
        int fd = open(tx->lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
        if (fd < 0)
            return sn_error_set(err, code_of(errno), "%s: cannot write in "
                                "folder %s: %s", tx->target, tx->parent,
                                strerror(errno));
        if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            int e = errno;
            close(fd);
            if (e == EWOULDBLOCK)
                return sn_error_set(err, SN_EUSAGE, "%s: another schoolnet "
                                    "run is writing this folder now (lock "
                                    "%s held); wait for it or choose another "
                                    "folder", tx->target, tx->lock);
            return sn_error_set(err, SN_EIO, "%s: cannot lock: %s", tx->lock,
                                strerror(e));
        }
        struct stat a, b;
        if (fstat(fd, &a) == 0 && stat(tx->lock, &b) == 0 &&
            a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
            tx->lock_fd = fd;
            return 0;
        }
        close(fd); /* the holder removed it as we opened it: again */
    }
    return sn_error_set(err, SN_EIO, "%s: cannot lock: the lock file keeps "
                        "changing", tx->lock);
}

/* Under the lock: puts back a folder the fallback moved aside (killed
 * between its renames), then removes every other leftover. */
static void recover(sn_outtx *tx)
{
    DIR *d = opendir(tx->parent);
    if (!d)
        return;
    size_t nl = strlen(tx->name);
    struct stat st;
    int have_target = lstat(tx->target, &st) == 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *s = e->d_name;
        if (s[0] != '.' || strncmp(s + 1, tx->name, nl) != 0)
            continue;
        int is_old = !strncmp(s + 1 + nl, ".old.", 5);
        if (!is_old && strncmp(s + 1 + nl, ".new.", 5) != 0)
            continue;
        size_t n = strlen(tx->parent) + strlen(s) + 2;
        char *p = malloc(n);
        if (!p)
            break;
        snprintf(p, n, "%s/%s", tx->parent, s);
        if (is_old && !have_target && rename(p, tx->target) == 0)
            have_target = 1;
        else
            remove_tree(p);
        free(p);
    }
    closedir(d);
}

/* OUT may be replaced: absent, or a real folder that is empty or marked. */
static int check_target(const sn_outtx *tx, sn_error *err)
{
    struct stat st;
    if (lstat(tx->target, &st) != 0)
        return errno == ENOENT ? 0
               : sn_error_set(err, SN_EIO, "%s: %s", tx->target,
                              strerror(errno));
    if (S_ISLNK(st.st_mode))
        return sn_error_set(err, SN_EUSAGE, "%s: is a symbolic link: give "
                            "the output folder itself", tx->target);
    if (!S_ISDIR(st.st_mode))
        return sn_error_set(err, SN_EUSAGE, "%s: exists and is not a folder",
                            tx->target);
    DIR *d = opendir(tx->target);
    if (!d)
        return sn_error_set(err, SN_EIO, "%s: %s", tx->target,
                            strerror(errno));
    int entries = 0, marked = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        entries++;
        marked |= !strcmp(e->d_name, SN_OUTTX_MARKER);
    }
    closedir(d);
    if (entries && !marked)
        return sn_error_set(err, SN_EUSAGE, "%s: exists and was not written "
                            "by schoolnet (no %s file in it): the run would "
                            "replace it whole, so remove it or choose a new "
                            "folder", tx->target, SN_OUTTX_MARKER);
    return 0;
}

static int make_stage(sn_outtx *tx, sn_error *err)
{
    if (mkdir(tx->stage, 0777) != 0)
        return sn_error_set(err, code_of(errno), "%s: cannot create folder "
                            "%s: %s", tx->target, tx->stage,
                            strerror(errno));
    size_t n = strlen(tx->stage) + sizeof SN_OUTTX_MARKER + 1;
    char *m = malloc(n);
    if (!m)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    snprintf(m, n, "%s/%s", tx->stage, SN_OUTTX_MARKER);
    FILE *f = fopen(m, "w");
    int ok = f && fputs("schoolnet output folder: the next run writing here "
                        "replaces it whole\n", f) >= 0;
    ok = f && fclose(f) == 0 && ok;
    free(m);
    return ok ? 0 : sn_error_set(err, SN_EIO, "%s: cannot write: %s",
                                 tx->stage, strerror(errno));
}

static void tx_free(sn_outtx *tx)
{
    if (tx->lock_fd >= 0) {
        unlink(tx->lock); /* before the unlock: see take_lock */
        close(tx->lock_fd);
    }
    free(tx->target);
    free(tx->parent);
    free(tx->name);
    free(tx->lock);
    free(tx->stage);
    free(tx);
}

int sn_outtx_begin(sn_outtx **out, const char *dir, sn_error *err)
{
    *out = NULL;
    sn_outtx *tx = calloc(1, sizeof *tx);
    if (!tx)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    tx->lock_fd = -1;
    char pid[32];
    snprintf(pid, sizeof pid, ".new.%ld", (long)getpid());
    int rc = split(tx, dir, err);
    if (rc == 0 && (!(tx->lock = path_of(tx->parent, tx->name, ".lock")) ||
                    !(tx->stage = path_of(tx->parent, tx->name, pid))))
        rc = sn_error_set(err, SN_ENOMEM, "out of memory");
    if (rc == 0)
        rc = make_dirs(tx->parent, err);
    if (rc == 0)
        rc = take_lock(tx, err);
    if (rc == 0) {
        recover(tx);
        rc = check_target(tx, err);
    }
    if (rc == 0 && (rc = make_stage(tx, err)) != 0)
        remove_tree(tx->stage);
    if (rc) {
        tx_free(tx);
        return rc;
    }
    *out = tx;
    return 0;
}

const char *sn_outtx_path(const sn_outtx *tx) { return tx->stage; }

void sn_outtx_abort(sn_outtx *tx)
{
    if (!tx)
        return;
    remove_tree(tx->stage);
    tx_free(tx);
}

/* The fallback without an atomic exchange (see outtx.h). */
static int swap_by_renames(sn_outtx *tx, sn_error *err)
{
    char pid[32];
    snprintf(pid, sizeof pid, ".old.%ld", (long)getpid());
    char *old = path_of(tx->parent, tx->name, pid);
    if (!old)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    int rc = 0;
    if (rename(tx->target, old) != 0) {
        rc = sn_error_set(err, SN_EIO, "%s: cannot move the old folder "
                          "aside: %s", tx->target, strerror(errno));
    } else {
        kill_point("moved-aside");
        if (rename(tx->stage, tx->target) != 0) {
            rc = sn_error_set(err, SN_EIO, "%s: cannot rename into place: "
                              "%s", tx->target, strerror(errno));
            rename(old, tx->target); /* put the old one back */
        } else {
            kill_point("renamed");
            sync_path(tx->parent);
            remove_tree(old);
        }
    }
    free(old);
    return rc;
}

int sn_outtx_commit(sn_outtx *tx, sn_error *err)
{
    int rc = 0;
    struct stat st;
    sync_path(tx->stage);
    kill_point("staged");
    if (lstat(tx->target, &st) != 0) {
        if (rename(tx->stage, tx->target) != 0)
            rc = sn_error_set(err, SN_EIO, "%s: cannot rename into place: %s",
                              tx->target, strerror(errno));
        else
            kill_point("renamed");
    } else {
        const char *no = getenv("SCHOOLNET_TEST_NO_EXCHANGE");
        int exchanged = 0, e = EINVAL;
#ifdef RENAME_EXCHANGE
        if (!(no && !strcmp(no, "1"))) {
            exchanged = renameat2(AT_FDCWD, tx->stage, AT_FDCWD, tx->target,
                                  RENAME_EXCHANGE) == 0;
            e = errno;
        }
#endif
        if (exchanged) {
            kill_point("swapped");
            sync_path(tx->parent);
            /* the old content is now at the staging path */
            DIR *d = opendir(tx->stage);
            struct dirent *de;
            int first = 1;
            while (d && (de = readdir(d)) != NULL) {
                if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
                    continue;
                size_t n = strlen(tx->stage) + strlen(de->d_name) + 2;
                char *p = malloc(n);
                if (p) {
                    snprintf(p, n, "%s/%s", tx->stage, de->d_name);
                    remove_tree(p);
                    free(p);
                }
                if (first)
                    kill_point("removing");
                first = 0;
            }
            if (d)
                closedir(d);
        } else if (e == EINVAL || e == ENOSYS || e == ENOTSUP) {
            rc = swap_by_renames(tx, err);
        } else {
            rc = sn_error_set(err, SN_EIO, "%s: cannot swap in the new "
                              "folder: %s", tx->target, strerror(e));
        }
    }
    if (rc == 0)
        sync_path(tx->parent);
    remove_tree(tx->stage); /* the old content, or the unpublished new */
    tx_free(tx);
    return rc;
}
