/* outdir.h - all-or-nothing output of a set of files into one folder.
 *
 * A run that writes several files (a plan, a projection, a generated data
 * set) must never leave a mix of new and old files, or half a file, behind.
 * An sn_outdir hands out one FILE per name, each writing to a hidden
 * temporary in the target folder (".NAME.tmp.PID"), and publishes them only
 * in sn_outdir_commit(), by rename(2) over the old files; rename within one
 * folder is atomic per file.  On any failure, before or during commit, the
 * temporaries are removed and files that existed before are left as they
 * were (commit keeps a hard link to each old file until all renames are
 * done and puts it back if a later rename fails).
 *
 * Typical use:
 *     sn_outdir *od;
 *     if ((rc = sn_outdir_open(&od, dir, err)) != 0) return rc;
 *     FILE *f = sn_outdir_file(od, "a.csv", err);
 *     if (!f) { sn_outdir_abort(od); return err->code; }
 *     fprintf(f, ...);
 *     return sn_outdir_commit(od, err);   (frees od, success or not)
 *
 * Not thread-safe per object; distinct objects are independent.  Two
 * processes writing the same folder at once do not corrupt any file (each
 * has its own temporaries) and the last commit wins file by file.  A
 * whole plan folder (with subfolders, and no file of an earlier plan
 * left behind) is one io/outtx.h transaction: the commands write their
 * sn_outdir sets inside its staging folder.
 */
#ifndef SN_OUTDIR_H
#define SN_OUTDIR_H

#include <stdio.h>

#include "model/error.h"

typedef struct sn_outdir sn_outdir;

/* Creates folder `dir` (and missing parents, mode 0777 & ~umask) if needed
 * and starts an empty set of files; temporaries that killed writers left
 * in dir (".NAME.tmp.PID", ".NAME.old.PID" of a process that no longer
 * exists) are removed.  Returns 0, SN_ENOMEM, SN_EUSAGE (dir empty) or
 * SN_EIO (a path component is not a folder, no permission, ...); *out is
 * NULL on failure.  Folders created here stay even if the output is
 * aborted later. */
int sn_outdir_open(sn_outdir **out, const char *dir, sn_error *err);

/* Opens a new file `name` (a plain name: no '/', not "." or "..", not
 * starting with '.') for writing, as a temporary.  The FILE is owned by od:
 * write to it, never fclose it.  Returns NULL and fills err (SN_EUSAGE for a
 * bad or repeated name or when the final path exists as something other
 * than a regular file, SN_EIO, SN_ENOMEM); od stays usable for abort. */
FILE *sn_outdir_file(sn_outdir *od, const char *name, sn_error *err);

/* Reads back what has been written so far to file `name` of the set (a
 * later writer, such as a report, may build on the files before them).
 * Returns 0 with *text a malloc'd copy (NUL-terminated, *len bytes
 * without the NUL; the caller frees it), 1 when no file of that name is
 * in the set (*text NULL), SN_EIO or SN_ENOMEM (err filled, *text NULL).
 * The file stays open for writing. */
int sn_outdir_read(sn_outdir *od, const char *name, char **text, size_t *len,
                   sn_error *err);

/* Flushes, syncs and closes every file, then renames all of them into place
 * and frees od.  Returns 0, or SN_EIO (a write error, full disk, ...) with
 * no file of the set published and the previous files intact; od is freed
 * in both cases. */
int sn_outdir_commit(sn_outdir *od, sn_error *err);

/* Closes and removes every temporary and frees od.  Accepts NULL. */
void sn_outdir_abort(sn_outdir *od);

#endif
