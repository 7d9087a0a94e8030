-- Funnels and their statuses (docs/internals/crm.md). The *_find queries are the *_get
-- ones without the counts (zeros in their place), for lookups that answer no object. Funnel SELECTs return the columns
-- funnel_from_row() reads: id, name, currency_id, is_private, is_bookmarked, creator_id,
-- position, created_at, updated_at, deals_count, deals_amount; status SELECTs those of
-- status_from_row(): id, funnel_id, name, creator_id, position, created_at, updated_at,
-- deals_count, deals_amount. Counts and amounts are computed from the deals (index
-- deals_funnel), never stored. Positions are dense per parent and rewritten by the model
-- inside one write transaction. Inserts use ON CONFLICT DO NOTHING so a slug clash returns
-- no row (and the model draws another slug) instead of aborting the transaction.
-- name: funnel_list
SELECT f.id, f.name, f.currency_id, f.is_private, f.is_bookmarked, f.creator_id, f.position,
       f.created_at, f.updated_at,
       (SELECT count(*) FROM deals d WHERE d.ws_id = f.ws_id AND d.funnel_id = f.id),
       (SELECT COALESCE(SUM(d.amount), 0.0) FROM deals d WHERE d.ws_id = f.ws_id AND d.funnel_id = f.id)
FROM funnels f WHERE f.ws_id = $1 ORDER BY f.position, f.id
-- name: funnel_get
SELECT f.id, f.name, f.currency_id, f.is_private, f.is_bookmarked, f.creator_id, f.position,
       f.created_at, f.updated_at,
       (SELECT count(*) FROM deals d WHERE d.ws_id = f.ws_id AND d.funnel_id = f.id),
       (SELECT COALESCE(SUM(d.amount), 0.0) FROM deals d WHERE d.ws_id = f.ws_id AND d.funnel_id = f.id)
FROM funnels f WHERE f.ws_id = $1 AND f.id = $2
-- name: funnel_find
SELECT id, name, currency_id, is_private, is_bookmarked, creator_id, position, created_at,
       updated_at, 0, 0.0
FROM funnels WHERE ws_id = $1 AND id = $2
-- name: funnel_insert
INSERT INTO funnels (ws_id, id, name, currency_id, is_private, creator_id, position,
                     created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6,
        (SELECT COALESCE(MAX(position) + 1, 0) FROM funnels WHERE ws_id = $1), $7, $7)
ON CONFLICT (ws_id, id) DO NOTHING
RETURNING id
-- name: funnel_update
UPDATE funnels SET name = $3, currency_id = $4, is_private = $5, updated_at = $6
WHERE ws_id = $1 AND id = $2
-- name: funnel_set_bookmarked
UPDATE funnels SET is_bookmarked = $3, updated_at = $4 WHERE ws_id = $1 AND id = $2
-- name: funnel_set_position
UPDATE funnels SET position = $3 WHERE ws_id = $1 AND id = $2
-- name: funnel_order
SELECT id, position FROM funnels WHERE ws_id = $1 ORDER BY position, id
-- name: funnel_delete
DELETE FROM funnels WHERE ws_id = $1 AND id = $2
-- name: funnel_team_add
INSERT INTO funnel_members (ws_id, funnel_id, member_id, seq)
VALUES ($1, $2, $3,
        (SELECT COALESCE(MAX(seq) + 1, 0) FROM funnel_members WHERE ws_id = $1 AND funnel_id = $2))
ON CONFLICT (ws_id, funnel_id, member_id) DO NOTHING
-- name: funnel_team_all
SELECT funnel_id, member_id FROM funnel_members WHERE ws_id = $1 ORDER BY funnel_id, seq
-- name: funnel_team_of
SELECT funnel_id, member_id FROM funnel_members WHERE ws_id = $1 AND funnel_id = $2 ORDER BY seq
-- name: status_list
SELECT s.id, s.funnel_id, s.name, s.creator_id, s.position, s.created_at, s.updated_at,
       (SELECT count(*) FROM deals d WHERE d.ws_id = s.ws_id AND d.funnel_id = s.funnel_id AND d.status_id = s.id),
       (SELECT COALESCE(SUM(d.amount), 0.0) FROM deals d
        WHERE d.ws_id = s.ws_id AND d.funnel_id = s.funnel_id AND d.status_id = s.id)
FROM funnel_statuses s WHERE s.ws_id = $1 AND s.funnel_id = $2 ORDER BY s.position, s.id
-- name: status_get
SELECT s.id, s.funnel_id, s.name, s.creator_id, s.position, s.created_at, s.updated_at,
       (SELECT count(*) FROM deals d WHERE d.ws_id = s.ws_id AND d.funnel_id = s.funnel_id AND d.status_id = s.id),
       (SELECT COALESCE(SUM(d.amount), 0.0) FROM deals d
        WHERE d.ws_id = s.ws_id AND d.funnel_id = s.funnel_id AND d.status_id = s.id)
FROM funnel_statuses s WHERE s.ws_id = $1 AND s.id = $2
-- name: status_find
SELECT id, funnel_id, name, creator_id, position, created_at, updated_at, 0, 0.0
FROM funnel_statuses WHERE ws_id = $1 AND id = $2
-- name: status_insert
INSERT INTO funnel_statuses (ws_id, id, funnel_id, name, creator_id, position, created_at,
                             updated_at)
VALUES ($1, $2, $3, $4, $5,
        (SELECT COALESCE(MAX(position) + 1, 0) FROM funnel_statuses WHERE ws_id = $1 AND funnel_id = $3),
        $6, $6)
ON CONFLICT (ws_id, id) DO NOTHING
RETURNING id
-- name: status_update
UPDATE funnel_statuses SET name = $3, updated_at = $4 WHERE ws_id = $1 AND id = $2
-- name: status_set_position
UPDATE funnel_statuses SET position = $4 WHERE ws_id = $1 AND funnel_id = $2 AND id = $3
-- name: status_order
SELECT id, position FROM funnel_statuses WHERE ws_id = $1 AND funnel_id = $2
ORDER BY position, id
-- name: status_delete
DELETE FROM funnel_statuses WHERE ws_id = $1 AND id = $2
