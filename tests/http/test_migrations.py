"""Schema migrations: a store made by an older weeekd is brought up to date by a newer one,
with its data kept, and running migrations again changes nothing. The older schema is
made by rolling the newest migration back by hand (its tables dropped, its ledger row
removed), which is exactly what a store written before that migration looks like."""

import hashlib
import re
import subprocess

from weeekd_http import ROOT, cli_ok, provision, run_cli
from weeekd_http import store_sql as sql

# every table created after 0001, dependents first: dropping them rolls a store back to 0001
LATER_TABLES = ["import_map", "task_comments", "snapshots", "custom_field_values", "custom_field_options", "custom_fields", "attachments",
                "deal_tasks", "deal_tags", "deal_organizations", "deal_contacts",
                "deal_assignees", "deals", "funnel_statuses", "funnel_members", "funnels",
                "contact_tags", "contact_phones", "contact_emails", "organization_contacts",
                "contacts", "organization_tags", "organization_phones", "organization_emails",
                "organization_addresses", "organization_responsibles", "organizations",
                "task_timers", "time_entries", "task_tags", "task_watchers", "task_assignees",
                "task_locations", "tasks",
                "board_columns", "boards", "project_members", "projects", "portfolios"]


def versions(url):
    return [int(row[0]) for row in sql(url, "SELECT version FROM schema_version ORDER BY version")]


def test_migrate_twice_applies_each_migration_once(fresh_db):
    cli_ok("migrate", "--db", fresh_db)
    first = versions(fresh_db)
    cli_ok("migrate", "--db", fresh_db)
    assert versions(fresh_db) == first
    # increasing from 1; a gap is allowed while branches that add migrations merge
    assert first[0] == 1 and first == sorted(set(first))


def test_newer_weeekd_migrates_an_older_store_and_keeps_its_data(fresh_db):
    token = provision(fresh_db, "Old", "owner@old.test")
    assert token.startswith("wk_")
    sql(fresh_db, "INSERT INTO tags (ws_id, title, color, created_at) "
                  "SELECT id, 'kept', '#123456', 0 FROM workspaces")
    # roll every migration after 0001 back: the store now looks as 0001 left it
    for table in LATER_TABLES:
        sql(fresh_db, f"DROP TABLE {table}")
    sql(fresh_db, "DELETE FROM schema_version WHERE version >= 2")
    assert versions(fresh_db) == [1]

    r = run_cli("token", "list", "--db", fresh_db)  # any command opens and migrates the store
    assert r.returncode == 0, r.stderr
    assert versions(fresh_db)[0] == 1 and versions(fresh_db) == sorted(set(versions(fresh_db)))
    assert len(versions(fresh_db)) >= 3
    assert sql(fresh_db, "SELECT count(*) FROM projects")[0][0] in (0, "0")
    assert [tuple(map(str, row)) for row in sql(fresh_db, "SELECT title, color FROM tags")] == [
        ("kept", "#123456")]


def generated_sql(dialect, path):
    """The SQL the build embeds for one migration (tools/schemagen.awk), comment lines,
    blank lines and runs of white space dropped: what the database executes."""
    text = subprocess.run(["awk", "-v", f"dialect={dialect}", "-f",
                           str(ROOT / "tools/schemagen.awk"), str(path)],
                          capture_output=True, text=True, check=True).stdout
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("--"))


def test_a_merged_migration_makes_the_same_sql_forever():
    # Stores are migrated by number: a migration that changed after a store ran it (its
    # text, a shape it uses or the generator's spelling) would leave that store with
    # another schema than a new one. sql/schema/released.sha256 holds each migration's
    # digest per database; a new migration adds its two lines.
    recorded = {}
    for line in (ROOT / "sql/schema/released.sha256").read_text().splitlines():
        digest, name = line.split()
        recorded[name] = digest
    missing, changed = [], []
    for path in sorted((ROOT / "sql/schema").glob("[0-9]*.sql")):
        for dialect in ("sqlite", "pg"):
            name = f"{dialect}/{path.name}"
            digest = hashlib.sha256(generated_sql(dialect, path).encode()).hexdigest()
            if name not in recorded:
                missing.append(f"{digest}  {name}")
            elif recorded[name] != digest:
                changed.append(name)
    assert not changed, f"released migrations changed: {changed}"
    assert not missing, "add to sql/schema/released.sha256:\n" + "\n".join(missing)
