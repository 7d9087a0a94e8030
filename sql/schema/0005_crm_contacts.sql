-- 0005_crm_contacts — the CRM address book: organizations and contacts, their addresses,
-- emails and phones, responsible members, tags and the organization <-> contact links
-- docs/internals/crm.md explains the model. Ids are uuids made in C, keyed
-- (ws_id, id) so the deals (0006) can reference organizations(ws_id, id) and
-- contacts(ws_id, id). `seq` numbers rows in creation order within their parent (the
-- workspace for organizations and contacts): the default list order and every tie-break,
-- so pages never skip or repeat a row. Deleting an organization or a contact takes its
-- sub-objects, links and tags with it (ON DELETE CASCADE, one statement).
-- Shapes of this migration (tools/schemagen.awk): a list of strings an object owns, and a
-- link from an object to another object or to a tag, ordered by seq.
-- define: owned_values table owner owners value
CREATE TABLE {table} (
    ws_id       INTEGER NOT NULL,
    id          TEXT NOT NULL,
    {owner}_id  TEXT NOT NULL,
    {value}     TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (ws_id, id),
    FOREIGN KEY (ws_id, {owner}_id) REFERENCES {owners}(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX {table}_owner ON {table}(ws_id, {owner}_id, seq);
-- end define
-- define: link table owner owners other others
CREATE TABLE {table} (
    ws_id       INTEGER NOT NULL,
    {owner}_id  TEXT NOT NULL,
    {other}_id  TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (ws_id, {owner}_id, {other}_id),
    FOREIGN KEY (ws_id, {owner}_id) REFERENCES {owners}(ws_id, id) ON DELETE CASCADE,
    FOREIGN KEY (ws_id, {other}_id) REFERENCES {others}(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX {table}_{other} ON {table}(ws_id, {other}_id);
-- end define
-- define: tag_link table owner owners
CREATE TABLE {table} (
    ws_id       INTEGER NOT NULL,
    {owner}_id  TEXT NOT NULL,
    tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (ws_id, {owner}_id, tag_id),
    FOREIGN KEY (ws_id, {owner}_id) REFERENCES {owners}(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX {table}_tag ON {table}(tag_id);
-- end define

CREATE TABLE organizations (
    ws_id       INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,
    creator_id  TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (ws_id, id)
);
CREATE INDEX organizations_seq ON organizations(ws_id, seq);

-- the members sent as `responsibles`, in order; the first is the object's responsibleId
-- use: link organization_responsibles organization organizations member members
-- use: owned_values organization_addresses organization organizations address
-- use: owned_values organization_emails organization organizations email
-- use: owned_values organization_phones organization organizations phone
-- use: tag_link organization_tags organization organizations

CREATE TABLE contacts (
    ws_id       INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    first_name  TEXT NOT NULL,
    last_name   TEXT,
    middle_name TEXT,
    creator_id  TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (ws_id, id)
);
CREATE INDEX contacts_seq ON contacts(ws_id, seq);

-- one link gives both the organization's `contacts` and the contact's `organizations`
-- use: link organization_contacts organization organizations contact contacts
-- use: owned_values contact_emails contact contacts email
-- use: owned_values contact_phones contact contacts phone
-- use: tag_link contact_tags contact contacts
