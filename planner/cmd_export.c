/* TEMPORARY during the first session's bring-up: replaced by the real command. */
#include <stdio.h>

#include "commands.h"

int cmd_export(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("phaseout: error: 'export' is not built yet\n", stderr);
	return EXIT_ERROR;
}
