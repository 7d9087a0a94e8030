-- post_tag.lua — wrk script for POST /public/v1/ws/tags (create a tag).
-- The Authorization header comes from the command line (wrk -H "Authorization: Bearer …"),
-- the same way as for the GET runs; this script only sets the method, body and type.
-- The body is fixed so wrk builds the request once and spends no CPU per request on it
-- (the load generator shares the machine's cores with the server). Tag titles need not be
-- unique, so every request creates a new tag named "bench tag".
wrk.method = "POST"
wrk.body = '{"title":"bench tag","color":"#3fb3c4"}'
wrk.headers["Content-Type"] = "application/json"
