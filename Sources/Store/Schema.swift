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
        migrator.registerMigration("v4-signals") { db in
            // Stories group near-duplicate items (syndicated copies, light rewrites): later
            // stages count a story once.
            try db.execute(sql: """
                CREATE TABLE stories (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    simhash INTEGER NOT NULL,
                    title_key TEXT NOT NULL,
                    first_item INTEGER NOT NULL,
                    first_published DATETIME NOT NULL,
                    created_at DATETIME NOT NULL
                );
                CREATE INDEX stories_by_date ON stories (first_published);
                CREATE INDEX stories_by_title ON stories (title_key);
                ALTER TABLE items ADD COLUMN story_id INTEGER REFERENCES stories(id);
                ALTER TABLE items ADD COLUMN vendors TEXT NOT NULL DEFAULT '[]';   -- JSON: every vendor named
                ALTER TABLE items ADD COLUMN products TEXT NOT NULL DEFAULT '[]';  -- JSON: every product named
                -- One row per claim; rebuilt per item when the item or the dictionary changes.
                CREATE TABLE signals (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    item_id INTEGER NOT NULL REFERENCES items(id),
                    story_id INTEGER NOT NULL REFERENCES stories(id),
                    feed_id TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    published DATETIME,
                    vendors TEXT NOT NULL,          -- JSON array
                    product TEXT,
                    event TEXT NOT NULL,
                    modality TEXT NOT NULL,
                    stated_window TEXT,
                    window_text TEXT,
                    quantities TEXT NOT NULL,       -- JSON array of {value, unit, precision, kind}
                    evidence_text TEXT NOT NULL,
                    evidence_field TEXT NOT NULL,
                    evidence_start INTEGER NOT NULL,
                    evidence_end INTEGER NOT NULL,
                    confidence REAL NOT NULL,
                    lists TEXT NOT NULL,            -- JSON arrays, for export-control signals
                    regulators TEXT NOT NULL,
                    products TEXT NOT NULL,
                    extractor_version TEXT NOT NULL,
                    created_at DATETIME NOT NULL,
                    -- new | done: the evaluate stage's input queue
                    evaluate_state TEXT NOT NULL DEFAULT 'new',
                    UNIQUE (item_id, seq)
                );
                CREATE INDEX signals_by_evaluate_state ON signals (evaluate_state, id);
                CREATE INDEX signals_by_story ON signals (story_id);
                """)
        }
        migrator.registerMigration("v5-evaluate") { db in
            // The roadmap's milestones with their state; evidence and conflicts are JSON copies
            // of the claims (they outlive `extract --all`, which rebuilds the signals).
            try db.execute(sql: """
                CREATE TABLE milestones (
                    id TEXT PRIMARY KEY,
                    vendor TEXT NOT NULL,
                    product TEXT NOT NULL,
                    event TEXT NOT NULL,
                    promised_window TEXT NOT NULL,
                    grace_days INTEGER NOT NULL,
                    source_url TEXT,
                    source_date TEXT,
                    -- pending | shipped | slipped | overdue | cancelled
                    state TEXT NOT NULL,
                    current_window TEXT NOT NULL,
                    observed TEXT,
                    days_late INTEGER,
                    evidence TEXT NOT NULL,
                    conflicts TEXT NOT NULL,
                    in_roadmap BOOLEAN NOT NULL DEFAULT 1,
                    -- the first evaluation that saw it: a deadline before this passed unwatched
                    watched_since DATETIME NOT NULL,
                    updated_at DATETIME NOT NULL
                );
                -- Every state change, with its evidence: what was known when.
                CREATE TABLE milestone_history (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    milestone_id TEXT NOT NULL REFERENCES milestones(id),
                    at DATETIME NOT NULL,
                    from_state TEXT NOT NULL,
                    to_state TEXT NOT NULL,
                    window_before TEXT NOT NULL,
                    window_after TEXT NOT NULL,
                    observed TEXT,
                    days_late INTEGER,
                    evidence TEXT NOT NULL,
                    note TEXT NOT NULL,
                    -- overdue whose deadline passed before chipwatch watched the milestone
                    unwatched BOOLEAN NOT NULL DEFAULT 0
                );
                CREATE INDEX milestone_history_by_milestone ON milestone_history (milestone_id, at);
                CREATE TABLE alerts (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    fingerprint TEXT NOT NULL UNIQUE,
                    body TEXT NOT NULL,             -- the Alert as JSON
                    kind TEXT NOT NULL,             -- state | event
                    rule TEXT NOT NULL,
                    milestone_id TEXT,
                    vendor TEXT,
                    severity TEXT NOT NULL,
                    status TEXT NOT NULL,           -- firing | resolved
                    first_fired DATETIME NOT NULL,
                    fired_at DATETIME NOT NULL,
                    resolved_at DATETIME,
                    last_queued DATETIME,
                    silenced_by TEXT,
                    updated_at DATETIME NOT NULL
                );
                CREATE INDEX alerts_by_fired ON alerts (fired_at);
                -- The notify stage's input: one row per notice, with the alert as it was then.
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    alert_id INTEGER NOT NULL REFERENCES alerts(id),
                    notice TEXT NOT NULL,           -- firing | resolved | reminder
                    created_at DATETIME NOT NULL,
                    payload TEXT NOT NULL,
                    state TEXT NOT NULL DEFAULT 'new'
                );
                CREATE INDEX outbox_by_state ON outbox (state, id);
                """)
        }
        migrator.registerMigration("v6-notify") { db in
            // The notify stage's deliveries: one notification for one receiver, sent at least
            // once under a stable key, retried with backoff, dead-lettered after its limits.
            try db.execute(sql: """
                CREATE TABLE deliveries (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    key TEXT NOT NULL UNIQUE,
                    receiver TEXT NOT NULL,
                    -- collecting (a digest's, waiting for its period) | pending | sent | dead | digested
                    state TEXT NOT NULL,
                    entries TEXT NOT NULL,          -- JSON array of {notice, alert}
                    attempts INTEGER NOT NULL DEFAULT 0,
                    created_at DATETIME NOT NULL,
                    next_attempt DATETIME NOT NULL,
                    last_attempt DATETIME,
                    last_code INTEGER,
                    last_error TEXT,
                    sent_at DATETIME
                );
                CREATE INDEX deliveries_by_state ON deliveries (state, next_attempt);
                CREATE TABLE delivery_attempts (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    delivery_id INTEGER NOT NULL REFERENCES deliveries(id),
                    at DATETIME NOT NULL,
                    ok BOOLEAN NOT NULL,
                    code INTEGER,
                    error TEXT,                     -- with credentials and secret URL parts redacted
                    seconds REAL NOT NULL
                );
                """)
        }
        migrator.registerMigration("v7-audit") { db in
            // Append-only, hash-chained: see AuditLog.
            try db.execute(sql: """
                CREATE TABLE audit_log (
                    seq INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    kind TEXT NOT NULL,             -- signal | transition | alert
                    body TEXT NOT NULL,             -- JSON, keys sorted
                    prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v8-unknown-products") { db in
            // extract-2: a signal may name a model the dictionary does not know yet (known = 0).
            try db.execute(sql: """
                ALTER TABLE signals ADD COLUMN known INTEGER NOT NULL DEFAULT 1;
                CREATE INDEX signals_unknown_products ON signals (known) WHERE known = 0;
                """)
        }
        migrator.registerMigration("v9-story-keys") { db in
            // Alerts about a story are fingerprinted with its content key, not its row id.
            try db.execute(sql: "ALTER TABLE stories ADD COLUMN story_key TEXT")
            try Store.refingerprintStoryAlerts(db: db)
        }
        migrator.registerMigration("v10-items-by-story") { db in
            // A story's key is chosen from its items: found by index, not by a scan of every item.
            try db.execute(sql: "CREATE INDEX items_by_story ON items (story_id)")
        }
        migrator.registerMigration("v11-feed-tiers") { db in
            // A feed's tier is stored with the feed (as the fetch stage last read the feed list)
            // and copied onto each signal when it is extracted: the evidence keeps the tier its
            // source had. Signals extracted before have none: they take their feed's.
            try db.execute(sql: """
                CREATE TABLE feeds (
                    id TEXT PRIMARY KEY,
                    url TEXT NOT NULL,
                    tier INTEGER NOT NULL,
                    tags TEXT NOT NULL,             -- JSON array
                    in_config INTEGER NOT NULL,     -- 0: no longer in the feed list, kept for its signals
                    updated_at DATETIME NOT NULL
                );
                ALTER TABLE signals ADD COLUMN tier INTEGER;
                """)
        }
        migrator.registerMigration("v12-signals-by-time") { db in
            // `signals --since/--until` and the export select by this expression: with an index
            // on it a month of a year reads a month, not the year.
            try db.execute(sql: "CREATE INDEX signals_by_time ON signals (COALESCE(published, created_at), id)")
        }
        migrator.registerMigration("v13-fetch-deferred") { db in
            // Feeds a run left for the next one when its deadline passed before they started.
            try db.execute(sql: "ALTER TABLE fetch_runs ADD COLUMN deferred INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v14-counts") { db in
            // The metrics written after every run read these counts instead of scanning the log;
            // triggers keep them in the transaction that changes the rows, so they cannot drift.
            try db.execute(sql: """
                CREATE TABLE counts (
                    name TEXT NOT NULL,             -- signals_by_event | items | stories | documents_by_state
                    key TEXT NOT NULL,              -- the event or state; '' for a plain count
                    value INTEGER NOT NULL,
                    PRIMARY KEY (name, key)
                ) WITHOUT ROWID;
                INSERT INTO counts SELECT 'signals_by_event', event, COUNT(*) FROM signals GROUP BY event;
                INSERT INTO counts SELECT 'items', '', COUNT(*) FROM items;
                INSERT INTO counts SELECT 'stories', '', COUNT(*) FROM stories;
                INSERT INTO counts SELECT 'documents_by_state', parse_state, COUNT(*) FROM documents GROUP BY parse_state;
                """ + CountTriggers.sql)
        }
        migrator.registerMigration("v15-document-bodies") { db in
            // Parsed bodies are stored compressed, and the retention setting empties old ones
            // (`chipwatch store prune`); bodies stored before stay whole until a prune.
            try db.execute(sql: """
                ALTER TABLE documents ADD COLUMN body_encoding TEXT NOT NULL DEFAULT 'identity';  -- identity | zlib | pruned
                ALTER TABLE documents ADD COLUMN body_size INTEGER;    -- the body's length as fetched
                ALTER TABLE documents ADD COLUMN pruned_at DATETIME;
                """)
        }
        migrator.registerMigration("v16-milestone-evidence") { db in
            // A milestone's evidence grows with history: one row per claim, so an evaluation
            // appends what is new and reads only the claims that can still move the milestone,
            // instead of decoding and rewriting the whole list (JSON in `milestones` before).
            try db.execute(sql: """
                CREATE TABLE milestone_evidence (
                    milestone_id TEXT NOT NULL REFERENCES milestones(id),
                    seq INTEGER NOT NULL,          -- order of arrival
                    item_id INTEGER NOT NULL,
                    event TEXT NOT NULL,
                    modality TEXT NOT NULL,
                    body TEXT NOT NULL,            -- the EvidenceSnapshot as JSON
                    PRIMARY KEY (milestone_id, seq),
                    UNIQUE (milestone_id, item_id, event)
                ) WITHOUT ROWID;
                INSERT OR IGNORE INTO milestone_evidence (milestone_id, seq, item_id, event, modality, body)
                    SELECT m.id, e.key, json_extract(e.value, '$.itemID'), json_extract(e.value, '$.event'),
                           json_extract(e.value, '$.modality'), e.value
                    FROM milestones m, json_each(m.evidence) e;
                ALTER TABLE milestones DROP COLUMN evidence;
                """)
        }
        migrator.registerMigration("v17-counts-at-commit") { _ in
            // PostgreSQL only (its counts are kept when a transaction commits, so concurrent
            // writers do not queue on a counts row). SQLite has one writer at a time: nothing
            // to change; the step exists so both stores number their schemas alike.
        }
        migrator.registerMigration("v18-evidence-by-time") { db in
            // The board, `milestones` and the web view ask for each milestone's newest claims:
            // by this index, instead of sorting all its claims on every read (a milestone's
            // evidence grows with the news). The expression is the summary's, to the letter.
            try db.execute(sql: """
                CREATE INDEX milestone_evidence_by_time ON milestone_evidence (milestone_id, json_extract(body, '$.published'))
                """)
        }
        migrator.registerMigration("v19-alerts-by-update") { db in
            // Every evaluate that fires or resolves an alert reads the newest 200 for
            // `alerts.atom`: by this index, instead of sorting every alert ever raised (a
            // quarter of an evaluate of 500 new items at 200k items, perf).
            try db.execute(sql: "CREATE INDEX alerts_by_update ON alerts (updated_at, id)")
        }
        migrator.registerMigration("v20-stories-by-date-covering") { db in
            // The extract stage's story index reads the stories of the days its items look at
            // (`StoryIndex.reading`): from this index alone, in date order, instead of a lookup
            // into the table per story (which made a run at 200k items 15% slower than reading
            // every story by id; with the index it reads only its days at the same speed).
            try db.execute(sql: "CREATE INDEX stories_by_date_simhash ON stories (first_published, id, simhash)")
        }
        return migrator
    }
}

/// The triggers behind the `counts` table: one up and one down per counted row.
enum CountTriggers {
    static var sql: String {
        [count("signals", name: "signals_by_event", key: "event"),
         count("items", name: "items", key: nil),
         count("stories", name: "stories", key: nil),
         count("documents", name: "documents_by_state", key: "parse_state")].joined()
    }

    private static func count(_ table: String, name: String, key: String?) -> String {
        func add(_ row: String, _ delta: Int) -> String {
            let keyValue = key.map { "\(row).\($0)" } ?? "''"
            return """
                INSERT INTO counts (name, key, value) VALUES ('\(name)', \(keyValue), \(delta))
                    ON CONFLICT (name, key) DO UPDATE SET value = value + \(delta);
                """
        }
        var sql = """
            CREATE TRIGGER \(table)_counted AFTER INSERT ON \(table) BEGIN \(add("NEW", 1)) END;
            CREATE TRIGGER \(table)_uncounted AFTER DELETE ON \(table) BEGIN \(add("OLD", -1)) END;

            """
        if let key {
            sql += """
                CREATE TRIGGER \(table)_recounted AFTER UPDATE OF \(key) ON \(table) WHEN OLD.\(key) IS NOT NEW.\(key)
                BEGIN \(add("OLD", -1)) \(add("NEW", 1)) END;

                """
        }
        return sql
    }
}
