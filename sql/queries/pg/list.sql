-- PostgreSQL texts of the set fragments of sql/queries/list.sql: "= ANY (ARRAY(...))", so
-- the planner probes the column's index with the array instead of hashing a guessed
-- 100-row set against a scan of the whole link table (docs/internals/store.md, "Id lists").
-- fragment: list_in_json
= ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($_ AS jsonb))))
-- fragment: list_in_json_int
= ANY (ARRAY(SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST($_ AS jsonb))))
