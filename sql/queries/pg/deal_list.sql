-- PostgreSQL text of the custom field filter of sql/queries/deal_list.sql: jsonb
-- containment instead of SQLite's json_each (a scalar contains itself, an array its items).
-- fragment: deal_list_custom_fields
AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(CAST($_ AS jsonb)) p
    WHERE NOT EXISTS (SELECT 1 FROM custom_field_values cv
        WHERE cv.ws_id = d.ws_id AND cv.deal_id = d.id
          AND cv.field_id = p.value ->> 'f' AND CAST(cv.value AS jsonb) @> (p.value -> 'v')))
