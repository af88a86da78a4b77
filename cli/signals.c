/* signals.c - the stop flag and its handlers (signals.h).  The flag is the
 * one mutable global of the command line: a signal handler can reach
 * nothing else. */
#include "cli/signals.h"

#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static volatile sig_atomic_t stop_signal, worker;
/* pids of this process's workers (0: free slot), for the handler */
static volatile sig_atomic_t workers[SN_MAX_WORKERS];

static void on_signal(int sig)
{
    if (stop_signal) {
        /* a worker stops at the first signal and ignores the others: its
         * parent passes one on (which may race the terminal's), and it
         * dies with the parent if the parent quits */
        if (!worker)
            _exit(128 + stop_signal); /* the second one: quit at once */
        return;
    }
    stop_signal = sig;
    for (int i = 0; i < SN_MAX_WORKERS; i++)
        if (workers[i] > 0)
            kill((pid_t)workers[i], sig);
    static const char msg[] =
        "\nschoolnet: stopping: the best plan found so far will be written "
        "(send the signal again to quit at once)\n";
    if (!worker && write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
        /* nothing to do about it inside a handler */
    }
}

void sn_cli_signals_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a parent's waitpid sees EINTR */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

const volatile sig_atomic_t *sn_cli_stop_flag(void) { return &stop_signal; }

int sn_cli_signal_exit(int rc) { return stop_signal ? 128 + stop_signal : rc; }

pid_t sn_cli_fork_worker(void)
{
    /* blocked around fork: in the child until it is a worker (a signal
     * then finds the flag set and is ignored), in the parent until the
     * child is registered (the handler then passes it on) */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigprocmask(SIG_BLOCK, &block, &old);
    pid_t parent = getpid(), pid = fork();
    if (pid == 0) {
        worker = 1;
        for (int i = 0; i < SN_MAX_WORKERS; i++)
            workers[i] = 0; /* the parent's other workers are not ours */
        setpgid(0, 0);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) /* the parent died before prctl */
            _exit(128 + SIGKILL);
    } else if (pid > 0) {
        setpgid(pid, pid); /* as the child does, whoever runs first */
        for (int i = 0; i < SN_MAX_WORKERS; i++)
            if (workers[i] == 0) {
                workers[i] = (sig_atomic_t)pid;
                break;
            }
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    return pid;
}

void sn_cli_worker_remove(pid_t pid)
{
    for (int i = 0; i < SN_MAX_WORKERS; i++)
        if (workers[i] == (sig_atomic_t)pid)
            workers[i] = 0;
}
