-- API tokens. Only the SHA-256 of a token is stored; auth looks the hash up by index and
-- the caller compares it again in constant time.
-- name: token_insert
INSERT INTO api_tokens (ws_id, member_id, hash, label, created_at)
VALUES ($1, $2, $3, $4, $5)
RETURNING id
-- name: token_auth
SELECT hash, ws_id, member_id FROM api_tokens WHERE hash = $1 AND revoked_at IS NULL
-- name: token_list
SELECT t.id, w.title, m.email, t.label, t.created_at, t.revoked_at
FROM api_tokens t
JOIN workspaces w ON w.id = t.ws_id
JOIN members m ON m.ws_id = t.ws_id AND m.id = t.member_id
ORDER BY t.id
-- name: token_revoke
UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL
