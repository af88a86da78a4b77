/* outdir.c - all-or-nothing output of a set of files into one folder.
 *
 * Each file lives in a hidden temporary in the target folder until commit,
 * so the final rename never crosses a file system.  Commit works in phases:
 * close and sync everything (any write error aborts with nothing published),
 * check that no final name is a folder or other non-file, keep a hard link
 * to each existing final file, rename the temporaries in, and, should a
 * rename fail half-way, put the old files back.  Only then are the links
 * removed.
 */
#include "io/outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct entry {
    char *name;    /* as given */
    char *final;   /* dir/name */
    char *tmp;     /* dir/.name.tmp.PID */
    char *backup;  /* dir/.name.old.PID: link to the previous file, or NULL */
    FILE *f;       /* open until commit or abort */
    int existed;   /* final existed before commit */
    int published; /* renamed into place */
} entry;

struct sn_outdir {
    char *dir;
    entry *e;
    size_t n, cap;
};

static char *join(const char *dir, const char *prefix, const char *name,
                  const char *suffix)
{
    size_t len = strlen(dir) + strlen(prefix) + strlen(name) +
                 strlen(suffix) + 2;
    char *p = malloc(len);
    if (p)
        snprintf(p, len, "%s/%s%s%s", dir, prefix, name, suffix);
    return p;
}

/* mkdir -p: creates each missing component of path. */
static int make_dirs(const char *path, sn_error *err)
{
    char *buf = strdup(path);
    if (!buf)
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    size_t len = strlen(buf);
    int rc = 0;
    for (size_t i = 1; i <= len && rc == 0; i++) {
        if (buf[i] != '/' && buf[i] != '\0')
            continue;
        char keep = buf[i];
        buf[i] = '\0';
        struct stat st;
        if (mkdir(buf, 0777) != 0) {
            if (errno != EEXIST)
                rc = sn_error_set(err, SN_EIO, "%s: cannot create folder: %s",
                                  buf, strerror(errno));
            else if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))
                rc = sn_error_set(err, SN_EIO, "%s: exists and is not a folder",
                                  buf);
        }
        buf[i] = keep;
    }
    free(buf);
    return rc;
}

/* The pid in a temporary's name ".NAME.tmp.PID[.K]" or ".NAME.old.PID",
 * or 0 when the name is not one of ours. */
static long temp_pid(const char *name)
{
    if (name[0] != '.')
        return 0;
    const char *tag = strstr(name, ".tmp.");
    if (!tag)
        tag = strstr(name, ".old.");
    if (!tag || tag == name)
        return 0;
    char *end;
    long pid = strtol(tag + 5, &end, 10);
    if (pid <= 0 || (*end && *end != '.'))
        return 0;
    return pid;
}

/* Removes the temporaries that killed writers left in dir (their process
 * is gone); those of live writers are theirs. */
static void remove_stale(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        long pid = temp_pid(e->d_name);
        if (!pid || pid == (long)getpid() ||
            kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        char *p = join(dir, "", e->d_name, "");
        if (p)
            unlink(p);
        free(p);
    }
    closedir(d);
}

int sn_outdir_open(sn_outdir **out, const char *dir, sn_error *err)
{
    *out = NULL;
    if (!dir || !*dir)
        return sn_error_set(err, SN_EUSAGE, "output folder name is empty");
    int rc = make_dirs(dir, err);
    if (rc != 0)
        return rc;
    remove_stale(dir);
    sn_outdir *od = calloc(1, sizeof *od);
    if (!od || !(od->dir = strdup(dir))) {
        free(od);
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    }
    *out = od;
    return 0;
}

static void entry_dispose(entry *e)
{
    free(e->name);
    free(e->final);
    free(e->tmp);
    free(e->backup);
}

/* Checks that path is absent or a regular file (or a link to one). */
static int final_ok(const char *path, sn_error *err)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0
                               : sn_error_set(err, SN_EIO, "%s: %s", path,
                                              strerror(errno));
    if (S_ISREG(st.st_mode) ||
        (S_ISLNK(st.st_mode) && stat(path, &st) == 0 && S_ISREG(st.st_mode)))
        return 0;
    return sn_error_set(err, SN_EUSAGE,
                        "%s: exists and is not a regular file", path);
}

static int open_tmp(entry *e, const char *dir, sn_error *err)
{
    char suffix[48];
    for (int k = 0; k < 100; k++) {
        if (k == 0)
            snprintf(suffix, sizeof suffix, ".tmp.%ld", (long)getpid());
        else
            snprintf(suffix, sizeof suffix, ".tmp.%ld.%d", (long)getpid(), k);
        free(e->tmp);
        if (!(e->tmp = join(dir, ".", e->name, suffix)))
            return sn_error_set(err, SN_ENOMEM, "out of memory");
        int fd = open(e->tmp, O_WRONLY | O_CREAT | O_EXCL, 0666);
        if (fd < 0 && errno == EEXIST)
            continue;
        if (fd < 0)
            return sn_error_set(err, SN_EIO, "%s: cannot create: %s", e->tmp,
                                strerror(errno));
        e->f = fdopen(fd, "w");
        if (!e->f) {
            int saved = errno;
            close(fd);
            unlink(e->tmp);
            return sn_error_set(err, SN_EIO, "%s: %s", e->tmp,
                                strerror(saved));
        }
        return 0;
    }
    return sn_error_set(err, SN_EIO, "%s/.%s.tmp.*: too many stale temporaries",
                        dir, e->name);
}

