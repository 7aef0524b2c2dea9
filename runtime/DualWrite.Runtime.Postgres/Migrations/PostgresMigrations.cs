using System.Collections.Generic;

namespace DualWrite.Runtime.Postgres.Migrations;

/// <summary>The state store's schema history, in the <c>dualwrite</c> schema. Append new steps; never edit a released one.</summary>
internal static class PostgresMigrations
{
    public static readonly IReadOnlyList<PostgresMigration> All = new[]
    {
        new PostgresMigration(1, "link, map states, cursors, record queues", new[]
        {
            "CREATE TABLE dualwrite.link (id integer PRIMARY KEY CHECK (id = 1), fo_environment text NOT NULL, dataverse_environment text NOT NULL, companies text NOT NULL, linked_at timestamptz NOT NULL)",
            "CREATE TABLE dualwrite.map_states (map text PRIMARY KEY, state text NOT NULL)",
            "CREATE TABLE dualwrite.cursors (map text NOT NULL, side text NOT NULL, sequence bigint NOT NULL, position bigserial, PRIMARY KEY (map, side))",
            "CREATE TABLE dualwrite.record_queue (id bigserial PRIMARY KEY, map text NOT NULL, record_key text NOT NULL, side text NOT NULL, entity_set text NOT NULL, " +
                "operation text NOT NULL, sequence bigint NOT NULL, row_key text NOT NULL, payload text NOT NULL, origin text, changed_at timestamptz NOT NULL, reason text, failed_at timestamptz)",
            "CREATE INDEX record_queue_by_record ON dualwrite.record_queue (map, record_key, id)",
        }),
        new PostgresMigration(2, "initial-sync runs, checkpoints and errors", new[]
        {
            "CREATE TABLE dualwrite.initial_sync_runs (run_id text PRIMARY KEY, master text NOT NULL, steps text NOT NULL, status text NOT NULL, started_at timestamptz NOT NULL, finished_at timestamptz, position bigserial)",
            "CREATE TABLE dualwrite.initial_sync_checkpoints (run_id text NOT NULL, map text NOT NULL, pass integer NOT NULL, status text NOT NULL, last_key text, " +
                "fo_read bigint NOT NULL, dataverse_read bigint NOT NULL, inserted bigint NOT NULL, updated bigint NOT NULL, unchanged bigint NOT NULL, " +
                "skipped bigint NOT NULL, failed bigint NOT NULL, saved_at timestamptz NOT NULL, PRIMARY KEY (run_id, map, pass))",
            "CREATE TABLE dualwrite.initial_sync_errors (id bigserial PRIMARY KEY, run_id text NOT NULL, map text NOT NULL, pass integer NOT NULL, side text NOT NULL, " +
                "record_key text NOT NULL, key text NOT NULL, row text NOT NULL, reason text NOT NULL, failed_at timestamptz NOT NULL, skipped boolean NOT NULL DEFAULT false)",
            "CREATE INDEX initial_sync_errors_by_run ON dualwrite.initial_sync_errors (run_id, id)",
        }),
        new PostgresMigration(3, "partitions, leases and partition cursors for several hosts", new[]
        {
            "CREATE TABLE dualwrite.partition_settings (id integer PRIMARY KEY CHECK (id = 1), partition_count integer NOT NULL CHECK (partition_count > 0))",
            "CREATE TABLE dualwrite.hosts (host_id text PRIMARY KEY, expires_at timestamptz NOT NULL)",
            "CREATE TABLE dualwrite.partition_leases (partition integer PRIMARY KEY, host_id text, epoch bigint NOT NULL, expires_at timestamptz NOT NULL)",
            "CREATE TABLE dualwrite.partition_cursors (map text NOT NULL, side text NOT NULL, partition integer NOT NULL, sequence bigint NOT NULL, PRIMARY KEY (map, side, partition))",
        }),
        new PostgresMigration(4, "error kinds and attempts, staging queues of paused maps", new[]
        {
            "ALTER TABLE dualwrite.record_queue ADD COLUMN kind text, ADD COLUMN attempts integer NOT NULL DEFAULT 0, ADD COLUMN first_failed_at timestamptz",
            "UPDATE dualwrite.record_queue SET attempts = 1 WHERE reason IS NOT NULL",
            "CREATE TABLE dualwrite.staged_changes (id bigserial PRIMARY KEY, map text NOT NULL, record_key text NOT NULL, partition_hash integer NOT NULL, side text NOT NULL, " +
                "entity_set text NOT NULL, operation text NOT NULL, sequence bigint NOT NULL, row_key text NOT NULL, payload text NOT NULL, origin text, changed_at timestamptz NOT NULL)",
            "CREATE INDEX staged_changes_in_order ON dualwrite.staged_changes (map, id)",
            "CREATE INDEX staged_changes_by_record ON dualwrite.staged_changes (map, record_key, side)",
            "CREATE INDEX staged_changes_by_source ON dualwrite.staged_changes (map, side, sequence)",
        }),
    };
}
