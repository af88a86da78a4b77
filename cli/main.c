/* main.c - entry point: everything happens in sn_cli_run (cli/cli.c). */
#include "cli/cli.h"

int main(int argc, char **argv) { return sn_cli_run(argc, argv); }
