/*
 * model_blocks: the periods a swap may be planned in when finer periods
 * than years change nothing but the exposure (model-2.md, docs/model.md
 * "Blocks of periods"). A block is a run of periods of one year in which
 * every rule treats a swap alike: no period key on a budget, capacity
 * or crews, no site's earliest period inside it, no end of a stretch of
 * growth inside it at which a vendor-share row can bind and is tighter
 * than at the next end, and a swap's nominal cost that does not fall
 * from its first period on. Moving every swap of a plan to the first period of its
 * block keeps every rule and lowers the exposure by at least one
 * period's weight, so with exposure first an optimal plan swaps at block
 * starts only, and the model phaseout solves leaves the other periods'
 * x columns out. The exported model and every other stage order keep
 * all periods.
 *
 * Calling sequence: model.c's builder only, after vendor_room().
 */
#ifndef PHASEOUT_MODEL_BLOCKS_H
#define PHASEOUT_MODEL_BLOCKS_H

#include "solver/model_build.h"

/* model_blocks_find: m->block_start[p], the first period of p's block
 * (p itself for every p when the reduction does not apply: an exported
 * model, years, another first objective than exposure, a re-plan, funds,
 * a baseline, the elastic model, a group of weight 0, or a stage
 * tolerance that one period's exposure would not clear). */
void model_blocks_find(struct builder *b);

#endif
