-- 0005_crm_contacts — the CRM address book: organizations and contacts, their addresses,
-- emails and phones, responsible members, tags and the organization <-> contact links
-- (PostgreSQL). Same tables, columns and meaning as sql/schema/sqlite/0005_crm_contacts.sql;
-- BIGINT for integers and COLLATE "C" for text, as in 0001. docs/internals/crm.md explains
-- the model. Ids are uuids made in C, keyed (ws_id, id) so the deals (0006) can reference
-- organizations(ws_id, id) and contacts(ws_id, id). `seq` numbers rows in creation order within their parent (the
-- workspace for organizations and contacts): the default list order and every tie-break,
-- so pages never skip or repeat a row. Deleting an organization or a contact takes its
-- sub-objects, links and tags with it (ON DELETE CASCADE, one statement).
CREATE TABLE organizations (
    ws_id       BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    id          TEXT COLLATE "C" NOT NULL,
    name        TEXT COLLATE "C" NOT NULL,
    creator_id  TEXT COLLATE "C" NOT NULL,
    seq         BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (ws_id, id)
);
CREATE INDEX organizations_seq ON organizations(ws_id, seq);

-- the members sent as `responsibles`, in order; the first is the object's responsibleId
CREATE TABLE organization_responsibles (
    ws_id           BIGINT NOT NULL,
    organization_id TEXT COLLATE "C" NOT NULL,
    member_id       TEXT COLLATE "C" NOT NULL,
    seq             BIGINT NOT NULL,
    PRIMARY KEY (ws_id, organization_id, member_id),
    FOREIGN KEY (ws_id, organization_id) REFERENCES organizations(ws_id, id) ON DELETE CASCADE,
    FOREIGN KEY (ws_id, member_id) REFERENCES members(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX organization_responsibles_member ON organization_responsibles(ws_id, member_id);

CREATE TABLE organization_addresses (
    ws_id           BIGINT NOT NULL,
    id              TEXT COLLATE "C" NOT NULL,
    organization_id TEXT COLLATE "C" NOT NULL,
    address         TEXT COLLATE "C" NOT NULL,
    seq             BIGINT NOT NULL,
    PRIMARY KEY (ws_id, id),
    FOREIGN KEY (ws_id, organization_id) REFERENCES organizations(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX organization_addresses_owner ON organization_addresses(ws_id, organization_id, seq);

CREATE TABLE organization_emails (
    ws_id           BIGINT NOT NULL,
    id              TEXT COLLATE "C" NOT NULL,
    organization_id TEXT COLLATE "C" NOT NULL,
    email           TEXT COLLATE "C" NOT NULL,
    seq             BIGINT NOT NULL,
    PRIMARY KEY (ws_id, id),
    FOREIGN KEY (ws_id, organization_id) REFERENCES organizations(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX organization_emails_owner ON organization_emails(ws_id, organization_id, seq);

CREATE TABLE organization_phones (
    ws_id           BIGINT NOT NULL,
    id              TEXT COLLATE "C" NOT NULL,
    organization_id TEXT COLLATE "C" NOT NULL,
    phone           TEXT COLLATE "C" NOT NULL,
    seq             BIGINT NOT NULL,
    PRIMARY KEY (ws_id, id),
    FOREIGN KEY (ws_id, organization_id) REFERENCES organizations(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX organization_phones_owner ON organization_phones(ws_id, organization_id, seq);

CREATE TABLE organization_tags (
    ws_id           BIGINT NOT NULL,
    organization_id TEXT COLLATE "C" NOT NULL,
    tag_id          BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    seq             BIGINT NOT NULL,
    PRIMARY KEY (ws_id, organization_id, tag_id),
    FOREIGN KEY (ws_id, organization_id) REFERENCES organizations(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX organization_tags_tag ON organization_tags(tag_id);

CREATE TABLE contacts (
    ws_id       BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    id          TEXT COLLATE "C" NOT NULL,
    first_name  TEXT COLLATE "C" NOT NULL,
    last_name   TEXT COLLATE "C",
    middle_name TEXT COLLATE "C",
    creator_id  TEXT COLLATE "C" NOT NULL,
    seq         BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (ws_id, id)
);
CREATE INDEX contacts_seq ON contacts(ws_id, seq);

-- one link gives both the organization's `contacts` and the contact's `organizations`
CREATE TABLE organization_contacts (
    ws_id           BIGINT NOT NULL,
    organization_id TEXT COLLATE "C" NOT NULL,
    contact_id      TEXT COLLATE "C" NOT NULL,
    seq             BIGINT NOT NULL,
    PRIMARY KEY (ws_id, organization_id, contact_id),
    FOREIGN KEY (ws_id, organization_id) REFERENCES organizations(ws_id, id) ON DELETE CASCADE,
    FOREIGN KEY (ws_id, contact_id) REFERENCES contacts(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX organization_contacts_contact ON organization_contacts(ws_id, contact_id);

CREATE TABLE contact_emails (
    ws_id       BIGINT NOT NULL,
    id          TEXT COLLATE "C" NOT NULL,
    contact_id  TEXT COLLATE "C" NOT NULL,
    email       TEXT COLLATE "C" NOT NULL,
    seq         BIGINT NOT NULL,
    PRIMARY KEY (ws_id, id),
    FOREIGN KEY (ws_id, contact_id) REFERENCES contacts(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX contact_emails_owner ON contact_emails(ws_id, contact_id, seq);

CREATE TABLE contact_phones (
    ws_id       BIGINT NOT NULL,
    id          TEXT COLLATE "C" NOT NULL,
    contact_id  TEXT COLLATE "C" NOT NULL,
    phone       TEXT COLLATE "C" NOT NULL,
    seq         BIGINT NOT NULL,
    PRIMARY KEY (ws_id, id),
    FOREIGN KEY (ws_id, contact_id) REFERENCES contacts(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX contact_phones_owner ON contact_phones(ws_id, contact_id, seq);

CREATE TABLE contact_tags (
    ws_id       BIGINT NOT NULL,
    contact_id  TEXT COLLATE "C" NOT NULL,
    tag_id      BIGINT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    seq         BIGINT NOT NULL,
    PRIMARY KEY (ws_id, contact_id, tag_id),
    FOREIGN KEY (ws_id, contact_id) REFERENCES contacts(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX contact_tags_tag ON contact_tags(tag_id);
