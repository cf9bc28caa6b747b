"""The tag file's schema, as sqlite-utils migrations applied in order when a file is opened.

A migration is never edited once released: a schema change is a new function
registered at the end. Each sets ``PRAGMA user_version`` to its number, so the
version of a file can be read without knowing the migrations, and a file from
a newer nkdesk (a higher number, or a migration name this version does not
know) is refused rather than misread. ``PRAGMA application_id`` marks the file
as an nkdesk tag file for any tool that asks (``file``, ``sqlite3``).
"""

from __future__ import annotations

from functools import cache

from sqlite_utils import Database, Migrations

# "nkds" in ASCII: what `PRAGMA application_id` holds in every nkdesk tag file.
APPLICATION_ID = int.from_bytes(b"nkds", "big")
SCHEMA_VERSION = 6

MIGRATIONS = Migrations("nkdesk.store")


@MIGRATIONS(name="0001-schema")
def _schema(db: Database) -> None:
    """The tables of the first release."""
    db.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value);
        INSERT INTO meta (key, value) VALUES ('format', 'nkdesk tag file'), ('revision', 0);

        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            path TEXT NOT NULL DEFAULT '',
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            text TEXT NOT NULL
        );

        CREATE TABLE tags (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (trim(name) <> ''),
            colour TEXT NOT NULL CHECK (colour GLOB
                '#[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]'),
            hotkey INTEGER UNIQUE CHECK (hotkey BETWEEN 1 AND 9),
            description TEXT NOT NULL DEFAULT ''
        );

        CREATE TABLE claims (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            label TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            modified TEXT NOT NULL
        );

        -- No ON DELETE actions: the store deletes or unlinks dependent rows itself
        -- so that the undo journal records them; the keys only catch mistakes.
        CREATE TABLE annotations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document TEXT NOT NULL REFERENCES documents (id),
            start INTEGER NOT NULL CHECK (start >= 0),
            "end" INTEGER NOT NULL CHECK ("end" >= start),
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            tag INTEGER NOT NULL REFERENCES tags (id),
            claim INTEGER REFERENCES claims (id),
            stance TEXT CHECK (stance IN ('supports', 'disputes', 'reports', 'qualifies')),
            value TEXT NOT NULL DEFAULT '',
            speaker TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            orphaned INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1)),
            CHECK (orphaned = 1 OR "end" > start)
        );
        CREATE INDEX annotations_by_position ON annotations (document, start);
        -- Foreign-key checks on deleting a tag or claim search these.
        CREATE INDEX annotations_by_tag ON annotations (tag);
        CREATE INDEX annotations_by_claim ON annotations (claim);

        CREATE TABLE undo_journal (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            label TEXT NOT NULL,
            changes TEXT NOT NULL,
            created TEXT NOT NULL,
            undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
        );
        CREATE INDEX undo_journal_by_state ON undo_journal (undone, id);

        PRAGMA user_version = 1;
        """
    )


# The vocabulary a new tag file starts with; the analyst edits it freely. The
# colours are Paul Tol's "muted" scheme, chosen to stay distinguishable with
# any common colour-vision deficiency and distinct from the window's source
# (Okabe-Ito) and cluster (Tol "light") colours; the hotkeys are 1-9 in order.
DEFAULT_VOCABULARY: tuple[tuple[str, str, str], ...] = (
    ("troop numbers", "#88CCEE", "How many soldiers or personnel a source reports."),
    ("casualties", "#CC6677", "Killed, wounded, captured or missing."),
    ("dates", "#DDCC77", "When something happened or is said to happen."),
    ("attribution", "#117733", "Who says so: the source a passage cites."),
    ("deployment", "#332288", "Forces arriving, stationed or sent somewhere."),
    ("withdrawal", "#AA4499", "Forces leaving, pulled back or rotated out."),
    ("conflict", "#882255", "A point on which the sources contradict each other."),
    ("location", "#44AA99", "Where: a place, front or region."),
    ("equipment", "#999933", "Weapons, vehicles and materiel."),
)


@MIGRATIONS(name="0002-default-vocabulary")
def _default_vocabulary(db: Database) -> None:
    """The starting vocabulary, added once: deleting a default tag keeps it deleted."""
    for hotkey, (name, colour, description) in enumerate(DEFAULT_VOCABULARY, start=1):
        db.execute(
            "INSERT INTO tags (name, colour, hotkey, description) VALUES (?, ?, ?, ?)",
            (name, colour, hotkey, description),
        )
    db.execute("PRAGMA user_version = 2")


@MIGRATIONS(name="0003-undo-sessions")
def _undo_sessions(db: Database) -> None:
    """Whose each journal entry is, so that a window undoes its own (``nkdesk.store.sessions``).

    Entries from before have no session: they belong to no open window, so
    any window may undo them, as it could before.
    """
    db.executescript(
        """
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            start TEXT NOT NULL DEFAULT '',
            opened TEXT NOT NULL,
            closed TEXT
        );
        ALTER TABLE undo_journal ADD COLUMN session TEXT;
        DROP INDEX undo_journal_by_state;
        CREATE INDEX undo_journal_by_state ON undo_journal (undone, session, id);
        PRAGMA user_version = 3;
        """
    )


@MIGRATIONS(name="0004-change-log")
def _change_log(db: Database) -> None:
    """Which rows each revision changed, so that a window reads only those again.

    ``changes`` holds, per revision, the kind ('annotations', 'tags', 'claims',
    'documents') and key of every row it changed; ``meta.changes_from`` is the
    oldest revision it still covers (older entries are pruned). A window behind
    that reads everything, as it always did.
    """
    db.executescript(
        """
        CREATE TABLE changes (
            revision INTEGER NOT NULL,
            kind TEXT NOT NULL,
            key TEXT NOT NULL
        );
        CREATE INDEX changes_by_revision ON changes (revision);
        INSERT INTO meta (key, value)
            SELECT 'changes_from', value FROM meta WHERE key = 'revision';
        PRAGMA user_version = 4;
        """
    )


@MIGRATIONS(name="0005-source-details")
def _source_details(db: Database) -> None:
    """Each document's source details (``nkdesk.sources``): as read, and as the analyst edits them.

    What was read from the article is refreshed whenever the window loads it;
    the edits, kept apart, stay over it, field by field: NULL is "not edited",
    an empty string "edited to unknown". No foreign key on the edits, so that
    undoing an import can take its document away whatever was edited.
    """
    db.executescript(
        """
        ALTER TABLE documents ADD COLUMN outlet TEXT;
        ALTER TABLE documents ADD COLUMN published TEXT;
        ALTER TABLE documents ADD COLUMN url TEXT;
        ALTER TABLE documents ADD COLUMN author TEXT;
        ALTER TABLE documents ADD COLUMN origin TEXT;
        CREATE TABLE source_edits (
            id TEXT PRIMARY KEY,
            outlet TEXT,
            published TEXT,
            url TEXT,
            author TEXT,
            origin TEXT
        );
        PRAGMA user_version = 5;
        """
    )


@MIGRATIONS(name="0006-annotation-listing-index")
def _annotation_listing_index(db: Database) -> None:
    """An index in the tags table's order, so that listing 100,000 tags needs no sort.

    ``annotation_rows()`` and the exports read annotations ordered by document,
    start, end and id; the index of 0001 stopped at the start, so SQLite sorted
    every row in a temporary B-tree (2.4 s at 100,000). The new index ends with
    the rowid, which is the id, and still serves what the old one did (the
    annotations of one document, by start), so the old one goes.
    """
    db.executescript(
        """
        CREATE INDEX annotations_in_order ON annotations (document, start, "end");
        DROP INDEX annotations_by_position;
        PRAGMA user_version = 6;
        """
    )


def applied_names(db: Database) -> list[str]:
    """The names of the migrations applied to a file, oldest first (read only)."""
    return [m.name for m in MIGRATIONS.applied(db)]


@cache
def known_names() -> tuple[str, ...]:
    """The names of the migrations this version of nkdesk has, in order."""
    blank = Database(memory=True, execute_plugins=False)
    return tuple(m.name for m in MIGRATIONS.pending(blank))
