-- 0009_deal_amount_bound — deal amounts are bounded to ±1e15 on input (api/crm_deals.c,
-- DEAL_AMOUNT_MAX): two amounts near the largest double summed to infinity and broke every
-- funnel and status read of the workspace. A store written before the bound keeps its
-- amounts, clamped into it, so no funnel total can overflow again.
UPDATE deals SET amount = CASE WHEN amount > 1e15 THEN 1e15 ELSE -1e15 END
WHERE amount > 1e15 OR amount < -1e15;
