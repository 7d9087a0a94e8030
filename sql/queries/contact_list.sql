-- Fragments of GET /crm/contacts, assembled by contact_list() (src/model/contact.c) with
-- model/list_query.c: head [search] [organizations] order LIMIT OFFSET.
-- "$_" is the next parameter, "$=" the same one again, $1 the workspace. The head
-- returns the columns contact_from_row() reads.
-- fragment: contact_list_head
SELECT c.id, c.first_name, c.last_name, c.middle_name, c.creator_id, c.created_at, c.updated_at
FROM contacts c WHERE c.ws_id = $1
-- The pattern (like_pattern(): case-folded, escaped) matches search_text: any name,
-- "first last", "last first" or an email, folded (store/search.c).
-- fragment: contact_list_search
AND c.search_text LIKE '%' || $_ || '%' ESCAPE '!'
-- Linked to any of the organizations (lq_any: list_in_json and ")" follow).
-- fragment: contact_list_organizations
AND EXISTS (SELECT 1 FROM organization_contacts l
            WHERE l.ws_id = c.ws_id AND l.contact_id = c.id AND l.organization_id
-- Orders (enum crm_sort): "alphabet" is first name, then last name, then middle name (a
-- missing one sorts as ""); seq (creation order) breaks every tie, so pages never skip or
-- repeat a row.
-- fragment: contact_list_order_created
ORDER BY c.seq
-- fragment: contact_list_order_name
ORDER BY c.first_name, COALESCE(c.last_name, ''), COALESCE(c.middle_name, ''), c.seq
-- fragment: contact_list_order_name_desc
ORDER BY c.first_name DESC, COALESCE(c.last_name, '') DESC, COALESCE(c.middle_name, '') DESC, c.seq
-- fragment: contact_list_order_updated
ORDER BY c.updated_at, c.seq
-- fragment: contact_list_order_updated_desc
ORDER BY c.updated_at DESC, c.seq
