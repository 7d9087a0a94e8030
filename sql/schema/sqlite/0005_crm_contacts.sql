-- 0005_crm_contacts — the CRM address book: organizations and contacts, their addresses,
-- emails and phones, responsible members, tags and the organization <-> contact links
-- (SQLite). docs/internals/crm.md explains the model. Ids are uuids made in C, keyed
-- (ws_id, id) so the deals (0006) can reference organizations(ws_id, id) and
-- contacts(ws_id, id). `seq` numbers rows in creation order within their parent (the
-- workspace for organizations and contacts): the default list order and every tie-break,
-- so pages never skip or repeat a row. Deleting an organization or a contact takes its
-- sub-objects, links and tags with it (ON DELETE CASCADE, one statement).
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
CREATE TABLE organization_responsibles (
    ws_id           INTEGER NOT NULL,
    organization_id TEXT NOT NULL,
    member_id       TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    PRIMARY KEY (ws_id, organization_id, member_id),
    FOREIGN KEY (ws_id, organization_id) REFERENCES organizations(ws_id, id) ON DELETE CASCADE,
    FOREIGN KEY (ws_id, member_id) REFERENCES members(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX organization_responsibles_member ON organization_responsibles(ws_id, member_id);

CREATE TABLE organization_addresses (
    ws_id           INTEGER NOT NULL,
    id              TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    address         TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    PRIMARY KEY (ws_id, id),
    FOREIGN KEY (ws_id, organization_id) REFERENCES organizations(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX organization_addresses_owner ON organization_addresses(ws_id, organization_id, seq);

CREATE TABLE organization_emails (
    ws_id           INTEGER NOT NULL,
    id              TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    email           TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    PRIMARY KEY (ws_id, id),
    FOREIGN KEY (ws_id, organization_id) REFERENCES organizations(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX organization_emails_owner ON organization_emails(ws_id, organization_id, seq);

CREATE TABLE organization_phones (
    ws_id           INTEGER NOT NULL,
    id              TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    phone           TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    PRIMARY KEY (ws_id, id),
    FOREIGN KEY (ws_id, organization_id) REFERENCES organizations(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX organization_phones_owner ON organization_phones(ws_id, organization_id, seq);

CREATE TABLE organization_tags (
    ws_id           INTEGER NOT NULL,
    organization_id TEXT NOT NULL,
    tag_id          INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    PRIMARY KEY (ws_id, organization_id, tag_id),
    FOREIGN KEY (ws_id, organization_id) REFERENCES organizations(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX organization_tags_tag ON organization_tags(tag_id);

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
CREATE TABLE organization_contacts (
    ws_id           INTEGER NOT NULL,
    organization_id TEXT NOT NULL,
    contact_id      TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    PRIMARY KEY (ws_id, organization_id, contact_id),
    FOREIGN KEY (ws_id, organization_id) REFERENCES organizations(ws_id, id) ON DELETE CASCADE,
    FOREIGN KEY (ws_id, contact_id) REFERENCES contacts(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX organization_contacts_contact ON organization_contacts(ws_id, contact_id);

CREATE TABLE contact_emails (
    ws_id       INTEGER NOT NULL,
    id          TEXT NOT NULL,
    contact_id  TEXT NOT NULL,
    email       TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (ws_id, id),
    FOREIGN KEY (ws_id, contact_id) REFERENCES contacts(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX contact_emails_owner ON contact_emails(ws_id, contact_id, seq);

CREATE TABLE contact_phones (
    ws_id       INTEGER NOT NULL,
    id          TEXT NOT NULL,
    contact_id  TEXT NOT NULL,
    phone       TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (ws_id, id),
    FOREIGN KEY (ws_id, contact_id) REFERENCES contacts(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX contact_phones_owner ON contact_phones(ws_id, contact_id, seq);

CREATE TABLE contact_tags (
    ws_id       INTEGER NOT NULL,
    contact_id  TEXT NOT NULL,
    tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (ws_id, contact_id, tag_id),
    FOREIGN KEY (ws_id, contact_id) REFERENCES contacts(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX contact_tags_tag ON contact_tags(tag_id);
