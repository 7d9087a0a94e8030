-- Fragments of GET /crm/statuses/{statusId}/deals, assembled by deal_list() (src/model/deal.c)
-- with model/list_query.c for the request's shape: only the filters a request uses reach
-- the planner. "$_" is the next parameter, "$=" the same one again, $1 the workspace.
-- Whole: deal_list_head [filters] (deal_list_by_position | "ORDER BY" key direction
-- deal_list_ties) LIMIT OFFSET. The board order walks index deals_status (positions are
-- unique within a status, so no tie-breaker that would make SQLite sort); a sort key
-- sorts the status's deals, ties in board order.
-- The head returns the columns deal_from_row() reads.
-- fragment: deal_list_head
SELECT d.id, d.funnel_id, d.status_id, d.title, d.description, d.amount, d.win_status,
       d.creator_id, d.position, d.created_at, d.updated_at
FROM deals d WHERE d.ws_id = $1 AND d.status_id = $_
-- The pattern comes from like_pattern() (case-folded, escaped); search_text is the folded
-- title and description (store/search.c).
-- fragment: deal_list_search
AND d.search_text LIKE '%' || $_ || '%' ESCAPE '!'
-- Sets (lq_any): each ends with the column and opens one parenthesis; the set
-- (list_in_json(_int), sql/queries/list.sql) and ")" follow.
-- fragment: deal_list_win_statuses
AND (d.win_status
-- fragment: deal_list_assignees
AND EXISTS (SELECT 1 FROM deal_assignees x WHERE x.ws_id = d.ws_id AND x.deal_id = d.id AND x.member_id
-- fragment: deal_list_tags
AND EXISTS (SELECT 1 FROM deal_tags x WHERE x.ws_id = d.ws_id AND x.deal_id = d.id AND x.tag_id
-- fragment: deal_list_organizations
AND EXISTS (SELECT 1 FROM deal_organizations x WHERE x.ws_id = d.ws_id AND x.deal_id = d.id AND x.organization_id
-- fragment: deal_list_contacts
AND EXISTS (SELECT 1 FROM deal_contacts x WHERE x.ws_id = d.ws_id AND x.deal_id = d.id AND x.contact_id
-- [from, to) in Unix ms
-- fragment: deal_list_updated
AND d.updated_at >= $_ AND d.updated_at < $_
-- Custom field pairs, a JSON array text [{"f": fieldId, "v": value}, ...]: a deal matches
-- when, for every pair, its value of f equals v or (an array) contains it.
-- sql/queries/pg/deal_list.sql has PostgreSQL's form.
-- fragment: deal_list_custom_fields
AND NOT EXISTS (SELECT 1 FROM json_each($_) p
    WHERE NOT EXISTS (SELECT 1 FROM custom_field_values cv, json_each(cv.value) j
        WHERE cv.ws_id = d.ws_id AND cv.deal_id = d.id
          AND cv.field_id = json_extract(p.value, '$.f') AND j.value = json_extract(p.value, '$.v')))
-- fragment: deal_list_by_position
ORDER BY d.position
-- Sort keys, then ties in board order.
-- fragment: deal_list_key_title
d.title
-- fragment: deal_list_key_amount
d.amount
-- fragment: deal_list_key_created
d.created_at
-- fragment: deal_list_key_updated
d.updated_at
-- fragment: deal_list_ties
, d.position, d.id
