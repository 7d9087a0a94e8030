-- 0006_crm_deals — funnels, their statuses and deals, with the deals' assignees, contacts,
-- organizations, tags and tasks. docs/internals/crm.md is the model. Ids of funnels,
-- statuses and deals are 16-character slugs unique within the workspace; times are Unix ms;
-- positions are dense (0..n-1) within the parent. Deleting a funnel cascades to its
-- statuses and deals (model code moves a deleted status's deals first). Deleting a
-- contact or organization removes its deal links (ON DELETE CASCADE, through the
-- (ws_id, contact_id) / (ws_id, organization_id) indexes below).

-- A deal's links to members, contacts and organizations (tools/schemagen.awk shape):
-- define: deal_link table other others
CREATE TABLE {table} (
    ws_id       INTEGER NOT NULL,
    deal_id     TEXT NOT NULL,
    {other}_id  TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (ws_id, deal_id, {other}_id),
    FOREIGN KEY (ws_id, deal_id) REFERENCES deals(ws_id, id) ON DELETE CASCADE,
    FOREIGN KEY (ws_id, {other}_id) REFERENCES {others}(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX {table}_{other} ON {table}(ws_id, {other}_id, deal_id);
-- end define

CREATE TABLE funnels (
    ws_id         INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    id            TEXT NOT NULL,
    name          TEXT NOT NULL,
    currency_id   INTEGER NOT NULL DEFAULT 1,
    is_private    INTEGER NOT NULL DEFAULT 0,
    is_bookmarked INTEGER NOT NULL DEFAULT 0,
    creator_id    TEXT NOT NULL,
    position      INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (ws_id, id)
);
CREATE INDEX funnels_position ON funnels(ws_id, position);

CREATE TABLE funnel_members (
    ws_id       INTEGER NOT NULL,
    funnel_id   TEXT NOT NULL,
    member_id   TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (ws_id, funnel_id, member_id),
    FOREIGN KEY (ws_id, funnel_id) REFERENCES funnels(ws_id, id) ON DELETE CASCADE,
    FOREIGN KEY (ws_id, member_id) REFERENCES members(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX funnel_members_member ON funnel_members(ws_id, member_id);

CREATE TABLE funnel_statuses (
    ws_id       INTEGER NOT NULL,
    id          TEXT NOT NULL,
    funnel_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    creator_id  TEXT NOT NULL,
    position    INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (ws_id, id),
    FOREIGN KEY (ws_id, funnel_id) REFERENCES funnels(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX funnel_statuses_funnel ON funnel_statuses(ws_id, funnel_id, position);

CREATE TABLE deals (
    ws_id       INTEGER NOT NULL,
    id          TEXT NOT NULL,
    funnel_id   TEXT NOT NULL,
    status_id   TEXT NOT NULL,
    title       TEXT,
    description TEXT,
    amount      REAL,
    win_status  TEXT,
    creator_id  TEXT NOT NULL,
    position    INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (ws_id, id),
    FOREIGN KEY (ws_id, status_id) REFERENCES funnel_statuses(ws_id, id) ON DELETE CASCADE
);
-- the board order of a status: the list's default order, moves and inserts
CREATE INDEX deals_status ON deals(ws_id, status_id, position);
-- dealsCount/dealsAmount of a funnel and of its statuses without touching the rows
CREATE INDEX deals_funnel ON deals(ws_id, funnel_id, status_id, amount);

-- use: deal_link deal_assignees member members
-- use: deal_link deal_contacts contact contacts
-- use: deal_link deal_organizations organization organizations

CREATE TABLE deal_tags (
    ws_id       INTEGER NOT NULL,
    deal_id     TEXT NOT NULL,
    tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (ws_id, deal_id, tag_id),
    FOREIGN KEY (ws_id, deal_id) REFERENCES deals(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX deal_tags_tag ON deal_tags(ws_id, tag_id, deal_id);

-- a task deleted for good takes its links; a soft-deleted one is hidden by the queries
CREATE TABLE deal_tasks (
    ws_id       INTEGER NOT NULL,
    deal_id     TEXT NOT NULL,
    task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    PRIMARY KEY (ws_id, deal_id, task_id),
    FOREIGN KEY (ws_id, deal_id) REFERENCES deals(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX deal_tasks_task ON deal_tasks(task_id);
