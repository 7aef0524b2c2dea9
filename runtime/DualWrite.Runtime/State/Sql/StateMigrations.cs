using System;
using System.Collections.Generic;

namespace DualWrite.Runtime.State.Sql;

/// <summary>
/// The state store's schema history, one list for every database, so that a version means the same step everywhere.
/// Append new steps; never edit a released one (docs/state-store.md).
/// </summary>
internal static class StateMigrations
{
    public static readonly IReadOnlyList<StateMigration> All =
    [
        new(
            1,
            "link, map states, cursors, record queues",
            [
                "CREATE TABLE link (id INTEGER PRIMARY KEY CHECK (id = 1), fo_environment TEXT NOT NULL, dataverse_environment TEXT NOT NULL, companies TEXT NOT NULL, linked_at TEXT NOT NULL)",
                "CREATE TABLE map_states (map TEXT PRIMARY KEY, state TEXT NOT NULL)",
                "CREATE TABLE cursors (map TEXT NOT NULL, side TEXT NOT NULL, sequence INTEGER NOT NULL, PRIMARY KEY (map, side))",
                "CREATE TABLE record_queue (id INTEGER PRIMARY KEY AUTOINCREMENT, map TEXT NOT NULL, record_key TEXT NOT NULL, side TEXT NOT NULL, " +
                    "entity_set TEXT NOT NULL, operation TEXT NOT NULL, sequence INTEGER NOT NULL, row_key TEXT NOT NULL, payload TEXT NOT NULL, origin TEXT, " +
                    "changed_at TEXT NOT NULL, reason TEXT, failed_at TEXT)",
                "CREATE INDEX record_queue_by_record ON record_queue (map, record_key, id)",
            ],
            [
                "CREATE TABLE dualwrite.link (id integer PRIMARY KEY CHECK (id = 1), fo_environment text NOT NULL, dataverse_environment text NOT NULL, companies text NOT NULL, linked_at timestamptz NOT NULL)",
                "CREATE TABLE dualwrite.map_states (map text PRIMARY KEY, state text NOT NULL)",
                "CREATE TABLE dualwrite.cursors (map text NOT NULL, side text NOT NULL, sequence bigint NOT NULL, position bigserial, PRIMARY KEY (map, side))",
                "CREATE TABLE dualwrite.record_queue (id bigserial PRIMARY KEY, map text NOT NULL, record_key text NOT NULL, side text NOT NULL, entity_set text NOT NULL, " +
                    "operation text NOT NULL, sequence bigint NOT NULL, row_key text NOT NULL, payload text NOT NULL, origin text, changed_at timestamptz NOT NULL, reason text, failed_at timestamptz)",
                "CREATE INDEX record_queue_by_record ON dualwrite.record_queue (map, record_key, id)",
            ]),
        new(
            2,
            "initial-sync runs, checkpoints and errors",
            [
                "CREATE TABLE initial_sync_runs (run_id TEXT PRIMARY KEY, master TEXT NOT NULL, steps TEXT NOT NULL, status TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT)",
                "CREATE TABLE initial_sync_checkpoints (run_id TEXT NOT NULL, map TEXT NOT NULL, pass INTEGER NOT NULL, status TEXT NOT NULL, last_key TEXT, " +
                    "fo_read INTEGER NOT NULL, dataverse_read INTEGER NOT NULL, inserted INTEGER NOT NULL, updated INTEGER NOT NULL, unchanged INTEGER NOT NULL, " +
                    "skipped INTEGER NOT NULL, failed INTEGER NOT NULL, saved_at TEXT NOT NULL, PRIMARY KEY (run_id, map, pass))",
                "CREATE TABLE initial_sync_errors (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL, map TEXT NOT NULL, pass INTEGER NOT NULL, side TEXT NOT NULL, " +
                    "record_key TEXT NOT NULL, key TEXT NOT NULL, row TEXT NOT NULL, reason TEXT NOT NULL, failed_at TEXT NOT NULL, skipped INTEGER NOT NULL DEFAULT 0)",
                "CREATE INDEX initial_sync_errors_by_run ON initial_sync_errors (run_id, id)",
            ],
            [
                "CREATE TABLE dualwrite.initial_sync_runs (run_id text PRIMARY KEY, master text NOT NULL, steps text NOT NULL, status text NOT NULL, started_at timestamptz NOT NULL, finished_at timestamptz, position bigserial)",
                "CREATE TABLE dualwrite.initial_sync_checkpoints (run_id text NOT NULL, map text NOT NULL, pass integer NOT NULL, status text NOT NULL, last_key text, " +
                    "fo_read bigint NOT NULL, dataverse_read bigint NOT NULL, inserted bigint NOT NULL, updated bigint NOT NULL, unchanged bigint NOT NULL, " +
                    "skipped bigint NOT NULL, failed bigint NOT NULL, saved_at timestamptz NOT NULL, PRIMARY KEY (run_id, map, pass))",
                "CREATE TABLE dualwrite.initial_sync_errors (id bigserial PRIMARY KEY, run_id text NOT NULL, map text NOT NULL, pass integer NOT NULL, side text NOT NULL, " +
                    "record_key text NOT NULL, key text NOT NULL, row text NOT NULL, reason text NOT NULL, failed_at timestamptz NOT NULL, skipped boolean NOT NULL DEFAULT false)",
                "CREATE INDEX initial_sync_errors_by_run ON dualwrite.initial_sync_errors (run_id, id)",
            ]),

        // Several hosts share only a PostgreSQL store; SQLite records the version with nothing to do.
        new(
            3,
            "partitions, leases and partition cursors for several hosts",
            Array.Empty<string>(),
            [
                "CREATE TABLE dualwrite.partition_settings (id integer PRIMARY KEY CHECK (id = 1), partition_count integer NOT NULL CHECK (partition_count > 0))",
                "CREATE TABLE dualwrite.hosts (host_id text PRIMARY KEY, expires_at timestamptz NOT NULL)",
                "CREATE TABLE dualwrite.partition_leases (partition integer PRIMARY KEY, host_id text, epoch bigint NOT NULL, expires_at timestamptz NOT NULL)",
                "CREATE TABLE dualwrite.partition_cursors (map text NOT NULL, side text NOT NULL, partition integer NOT NULL, sequence bigint NOT NULL, PRIMARY KEY (map, side, partition))",
            ]),

        // partition_hash is a stable hash of the record key, so that the staging queue can be split by (map, hash)
        // across hosts without reading the keys; the queue itself is ordered by id. Entries already failed count one attempt.
        new(
            4,
            "error kinds and attempts, staging queues of paused maps",
            [
                "ALTER TABLE record_queue ADD COLUMN kind TEXT",
                "ALTER TABLE record_queue ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE record_queue ADD COLUMN first_failed_at TEXT",
                "UPDATE record_queue SET attempts = 1 WHERE reason IS NOT NULL",
                "CREATE TABLE staged_changes (id INTEGER PRIMARY KEY AUTOINCREMENT, map TEXT NOT NULL, record_key TEXT NOT NULL, partition_hash INTEGER NOT NULL, " +
                    "side TEXT NOT NULL, entity_set TEXT NOT NULL, operation TEXT NOT NULL, sequence INTEGER NOT NULL, row_key TEXT NOT NULL, payload TEXT NOT NULL, " +
                    "origin TEXT, changed_at TEXT NOT NULL)",
                "CREATE INDEX staged_changes_in_order ON staged_changes (map, id)",
                "CREATE INDEX staged_changes_by_record ON staged_changes (map, record_key, side)",
                "CREATE INDEX staged_changes_by_source ON staged_changes (map, side, sequence)",
            ],
            [
                "ALTER TABLE dualwrite.record_queue ADD COLUMN kind text, ADD COLUMN attempts integer NOT NULL DEFAULT 0, ADD COLUMN first_failed_at timestamptz",
                "UPDATE dualwrite.record_queue SET attempts = 1 WHERE reason IS NOT NULL",
                "CREATE TABLE dualwrite.staged_changes (id bigserial PRIMARY KEY, map text NOT NULL, record_key text NOT NULL, partition_hash integer NOT NULL, side text NOT NULL, " +
                    "entity_set text NOT NULL, operation text NOT NULL, sequence bigint NOT NULL, row_key text NOT NULL, payload text NOT NULL, origin text, changed_at timestamptz NOT NULL)",
                "CREATE INDEX staged_changes_in_order ON dualwrite.staged_changes (map, id)",
                "CREATE INDEX staged_changes_by_record ON dualwrite.staged_changes (map, record_key, side)",
                "CREATE INDEX staged_changes_by_source ON dualwrite.staged_changes (map, side, sequence)",
            ]),

        // Why a map was stopped (the host's preflight, an operator), cleared when it runs again.
        new(
            5,
            "stop reasons of map states",
            [
                "ALTER TABLE map_states ADD COLUMN stop_reason TEXT",
                "ALTER TABLE map_states ADD COLUMN stopped_at TEXT",
            ],
            [
                "ALTER TABLE dualwrite.map_states ADD COLUMN stop_reason text, ADD COLUMN stopped_at timestamptz",
            ]),

        // The operations page pages the error list by id (a partial index holds only failed heads), pages one record's
        // staged changes in order (the older index by side cannot give that order, so a planner walked the whole queue),
        // and shows each record's history: what happened to every change of it, kept for a bounded time (recorded_at).
        new(
            6,
            "error-list index, staged changes by record in order, record history",
            [
                "CREATE INDEX record_queue_errors ON record_queue (id) WHERE reason IS NOT NULL",
                "CREATE INDEX staged_changes_by_record_in_order ON staged_changes (map, record_key, id)",
                "CREATE TABLE record_events (id INTEGER PRIMARY KEY AUTOINCREMENT, map TEXT NOT NULL, record_key TEXT NOT NULL, event TEXT NOT NULL, side TEXT NOT NULL, " +
                    "operation TEXT NOT NULL, sequence INTEGER NOT NULL, changed_at TEXT NOT NULL, recorded_at TEXT NOT NULL, detail TEXT)",
                "CREATE INDEX record_events_by_record ON record_events (map, record_key, id)",
                "CREATE INDEX record_events_by_age ON record_events (recorded_at)",
            ],
            [
                "CREATE INDEX record_queue_errors ON dualwrite.record_queue (id) WHERE reason IS NOT NULL",
                "CREATE INDEX staged_changes_by_record_in_order ON dualwrite.staged_changes (map, record_key, id)",
                "CREATE TABLE dualwrite.record_events (id bigserial PRIMARY KEY, map text NOT NULL, record_key text NOT NULL, event text NOT NULL, side text NOT NULL, " +
                    "operation text NOT NULL, sequence bigint NOT NULL, changed_at timestamptz NOT NULL, recorded_at timestamptz NOT NULL, detail text)",
                "CREATE INDEX record_events_by_record ON dualwrite.record_events (map, record_key, id)",
                "CREATE INDEX record_events_by_age ON dualwrite.record_events (recorded_at)",
            ]),

        // The OData connectors' journal, per side, so that hosts sharing the store share its sequences (docs/several-hosts.md).
        // A head row per side numbers the changes: appenders take it first and keep it to commit, which keeps sequences dense
        // and commits them in order. Row keys are matched ignoring case (folded_key), as the services match them.
        new(
            7,
            "journal of the OData connectors",
            [
                "CREATE TABLE journal_heads (side TEXT PRIMARY KEY, sequence INTEGER NOT NULL)",
                "INSERT INTO journal_heads (side, sequence) VALUES ('Fo', 0), ('Dataverse', 0)",
                "CREATE TABLE journal_changes (side TEXT NOT NULL, sequence INTEGER NOT NULL, entity_set TEXT NOT NULL, operation TEXT NOT NULL, row_key TEXT NOT NULL, " +
                    "image TEXT NOT NULL, origin TEXT, changed_at TEXT NOT NULL, PRIMARY KEY (side, sequence))",
                "CREATE INDEX journal_changes_by_set ON journal_changes (side, entity_set, sequence)",
                "CREATE INDEX journal_changes_by_row ON journal_changes (side, entity_set, row_key, sequence)",
                "CREATE TABLE journal_rows (side TEXT NOT NULL, entity_set TEXT NOT NULL, folded_key TEXT NOT NULL, row_key TEXT NOT NULL, version TEXT, fingerprint TEXT, " +
                    "image TEXT NOT NULL, deleted INTEGER NOT NULL, PRIMARY KEY (side, entity_set, folded_key))",
                "CREATE TABLE journal_feeds (side TEXT NOT NULL, entity_set TEXT NOT NULL, position TEXT NOT NULL, PRIMARY KEY (side, entity_set))",
            ],
            [
                "CREATE TABLE dualwrite.journal_heads (side text PRIMARY KEY, sequence bigint NOT NULL)",
                "INSERT INTO dualwrite.journal_heads (side, sequence) VALUES ('Fo', 0), ('Dataverse', 0)",
                "CREATE TABLE dualwrite.journal_changes (side text NOT NULL, sequence bigint NOT NULL, entity_set text NOT NULL, operation text NOT NULL, row_key text NOT NULL, " +
                    "image text NOT NULL, origin text, changed_at timestamptz NOT NULL, PRIMARY KEY (side, sequence))",
                "CREATE INDEX journal_changes_by_set ON dualwrite.journal_changes (side, entity_set, sequence)",
                "CREATE INDEX journal_changes_by_row ON dualwrite.journal_changes (side, entity_set, row_key, sequence)",
                "CREATE TABLE dualwrite.journal_rows (side text NOT NULL, entity_set text NOT NULL, folded_key text NOT NULL, row_key text NOT NULL, version text, fingerprint text, " +
                    "image text NOT NULL, deleted integer NOT NULL, PRIMARY KEY (side, entity_set, folded_key))",
                "CREATE TABLE dualwrite.journal_feeds (side text NOT NULL, entity_set text NOT NULL, position text NOT NULL, PRIMARY KEY (side, entity_set))",
            ]),

        // Each map's activity log for the operations page: who paused, resumed or stopped it and why, alerts, initial-sync
        // runs, failed passes. Read newest first a page at a time, by (map, id).
        new(
            8,
            "activity log of the maps",
            [
                "CREATE TABLE map_activity (id INTEGER PRIMARY KEY AUTOINCREMENT, map TEXT NOT NULL, at TEXT NOT NULL, kind TEXT NOT NULL, actor TEXT, text TEXT NOT NULL)",
                "CREATE INDEX map_activity_by_map ON map_activity (map, id)",
            ],
            [
                "CREATE TABLE dualwrite.map_activity (id bigserial PRIMARY KEY, map text NOT NULL, at timestamptz NOT NULL, kind text NOT NULL, actor text, text text NOT NULL)",
                "CREATE INDEX map_activity_by_map ON dualwrite.map_activity (map, id)",
            ]),

        // An initial-sync step's rows read, written and failed per legal entity, saved with its checkpoint (in the same
        // transaction), so that a resumed step continues these counts as it continues the step's own.
        new(
            9,
            "initial-sync counts per legal entity",
            [
                "CREATE TABLE initial_sync_company_counts (run_id TEXT NOT NULL, map TEXT NOT NULL, pass INTEGER NOT NULL, company TEXT NOT NULL, " +
                    "rows_read INTEGER NOT NULL, rows_written INTEGER NOT NULL, rows_failed INTEGER NOT NULL, PRIMARY KEY (run_id, map, pass, company))",
            ],
            [
                "CREATE TABLE dualwrite.initial_sync_company_counts (run_id text NOT NULL, map text NOT NULL, pass integer NOT NULL, company text NOT NULL, " +
                    "rows_read bigint NOT NULL, rows_written bigint NOT NULL, rows_failed bigint NOT NULL, PRIMARY KEY (run_id, map, pass, company))",
            ]),
    ];
}
