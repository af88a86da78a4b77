/* signals.h - SIGINT and SIGTERM for the commands that solve (plan, batch).
 *
 * Signals are caught here only; library code sees a stop flag
 * (`const volatile sig_atomic_t *`, in sn_allocate_opts, sn_teachers_opts
 * and sn_mip_opts).  The first SIGINT or SIGTERM sets the flag to the
 * signal's number and prints one line: the search stops at its next check,
 * the best plan found is written with status `interrupted`, and the
 * command exits 128 + signal (130 for SIGINT, 143 for SIGTERM).  A second
 * signal ends the process at once with that code (_exit): nothing more is
 * written, and an output folder being replaced stays as it was
 * (io/outtx.h).
 *
 * Worker processes (`plan --jobs`, `batch`) are made by sn_cli_fork_worker:
 * they get a process group of their own, so a terminal's Ctrl-C reaches
 * the parent only, and the parent's handler passes the first signal on
 * to every worker it has.  Workers stop at the first signal and ignore later ones (a
 * passed-on copy may race the terminal's), and are killed (SIGKILL) when
 * the parent dies, whatever the way.
 */
#ifndef SN_SIGNALS_H
#define SN_SIGNALS_H

#include <signal.h>
#include <sys/types.h>

/* Installs the handlers (idempotent; the flag keeps its value, so a
 * signal that reached a worker before it installed them is not lost). */
void sn_cli_signals_install(void);

/* The stop flag: 0, or the number of the first signal received. */
const volatile sig_atomic_t *sn_cli_stop_flag(void);

/* rc when no signal came; else 128 + the first signal's number. */
int sn_cli_signal_exit(int rc);

/* fork(2) for a worker: returns 0 in the child (now a worker: own
 * process group, SIGKILL when the parent dies, signals handled as a
 * worker), the child's pid in the parent (which passes signals on to it
 * until sn_cli_worker_remove), or -1 (errno).  At most SN_MAX_WORKERS
 * workers are known at once; more still run but get no signal passed on
 * (the callers' --jobs limit is 256). */
#define SN_MAX_WORKERS 256
pid_t sn_cli_fork_worker(void);
/* After waitpid returned pid. */
void sn_cli_worker_remove(pid_t pid);

#endif
