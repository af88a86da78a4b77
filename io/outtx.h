/* outtx.h - one output folder replaced as a whole, or not at all.
 *
 * A run that writes a folder of results (a plan, with OUT/<year>/
 * subfolders for several years; a batch) must leave either the folder as
 * it was before or the complete new one: never a mix of old and new files,
 * never files of an earlier, different run (a teachers.csv from a run with
 * teachers, a 2023/ from a longer --years) next to the new ones.
 *
 * sn_outtx_begin() takes a lock (flock(2) on PARENT/.NAME.lock), so a
 * second run writing the same folder fails at once with a clear message;
 * removes the temporaries of runs that were killed (PARENT/.NAME.new.* and
 * .NAME.old.*); and creates an empty staging folder PARENT/.NAME.new.PID,
 * where the caller writes everything (with io/outdir.h, subfolders
 * included).  sn_outtx_commit() then swaps the staging folder in with one
 * atomic step: renameat2(RENAME_EXCHANGE) on Linux when OUT exists
 * (rename(2) when it does not), and removes the old content.  Where the
 * file system cannot exchange (EINVAL, ENOSYS: some network and FUSE file
 * systems, kernels before 3.15), OUT is first renamed to .NAME.old.PID and
 * the staging folder renamed to OUT: a kill between those two renames
 * leaves no OUT but the whole old folder in .NAME.old.PID, which the next
 * sn_outtx_begin() on OUT renames back before anything else, so readers
 * never see a mix there either.
 *
 * Safety: an existing OUT is replaced only when it is empty or was written
 * by sn_outtx (it holds the marker file OUT/.schoolnet); any other folder
 * (a home folder given by mistake, a data set) is refused, never removed.
 *
 * Test hooks (environment, read at each step; for the kill tests only):
 * SCHOOLNET_TEST_KILL_AT=STEP sends SIGKILL to the process itself at STEP
 * ("staged", "swapped", "removing", "moved-aside", "renamed");
 * SCHOOLNET_TEST_NO_EXCHANGE=1 takes the fallback path.
 *
 * Typical use:
 *     sn_outtx *tx;
 *     if ((rc = sn_outtx_begin(&tx, out, err)) != 0) return rc;
 *     ... write files under sn_outtx_path(tx) ...
 *     rc = ok ? sn_outtx_commit(tx, err) : (sn_outtx_abort(tx), rc);
 */
#ifndef SN_OUTTX_H
#define SN_OUTTX_H

#include "model/error.h"

typedef struct sn_outtx sn_outtx;

/* Name of the marker file every published folder holds. */
#define SN_OUTTX_MARKER ".schoolnet"

/* Starts replacing folder dir (missing parent folders are created, and
 * stay).  Returns 0 with *out, or: SN_EUSAGE for a path that cannot be an
 * output folder (empty, too long, ".", "..", "/", a symbolic link, not a
 * folder, a folder not written by schoolnet), that another run is
 * writing now, or whose folder the user may not write (no permission, a
 * read-only file system, a file where a folder should be); SN_EIO for a
 * failure of the system (I/O error, full disk); SN_ENOMEM.  err says which, with the
 * path.  *out is NULL on failure and nothing of dir has changed. */
int sn_outtx_begin(sn_outtx **out, const char *dir, sn_error *err);

/* The staging folder to write into (exists, empty but for the marker).
 * Borrowed: valid until commit or abort. */
const char *sn_outtx_path(const sn_outtx *tx);

/* Swaps the staging folder in as dir, removes the old content, releases
 * the lock and frees tx.  Returns 0, or SN_EIO with dir as it was (the
 * staging folder removed).  A failure to remove the old content after the
 * swap is not an error: the next begin on dir removes what is left. */
int sn_outtx_commit(sn_outtx *tx, sn_error *err);

/* Removes the staging folder, releases the lock, frees tx; dir is as it
 * was.  Accepts NULL. */
void sn_outtx_abort(sn_outtx *tx);

#endif
