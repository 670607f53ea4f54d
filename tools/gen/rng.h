/*
 * rng: the generator's only source of randomness, xoshiro256** seeded by
 * splitmix64, never rand(): the same seed gives the same numbers on every
 * machine, so the same options give byte-identical files. Changing how
 * many numbers a step draws, or in what order, changes every file after
 * it.
 */
#ifndef PHASEOUT_GEN_RNG_H
#define PHASEOUT_GEN_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s[4];
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, 1) with 53 random bits. */
double rng_real(struct rng *r);
/* Uniform in 0 .. n-1 (n > 0); the modulo bias is < 2^-40 here. */
uint32_t rng_below(struct rng *r, uint32_t n);
/* Uniform in lo .. hi inclusive. */
uint32_t rng_range(struct rng *r, uint32_t lo, uint32_t hi);

#endif
