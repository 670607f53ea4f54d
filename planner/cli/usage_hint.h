/*
 * usage_hint: "did you mean" for the command line: the long option of a
 * command's usage text that an unknown one most likely misspells
 * (did_you_mean.h), so that every option a usage text lists is offered,
 * whichever table it is parsed from.
 */
#ifndef PHASEOUT_USAGE_HINT_H
#define PHASEOUT_USAGE_HINT_H

#include <stddef.h>

/*
 * usage_hint_option: for the unknown option 'typed' ("--time-limt" or
 * "--time-limt=5"), the "--name" of 'usage' it most likely misspells,
 * copied to 'buf'; NULL when 'typed' is no long option or none is close.
 */
const char *usage_hint_option(const char *usage, const char *typed, char *buf,
			      size_t size);

#endif
