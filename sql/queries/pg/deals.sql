-- PostgreSQL texts of the list and *_for queries of sql/queries/deals.sql: json_each is
-- SQLite's; here JSON arrays are unnested with jsonb_array_elements_text, as
-- "= ANY (ARRAY(...))": the planner then probes the (ws_id, deal_id, ...) keys with the
-- array instead of hashing a guessed 100-row set against a scan of the whole link table.
-- name: deal_list
SELECT d.id, d.funnel_id, d.status_id, d.title, d.description, d.amount, d.win_status, d.creator_id, d.position, d.created_at, d.updated_at
FROM deals d
WHERE d.ws_id = $1 AND d.status_id = $2
  AND (CAST($3 AS TEXT) IS NULL
       OR lower(COALESCE(d.title, '')) LIKE '%' || $3 || '%' ESCAPE '!'
       OR lower(COALESCE(d.description, '')) LIKE '%' || $3 || '%' ESCAPE '!')
  AND (CAST($4 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM deal_assignees x
       WHERE x.ws_id = d.ws_id AND x.deal_id = d.id AND x.member_id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($4 AS jsonb))))))
  AND (CAST($5 AS TEXT) IS NULL OR d.win_status = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($5 AS jsonb)))))
  AND (CAST($6 AS BIGINT) IS NULL OR d.updated_at >= $6)
  AND (CAST($7 AS BIGINT) IS NULL OR d.updated_at < $7)
  AND (CAST($8 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM deal_tags x
       WHERE x.ws_id = d.ws_id AND x.deal_id = d.id AND x.tag_id = ANY (ARRAY(SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST($8 AS jsonb))))))
  AND (CAST($9 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM deal_organizations x
       WHERE x.ws_id = d.ws_id AND x.deal_id = d.id AND x.organization_id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($9 AS jsonb))))))
  AND (CAST($10 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM deal_contacts x
       WHERE x.ws_id = d.ws_id AND x.deal_id = d.id AND x.contact_id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($10 AS jsonb))))))
  AND (CAST($13 AS TEXT) IS NULL OR NOT EXISTS (SELECT 1 FROM jsonb_array_elements(CAST($13 AS jsonb)) p
       WHERE NOT EXISTS (SELECT 1 FROM custom_field_values cv
           WHERE cv.ws_id = d.ws_id AND cv.deal_id = d.id
             AND cv.field_id = p.value ->> 'f' AND CAST(cv.value AS jsonb) @> (p.value -> 'v'))))
ORDER BY d.position
LIMIT $11 OFFSET $12
-- name: deal_list_sorted
SELECT d.id, d.funnel_id, d.status_id, d.title, d.description, d.amount, d.win_status, d.creator_id, d.position, d.created_at, d.updated_at
FROM deals d
WHERE d.ws_id = $1 AND d.status_id = $2
  AND (CAST($3 AS TEXT) IS NULL
       OR lower(COALESCE(d.title, '')) LIKE '%' || $3 || '%' ESCAPE '!'
       OR lower(COALESCE(d.description, '')) LIKE '%' || $3 || '%' ESCAPE '!')
  AND (CAST($4 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM deal_assignees x
       WHERE x.ws_id = d.ws_id AND x.deal_id = d.id AND x.member_id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($4 AS jsonb))))))
  AND (CAST($5 AS TEXT) IS NULL OR d.win_status = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($5 AS jsonb)))))
  AND (CAST($6 AS BIGINT) IS NULL OR d.updated_at >= $6)
  AND (CAST($7 AS BIGINT) IS NULL OR d.updated_at < $7)
  AND (CAST($8 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM deal_tags x
       WHERE x.ws_id = d.ws_id AND x.deal_id = d.id AND x.tag_id = ANY (ARRAY(SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST($8 AS jsonb))))))
  AND (CAST($9 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM deal_organizations x
       WHERE x.ws_id = d.ws_id AND x.deal_id = d.id AND x.organization_id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($9 AS jsonb))))))
  AND (CAST($10 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM deal_contacts x
       WHERE x.ws_id = d.ws_id AND x.deal_id = d.id AND x.contact_id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($10 AS jsonb))))))
  AND (CAST($14 AS TEXT) IS NULL OR NOT EXISTS (SELECT 1 FROM jsonb_array_elements(CAST($14 AS jsonb)) p
       WHERE NOT EXISTS (SELECT 1 FROM custom_field_values cv
           WHERE cv.ws_id = d.ws_id AND cv.deal_id = d.id
             AND cv.field_id = p.value ->> 'f' AND CAST(cv.value AS jsonb) @> (p.value -> 'v'))))
ORDER BY CASE WHEN CAST($13 AS TEXT) = 'title' THEN d.title END ASC NULLS LAST,
         CASE WHEN $13 = '-title' THEN d.title END DESC NULLS LAST,
         CASE WHEN $13 = 'amount' THEN d.amount END ASC NULLS LAST,
         CASE WHEN $13 = '-amount' THEN d.amount END DESC NULLS LAST,
         CASE WHEN $13 = 'createdAt' THEN d.created_at END ASC,
         CASE WHEN $13 = '-createdAt' THEN d.created_at END DESC,
         CASE WHEN $13 = 'updatedAt' THEN d.updated_at END ASC,
         CASE WHEN $13 = '-updatedAt' THEN d.updated_at END DESC,
         d.position, d.id
LIMIT $11 OFFSET $12
-- name: deal_assignees_for
SELECT deal_id, member_id FROM deal_assignees
WHERE ws_id = $1 AND deal_id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
ORDER BY deal_id, seq
-- name: deal_contacts_for
SELECT deal_id, contact_id FROM deal_contacts
WHERE ws_id = $1 AND deal_id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
ORDER BY deal_id, seq
-- name: deal_organizations_for
SELECT deal_id, organization_id FROM deal_organizations
WHERE ws_id = $1 AND deal_id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
ORDER BY deal_id, seq
-- name: deal_tags_for
SELECT deal_id, tag_id FROM deal_tags
WHERE ws_id = $1 AND deal_id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
ORDER BY deal_id, seq
-- name: deal_tasks_for
SELECT t.id, t.parent_id, t.title, t.description, t.type, t.priority, t.duration, t.is_completed,
       t.completed_at, t.is_deleted, t.is_private, t.author_id, t.start_day, t.start_sec, t.due_day,
       t.due_sec, t.created_at, t.updated_at, dt.deal_id
FROM deal_tasks dt JOIN tasks t ON t.id = dt.task_id
WHERE dt.ws_id = $1 AND dt.deal_id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($2 AS jsonb)))) AND t.is_deleted = 0
ORDER BY dt.deal_id, dt.position
