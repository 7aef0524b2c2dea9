-- A PostgreSQL state store as the runtime left it at schema version 2 (link, map states, cursors, record queues, and the
-- initial sync's tables), recorded in dualwrite.migrations as the runtime always did; one failed change in it.
CREATE SCHEMA dualwrite;
CREATE TABLE dualwrite.migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE dualwrite.link (id integer PRIMARY KEY CHECK (id = 1), fo_environment text NOT NULL, dataverse_environment text NOT NULL, companies text NOT NULL, linked_at timestamptz NOT NULL);
CREATE TABLE dualwrite.map_states (map text PRIMARY KEY, state text NOT NULL);
CREATE TABLE dualwrite.cursors (map text NOT NULL, side text NOT NULL, sequence bigint NOT NULL, position bigserial, PRIMARY KEY (map, side));
CREATE TABLE dualwrite.record_queue (id bigserial PRIMARY KEY, map text NOT NULL, record_key text NOT NULL, side text NOT NULL, entity_set text NOT NULL, operation text NOT NULL, sequence bigint NOT NULL, row_key text NOT NULL, payload text NOT NULL, origin text, changed_at timestamptz NOT NULL, reason text, failed_at timestamptz);
CREATE INDEX record_queue_by_record ON dualwrite.record_queue (map, record_key, id);
CREATE TABLE dualwrite.initial_sync_runs (run_id text PRIMARY KEY, master text NOT NULL, steps text NOT NULL, status text NOT NULL, started_at timestamptz NOT NULL, finished_at timestamptz, position bigserial);
CREATE TABLE dualwrite.initial_sync_checkpoints (run_id text NOT NULL, map text NOT NULL, pass integer NOT NULL, status text NOT NULL, last_key text, fo_read bigint NOT NULL, dataverse_read bigint NOT NULL, inserted bigint NOT NULL, updated bigint NOT NULL, unchanged bigint NOT NULL, skipped bigint NOT NULL, failed bigint NOT NULL, saved_at timestamptz NOT NULL, PRIMARY KEY (run_id, map, pass));
CREATE TABLE dualwrite.initial_sync_errors (id bigserial PRIMARY KEY, run_id text NOT NULL, map text NOT NULL, pass integer NOT NULL, side text NOT NULL, record_key text NOT NULL, key text NOT NULL, row text NOT NULL, reason text NOT NULL, failed_at timestamptz NOT NULL, skipped boolean NOT NULL DEFAULT false);
CREATE INDEX initial_sync_errors_by_run ON dualwrite.initial_sync_errors (run_id, id);
INSERT INTO dualwrite.migrations (version, name) VALUES (1, 'link, map states, cursors, record queues'), (2, 'initial-sync runs, checkpoints and errors');

INSERT INTO dualwrite.link (id, fo_environment, dataverse_environment, companies, linked_at) VALUES (1, 'fo-contoso', 'dv-contoso', '["USMF"]', '2026-11-10T08:00:00Z');
INSERT INTO dualwrite.cursors (map, side, sequence) VALUES ('Customers', 'Fo', 12), ('Customers', 'Dataverse', 4);
INSERT INTO dualwrite.record_queue (map, record_key, side, entity_set, operation, sequence, row_key, payload, origin, changed_at, reason, failed_at)
    VALUES ('Customers', 'USMF|C-1', 'Fo', 'CustomersV3', 'Update', 11, 'USMF|C-1', '{"CustomerAccount":"C-1"}', NULL, '2026-11-11T09:00:00Z', 'Dataverse refused the row', '2026-11-11T09:01:00Z');
