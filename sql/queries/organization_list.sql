-- Fragments of GET /crm/organizations, assembled by organization_list()
-- (src/model/organization.c) with model/list_query.c: head [search] [each set] order
-- LIMIT OFFSET. "$_" is the next parameter, $1 the workspace. The head returns the
-- columns organization_from_row() reads.
-- fragment: organization_list_head
SELECT o.id, o.name, o.creator_id, o.created_at, o.updated_at FROM organizations o
WHERE o.ws_id = $1
-- fragment: organization_list_search
AND o.search_text LIKE '%' || $_ || '%' ESCAPE '!'
-- Any of the members, contacts, tags (lq_any: list_in_json(_int) and ")" follow).
-- fragment: organization_list_responsibles
AND EXISTS (SELECT 1 FROM organization_responsibles r
            WHERE r.ws_id = o.ws_id AND r.organization_id = o.id AND r.member_id
-- fragment: organization_list_contacts
AND EXISTS (SELECT 1 FROM organization_contacts l
            WHERE l.ws_id = o.ws_id AND l.organization_id = o.id AND l.contact_id
-- fragment: organization_list_tags
AND EXISTS (SELECT 1 FROM organization_tags t
            WHERE t.ws_id = o.ws_id AND t.organization_id = o.id AND t.tag_id
-- Orders (enum crm_sort); seq (creation order) breaks every tie.
-- fragment: organization_list_order_created
ORDER BY o.seq
-- fragment: organization_list_order_name
ORDER BY o.name, o.seq
-- fragment: organization_list_order_name_desc
ORDER BY o.name DESC, o.seq
-- fragment: organization_list_order_updated
ORDER BY o.updated_at, o.seq
-- fragment: organization_list_order_updated_desc
ORDER BY o.updated_at DESC, o.seq
