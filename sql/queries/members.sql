-- Members (users) of a workspace. The column list of every SELECT matches member_from_row().
-- name: member_insert
INSERT INTO members (ws_id, id, email, first_name, last_name, role, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
-- name: member_get
SELECT id, email, first_name, last_name, middle_name, position, logo, time_zone, language, role
FROM members WHERE ws_id = $1 AND id = $2
-- name: member_find_by_email
SELECT id, email, first_name, last_name, middle_name, position, logo, time_zone, language, role
FROM members WHERE ws_id = $1 AND email = $2
-- name: member_list
SELECT id, email, first_name, last_name, middle_name, position, logo, time_zone, language, role
FROM members WHERE ws_id = $1 ORDER BY created_at, email
-- name: member_set_profile
UPDATE members SET first_name = $3, last_name = $4, middle_name = $5, position = $6,
       time_zone = COALESCE($7, time_zone)
WHERE ws_id = $1 AND id = $2
