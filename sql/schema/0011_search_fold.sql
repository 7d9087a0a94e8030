-- 0011_search_fold — search matches a stored, case-folded copy of each searched row's text
-- (core/fold.c: Unicode case folding, the same on both backends; docs/internals/lists.md,
-- "Search"). SQL cannot fold as libunistring does, so the columns start NULL and the store
-- folds every NULL row right after migrating (store/search.c); the partial indexes find
-- them without a scan. On PostgreSQL the columns keep the database's collation (as first
-- released; the folded text is only matched with LIKE, never sorted).
ALTER TABLE tasks ADD COLUMN search_text TEXT; -- as is
ALTER TABLE deals ADD COLUMN search_text TEXT; -- as is
ALTER TABLE contacts ADD COLUMN search_text TEXT; -- as is
ALTER TABLE organizations ADD COLUMN search_text TEXT; -- as is
ALTER TABLE portfolios ADD COLUMN search_text TEXT; -- as is
CREATE INDEX tasks_search_unfolded ON tasks(id) WHERE search_text IS NULL;
CREATE INDEX deals_search_unfolded ON deals(ws_id) WHERE search_text IS NULL;
CREATE INDEX contacts_search_unfolded ON contacts(ws_id) WHERE search_text IS NULL;
CREATE INDEX organizations_search_unfolded ON organizations(ws_id) WHERE search_text IS NULL;
CREATE INDEX portfolios_search_unfolded ON portfolios(id) WHERE search_text IS NULL;
