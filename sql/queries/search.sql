-- The stored search text of each searched kind (store/search.c; docs/internals/lists.md,
-- "Search"). Per kind: *_unfolded lists rows whose search_text is NULL (ws_id, id), at most
-- $1; *_source gives the row's searched texts, one per row, which the store folds and joins
-- into search_text with *_set ($1 ws_id, $2 id, $3 the folded text).
-- name: search_task_unfolded
SELECT ws_id, id FROM tasks WHERE search_text IS NULL ORDER BY id LIMIT $1
-- name: search_task_source
SELECT COALESCE(title, '') FROM tasks WHERE ws_id = $1 AND id = $2
UNION ALL SELECT COALESCE(description, '') FROM tasks WHERE ws_id = $1 AND id = $2
-- name: search_task_set
UPDATE tasks SET search_text = $3 WHERE ws_id = $1 AND id = $2
-- name: search_deal_unfolded
SELECT ws_id, id FROM deals WHERE search_text IS NULL LIMIT $1
-- name: search_deal_source
SELECT COALESCE(title, '') FROM deals WHERE ws_id = $1 AND id = $2
UNION ALL SELECT COALESCE(description, '') FROM deals WHERE ws_id = $1 AND id = $2
-- name: search_deal_set
UPDATE deals SET search_text = $3 WHERE ws_id = $1 AND id = $2
-- A contact is found by any name, "first last", "last first" or an e-mail.
-- name: search_contact_unfolded
SELECT ws_id, id FROM contacts WHERE search_text IS NULL LIMIT $1
-- name: search_contact_source
SELECT first_name FROM contacts WHERE ws_id = $1 AND id = $2
UNION ALL SELECT COALESCE(last_name, '') FROM contacts WHERE ws_id = $1 AND id = $2
UNION ALL SELECT COALESCE(middle_name, '') FROM contacts WHERE ws_id = $1 AND id = $2
UNION ALL SELECT first_name || ' ' || COALESCE(last_name, '') FROM contacts
          WHERE ws_id = $1 AND id = $2
UNION ALL SELECT COALESCE(last_name, '') || ' ' || first_name FROM contacts
          WHERE ws_id = $1 AND id = $2
UNION ALL SELECT email FROM contact_emails WHERE ws_id = $1 AND contact_id = $2
-- name: search_contact_set
UPDATE contacts SET search_text = $3 WHERE ws_id = $1 AND id = $2
-- name: search_organization_unfolded
SELECT ws_id, id FROM organizations WHERE search_text IS NULL LIMIT $1
-- name: search_organization_source
SELECT name FROM organizations WHERE ws_id = $1 AND id = $2
-- name: search_organization_set
UPDATE organizations SET search_text = $3 WHERE ws_id = $1 AND id = $2
-- name: search_portfolio_unfolded
SELECT ws_id, id FROM portfolios WHERE search_text IS NULL ORDER BY id LIMIT $1
-- name: search_portfolio_source
SELECT name FROM portfolios WHERE ws_id = $1 AND id = $2
-- name: search_portfolio_set
UPDATE portfolios SET search_text = $3 WHERE ws_id = $1 AND id = $2
