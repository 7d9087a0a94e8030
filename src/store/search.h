/* search.h — the stored, case-folded search text of tasks, deals, contacts, organizations
 * and portfolios (sql/queries/search.sql; docs/internals/lists.md, "Search"). */
#ifndef STORE_SEARCH_H
#define STORE_SEARCH_H

#include <stdint.h>

#include "store/store.h"

enum search_kind {
    SEARCH_TASK,
    SEARCH_DEAL,
    SEARCH_CONTACT,
    SEARCH_ORGANIZATION,
    SEARCH_PORTFOLIO
};

/* Fold row id of workspace ws_id's searched texts again into its search_text. The model
 * calls it, in the write's transaction, after every write that changes a searched text. */
int store_search_refresh(struct store *st, enum search_kind k, int64_t ws_id, struct sql_val id);

/* The same from the texts the caller is writing, NULL as "", in the order the kind's
 * *_source query reads them (a task: title, description): no read back, and the write is
 * queued (store_exec_later) to go out with the transaction's next exchange. Only where the
 * caller knows every searched text of the row as stored. */
int store_search_set(struct store *st, enum search_kind k, int64_t ws_id, struct sql_val id,
                     const char *const *texts, size_t n);

#endif
