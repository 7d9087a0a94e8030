-- TEMP: fills the gap left by 0004 (issue 5's task-list indexes, on another branch) so the
-- migration ledger stays 1..n while this branch is tested alone. Drop at merge.
SELECT 1;
