-- A SQLite state store as the runtime's first release made it (193fb07): link, map states, cursors and record queues
-- only, without error kinds or attempts, staging queues or initial-sync tables; one failed change in it.
CREATE TABLE IF NOT EXISTS link (id INTEGER PRIMARY KEY CHECK (id = 1), fo_environment TEXT NOT NULL, dataverse_environment TEXT NOT NULL, companies TEXT NOT NULL, linked_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS map_states (map TEXT PRIMARY KEY, state TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cursors (map TEXT NOT NULL, side TEXT NOT NULL, sequence INTEGER NOT NULL, PRIMARY KEY (map, side));
CREATE TABLE IF NOT EXISTS record_queue (id INTEGER PRIMARY KEY AUTOINCREMENT, map TEXT NOT NULL, record_key TEXT NOT NULL, side TEXT NOT NULL, entity_set TEXT NOT NULL, operation TEXT NOT NULL, sequence INTEGER NOT NULL, row_key TEXT NOT NULL, payload TEXT NOT NULL, origin TEXT, changed_at TEXT NOT NULL, reason TEXT, failed_at TEXT);
CREATE INDEX IF NOT EXISTS record_queue_by_record ON record_queue (map, record_key, id);

INSERT INTO link (id, fo_environment, dataverse_environment, companies, linked_at) VALUES (1, 'fo-contoso', 'dv-contoso', '["USMF"]', '2026-11-02T08:00:00.0000000Z');
INSERT INTO cursors (map, side, sequence) VALUES ('Customers', 'Fo', 7);
INSERT INTO record_queue (map, record_key, side, entity_set, operation, sequence, row_key, payload, origin, changed_at, reason, failed_at)
    VALUES ('Customers', 'USMF|C-1', 'Fo', 'CustomersV3', 'Update', 6, 'USMF|C-1', '{"CustomerAccount":"C-1"}', NULL, '2026-11-03T09:00:00.0000000Z', 'Dataverse refused the row', '2026-11-03T09:01:00.0000000Z');
