import GRDB

/// The database schema, one migration per change. Never edit a shipped migration: add one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-fetch") { db in
            // One row per feed the fetch stage has seen: its health and HTTP validators.
            try db.execute(sql: """
                CREATE TABLE feed_health (
                    feed_id TEXT PRIMARY KEY,
                    url TEXT NOT NULL,
                    consecutive_failures INTEGER NOT NULL DEFAULT 0,
                    last_attempt DATETIME,
                    last_success DATETIME,
                    last_status INTEGER,
                    last_error_class TEXT,
                    last_error TEXT,
                    next_attempt DATETIME,
                    etag TEXT,
                    last_modified TEXT,
                    last_content_hash TEXT,
                    gone BOOLEAN NOT NULL DEFAULT 0,
                    moved_to TEXT
                );
                -- Raw bodies as fetched, for the parse stage and for replay.
                CREATE TABLE documents (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    feed_id TEXT NOT NULL,
                    url TEXT NOT NULL,
                    final_url TEXT NOT NULL,
                    status INTEGER NOT NULL,
                    content_type TEXT,
                    etag TEXT,
                    last_modified TEXT,
                    fetched_at DATETIME NOT NULL,
                    content_hash TEXT NOT NULL,
                    body BLOB NOT NULL,
                    -- new | parsed | recovered | failed
                    parse_state TEXT NOT NULL DEFAULT 'new',
                    parse_error TEXT,
                    UNIQUE (feed_id, content_hash)
                );
                CREATE INDEX documents_by_parse_state ON documents (parse_state, id);
                CREATE TABLE fetch_runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    started_at DATETIME NOT NULL,
                    finished_at DATETIME NOT NULL,
                    attempted INTEGER NOT NULL,
                    fetched INTEGER NOT NULL,
                    not_modified INTEGER NOT NULL,
                    unchanged INTEGER NOT NULL,
                    failed INTEGER NOT NULL,
                    skipped_not_due INTEGER NOT NULL,
                    network_unreachable BOOLEAN NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2-items") { db in
            // Normalised entries. (feed_id, item_key) is the stable identity; an edit of the
            // same item bumps `revision` and sends it back to the extract stage.
            try db.execute(sql: """
                CREATE TABLE items (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    feed_id TEXT NOT NULL,
                    item_key TEXT NOT NULL,
                    document_id INTEGER NOT NULL REFERENCES documents(id),
                    title TEXT NOT NULL,
                    link TEXT NOT NULL,
                    links TEXT NOT NULL,          -- JSON array
                    published DATETIME,
                    published_text TEXT,          -- as written, also when unreadable
                    updated DATETIME,
                    updated_text TEXT,
                    authors TEXT NOT NULL,        -- JSON array of {name, email, uri}
                    summary TEXT NOT NULL,
                    content TEXT NOT NULL,
                    categories TEXT NOT NULL,     -- JSON array
                    enclosures TEXT NOT NULL,     -- JSON array of {url, type, length}
                    content_hash TEXT NOT NULL,   -- of the fields above, to tell edits apart
                    parser_version TEXT NOT NULL,
                    revision INTEGER NOT NULL DEFAULT 1,
                    first_seen DATETIME NOT NULL,
                    last_changed DATETIME NOT NULL,
                    -- new | done: the extract stage's input queue
                    extract_state TEXT NOT NULL DEFAULT 'new',
                    UNIQUE (feed_id, item_key)
                );
                CREATE INDEX items_by_extract_state ON items (extract_state, id);
                """)
        }
        migrator.registerMigration("v3-pages") { db in
            // Item pages of full_text feeds: fetched by the fetch process, read by parse.
            try db.execute(sql: """
                CREATE TABLE pages (
                    item_id INTEGER PRIMARY KEY REFERENCES items(id),
                    feed_id TEXT NOT NULL,
                    url TEXT NOT NULL,
                    final_url TEXT,
                    status INTEGER,
                    content_type TEXT,
                    body BLOB,
                    fetched_at DATETIME NOT NULL,
                    -- new | extracted | failed
                    state TEXT NOT NULL,
                    error TEXT
                );
                CREATE INDEX pages_by_state ON pages (state, item_id);
                ALTER TABLE items ADD COLUMN full_text TEXT;
                """)
        }
        return migrator
    }
}
