-- Fragments every filtered list shares (model/list_query.c). A set filter ("any of these
-- ids") takes the set as ONE parameter, a JSON array text built by lq_json_texts /
-- lq_json_ints, whatever its size, so the set's size never changes the query's text and
-- the statement cache holds one statement per shape. A list's fragment ends with the
-- column ("... AND x.member_id") and one of these follows it. SQLite walks the array with
-- json_each; sql/queries/pg/list.sql has PostgreSQL's form.
-- fragment: list_in_json
IN (SELECT value FROM json_each($_))
-- fragment: list_in_json_int
IN (SELECT value FROM json_each($_))