FILE *sn_outdir_file(sn_outdir *od, const char *name, sn_error *err)
{
    if (!name || !*name || name[0] == '.' || strchr(name, '/')) {
        sn_error_set(err, SN_EUSAGE, "bad output file name '%s'",
                     name ? name : "");
        return NULL;
    }
    for (size_t i = 0; i < od->n; i++)
        if (!strcmp(od->e[i].name, name)) {
            sn_error_set(err, SN_EUSAGE, "%s/%s: opened twice", od->dir, name);
            return NULL;
        }
    if (od->n == od->cap) {
        size_t ncap = od->cap ? 2 * od->cap : 8;
        entry *ne = realloc(od->e, ncap * sizeof *ne);
        if (!ne) {
            sn_error_set(err, SN_ENOMEM, "out of memory");
            return NULL;
        }
        od->e = ne;
        od->cap = ncap;
    }
    entry *e = &od->e[od->n];
    memset(e, 0, sizeof *e);
    if (!(e->name = strdup(name)) ||
        !(e->final = join(od->dir, "", name, ""))) {
        entry_dispose(e);
        sn_error_set(err, SN_ENOMEM, "out of memory");
        return NULL;
    }
    if (final_ok(e->final, err) != 0 || open_tmp(e, od->dir, err) != 0) {
        entry_dispose(e);
        return NULL;
    }
    od->n++;
    return e->f;
}

int sn_outdir_read(sn_outdir *od, const char *name, char **text, size_t *len,
                   sn_error *err)
{
    *text = NULL;
    *len = 0;
    entry *e = NULL;
    for (size_t i = 0; i < od->n && !e; i++)
        if (!strcmp(od->e[i].name, name))
            e = &od->e[i];
    if (!e)
        return 1;
    if (!e->f || fflush(e->f) != 0)
        return sn_error_set(err, SN_EIO, "%s: write failed", e->final);
    FILE *f = fopen(e->tmp, "rb");
    if (!f)
        return sn_error_set(err, SN_EIO, "%s: cannot read back: %s", e->tmp,
                            strerror(errno));
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    do {
        if (cap - n < 4096) {
            cap = 2 * cap + 4096;
            char *nb = realloc(buf, cap + 1);
            if (!nb) {
                free(buf);
                fclose(f);
                return sn_error_set(err, SN_ENOMEM, "out of memory");
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return sn_error_set(err, SN_EIO, "%s: read error", e->tmp);
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return 0;
}

/* Frees od after removing every temporary and backup link still there. */
static void cleanup(sn_outdir *od)
{
    for (size_t i = 0; i < od->n; i++) {
        entry *e = &od->e[i];
        if (e->f)
            fclose(e->f);
        if (!e->published && e->tmp)
            unlink(e->tmp);
        if (e->backup)
            unlink(e->backup);
        entry_dispose(e);
    }
    free(od->e);
    free(od->dir);
    free(od);
}

void sn_outdir_abort(sn_outdir *od)
{
    if (od)
        cleanup(od);
}

/* Flushes, syncs and closes one file; reports the first error. */
static int close_entry(entry *e, sn_error *err)
{
    int bad = fflush(e->f) != 0 || ferror(e->f);
    int saved = errno;
    if (!bad && fsync(fileno(e->f)) != 0 && errno != EINVAL) {
        bad = 1;
        saved = errno;
    }
    if (fclose(e->f) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    e->f = NULL;
    return bad ? sn_error_set(err, SN_EIO, "%s: write failed: %s", e->final,
                              strerror(saved))
               : 0;
}

/* Keeps a hard link to an existing final file so it can be put back. */
static int keep_backup(entry *e, const char *dir, sn_error *err)
{
    struct stat st;
    if (lstat(e->final, &st) != 0)
        return 0;
    e->existed = 1;
    char suffix[32];
    snprintf(suffix, sizeof suffix, ".old.%ld", (long)getpid());
    if (!(e->backup = join(dir, ".", e->name, suffix)))
        return sn_error_set(err, SN_ENOMEM, "out of memory");
    unlink(e->backup);
    if (link(e->final, e->backup) != 0) {
        /* No hard links here (some network file systems): go on without a
         * way back for this one file; renames in one folder rarely fail. */
        free(e->backup);
        e->backup = NULL;
    }
    return 0;
}

/* Undoes the renames of entries [0, upto). */
static void roll_back(sn_outdir *od, size_t upto)
{
    for (size_t i = 0; i < upto; i++) {
        entry *e = &od->e[i];
        if (!e->published)
            continue;
        if (e->backup && rename(e->backup, e->final) == 0) {
            free(e->backup);
            e->backup = NULL;
        } else if (!e->existed) {
            unlink(e->final);
        }
        e->published = 0;
        free(e->tmp); /* already moved: nothing left to unlink */
        e->tmp = NULL;
    }
}

static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

int sn_outdir_commit(sn_outdir *od, sn_error *err)
{
    int rc = 0;
    for (size_t i = 0; i < od->n && rc == 0; i++)
        rc = close_entry(&od->e[i], err);
    for (size_t i = 0; i < od->n && rc == 0; i++)
        rc = final_ok(od->e[i].final, err);
    for (size_t i = 0; i < od->n && rc == 0; i++)
        rc = keep_backup(&od->e[i], od->dir, err);
    for (size_t i = 0; i < od->n && rc == 0; i++) {
        entry *e = &od->e[i];
        if (rename(e->tmp, e->final) != 0) {
            rc = sn_error_set(err, SN_EIO, "%s: cannot rename into place: %s",
                              e->final, strerror(errno));
            roll_back(od, i);
        } else {
            e->published = 1;
        }
    }
    if (rc == 0)
        sync_dir(od->dir);
    cleanup(od);
    return rc;
}
