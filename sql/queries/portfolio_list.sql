-- Fragments of GET /tm/portfolios, assembled by portfolio_list() (src/model/portfolio.c)
-- with model/list_query.c: head [parent] [search] order LIMIT OFFSET. "$_" is the next
-- parameter, $1 the workspace. The head returns the columns portfolio_from_row() reads.
-- fragment: portfolio_list_head
SELECT id, name, parent_id, is_private FROM portfolios WHERE ws_id = $1
-- fragment: portfolio_list_parent
AND parent_id = $_
-- $_ comes from like_pattern() (case-folded, escaped); search_text is the folded name
-- (store/search.c), so both backends match alike whatever their locale.
-- fragment: portfolio_list_search
AND search_text LIKE '%' || $_ || '%' ESCAPE '!'
-- fragment: portfolio_list_order
ORDER BY id
