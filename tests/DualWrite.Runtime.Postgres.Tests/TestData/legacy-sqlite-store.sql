-- A SQLite state store as the runtime made it before the store recorded schema versions (main at 8c75a94): the tables
-- of SqliteStateStore's Schema, StagingSchema and InitialSyncSchema, word for word, and one host's state in them.
CREATE TABLE IF NOT EXISTS link (id INTEGER PRIMARY KEY CHECK (id = 1), fo_environment TEXT NOT NULL, dataverse_environment TEXT NOT NULL, companies TEXT NOT NULL, linked_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS map_states (map TEXT PRIMARY KEY, state TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cursors (map TEXT NOT NULL, side TEXT NOT NULL, sequence INTEGER NOT NULL, PRIMARY KEY (map, side));
CREATE TABLE IF NOT EXISTS record_queue (id INTEGER PRIMARY KEY AUTOINCREMENT, map TEXT NOT NULL, record_key TEXT NOT NULL, side TEXT NOT NULL, entity_set TEXT NOT NULL, operation TEXT NOT NULL, sequence INTEGER NOT NULL, row_key TEXT NOT NULL, payload TEXT NOT NULL, origin TEXT, changed_at TEXT NOT NULL, reason TEXT, failed_at TEXT, kind TEXT, attempts INTEGER NOT NULL DEFAULT 0, first_failed_at TEXT);
CREATE INDEX IF NOT EXISTS record_queue_by_record ON record_queue (map, record_key, id);
CREATE TABLE IF NOT EXISTS staged_changes (id INTEGER PRIMARY KEY AUTOINCREMENT, map TEXT NOT NULL, record_key TEXT NOT NULL, partition_hash INTEGER NOT NULL, side TEXT NOT NULL, entity_set TEXT NOT NULL, operation TEXT NOT NULL, sequence INTEGER NOT NULL, row_key TEXT NOT NULL, payload TEXT NOT NULL, origin TEXT, changed_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS staged_changes_in_order ON staged_changes (map, id);
CREATE INDEX IF NOT EXISTS staged_changes_by_record ON staged_changes (map, record_key, side);
CREATE INDEX IF NOT EXISTS staged_changes_by_source ON staged_changes (map, side, sequence);
CREATE TABLE IF NOT EXISTS initial_sync_runs (run_id TEXT PRIMARY KEY, master TEXT NOT NULL, steps TEXT NOT NULL, status TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT);
CREATE TABLE IF NOT EXISTS initial_sync_checkpoints (run_id TEXT NOT NULL, map TEXT NOT NULL, pass INTEGER NOT NULL, status TEXT NOT NULL, last_key TEXT, fo_read INTEGER NOT NULL, dataverse_read INTEGER NOT NULL, inserted INTEGER NOT NULL, updated INTEGER NOT NULL, unchanged INTEGER NOT NULL, skipped INTEGER NOT NULL, failed INTEGER NOT NULL, saved_at TEXT NOT NULL, PRIMARY KEY (run_id, map, pass));
CREATE TABLE IF NOT EXISTS initial_sync_errors (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL, map TEXT NOT NULL, pass INTEGER NOT NULL, side TEXT NOT NULL, record_key TEXT NOT NULL, key TEXT NOT NULL, row TEXT NOT NULL, reason TEXT NOT NULL, failed_at TEXT NOT NULL, skipped INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS initial_sync_errors_by_run ON initial_sync_errors (run_id, id);

INSERT INTO link (id, fo_environment, dataverse_environment, companies, linked_at) VALUES (1, 'fo-contoso', 'dv-contoso', '["USMF","DEMF"]', '2026-11-20T08:00:00.0000000Z');
INSERT INTO map_states (map, state) VALUES ('Customers', 'Paused');
INSERT INTO cursors (map, side, sequence) VALUES ('Customers', 'Fo', 41);
INSERT INTO cursors (map, side, sequence) VALUES ('Customers', 'Dataverse', 17);
INSERT INTO cursors (map, side, sequence) VALUES ('Vendors', 'Fo', 5);

-- The error list: record USMF|C-1's failed head, and the change waiting behind it.
INSERT INTO record_queue (map, record_key, side, entity_set, operation, sequence, row_key, payload, origin, changed_at, reason, failed_at, kind, attempts, first_failed_at)
    VALUES ('Customers', 'USMF|C-1', 'Fo', 'CustomersV3', 'Update', 39, 'USMF|C-1', '{"CustomerAccount":"C-1","Name":"Contoso"}', NULL, '2026-11-21T09:30:00.0000000Z', 'The name is too long for Dataverse', '2026-11-21T09:31:00.0000000Z', 'Value', 3, '2026-11-21T09:30:30.0000000Z');
INSERT INTO record_queue (map, record_key, side, entity_set, operation, sequence, row_key, payload, origin, changed_at, reason, failed_at, kind, attempts, first_failed_at)
    VALUES ('Customers', 'USMF|C-1', 'Fo', 'CustomersV3', 'Update', 40, 'USMF|C-1', '{"CustomerAccount":"C-1","Name":"Contoso Ltd"}', 'dataverse', '2026-11-21T09:35:00.0000000Z', NULL, NULL, NULL, 0, NULL);

-- The paused map's staging queue: one record changed on both sides.
INSERT INTO staged_changes (map, record_key, partition_hash, side, entity_set, operation, sequence, row_key, payload, origin, changed_at)
    VALUES ('Customers', 'USMF|C-2', 12345, 'Fo', 'CustomersV3', 'Insert', 42, 'USMF|C-2', '{"CustomerAccount":"C-2"}', NULL, '2026-11-22T10:00:00.0000000Z');
INSERT INTO staged_changes (map, record_key, partition_hash, side, entity_set, operation, sequence, row_key, payload, origin, changed_at)
    VALUES ('Customers', 'USMF|C-2', 12345, 'Dataverse', 'accounts', 'Update', 18, 'acc-2', '{"accountnumber":"C-2"}', NULL, '2026-11-22T10:01:00.0000000Z');

-- An initial-sync run that finished with one error.
INSERT INTO initial_sync_runs (run_id, master, steps, status, started_at, finished_at) VALUES ('run-1', 'Fo', '[]', 'CompletedWithErrors', '2026-11-19T07:00:00.0000000Z', '2026-11-19T07:10:00.0000000Z');
INSERT INTO initial_sync_errors (run_id, map, pass, side, record_key, key, row, reason, failed_at, skipped)
    VALUES ('run-1', 'Customers', 1, 'Fo', 'USMF|C-9', '{"Company":"USMF","Values":["C-9"]}', '{"CustomerAccount":"C-9"}', 'Missing lookup', '2026-11-19T07:05:00.0000000Z', 0);
