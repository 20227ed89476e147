-- The server-side floor of an import, statement by statement, on the suite's own PostgreSQL (issue 3's speed goal):
-- 60,000 rows copied into a plain table (what the raw-COPY side of bench-import does), into the revisions table's
-- layout with its primary key, the 60,000 latest-revision look-ups, and 60,000 change-log rows.
-- Run: psql "host=127.0.0.1 port=$PORT user=postgres dbname=submissionsdb" -f tests/TuyPhuoc.Harness/sql/import-floor.sql
-- It works in a schema of its own, logged tables like the real ones, and drops it at the end.
DROP SCHEMA IF EXISTS import_floor CASCADE;
CREATE SCHEMA import_floor;
SET search_path = import_floor;
\timing on
CREATE TABLE src AS
  SELECT 'PHUOC_' || (g % 13) AS u, 'BENCHX_' || lpad(((g / 13) % 400)::text, 3, '0') AS i, 2023 AS y, 1 + (g / 5200) % 12 AS m,
         g::float8 AS v, CASE WHEN g % 10 = 0 THEN 'note about causes' ELSE '' END AS n
    FROM generate_series(0, 59999) g;
CREATE TABLE t_plain (u varchar(40), y int, i varchar(40), m int, r int, v float8, n varchar(4000), at timestamptz, by_ varchar(200), o int, b uuid);
CREATE TABLE t_key (LIKE t_plain, PRIMARY KEY (u, y, i, m, r));
CREATE TABLE t_key_c (u varchar(40) COLLATE "C", y int, i varchar(40) COLLATE "C", m int, r int, v float8, n varchar(4000),
                           at timestamptz, by_ varchar(200), o int, b uuid, PRIMARY KEY (u, y, i, m, r));
\copy (SELECT u, y, i, m, 1, v, n, now(), 'planning-office', 1, gen_random_uuid() FROM src) TO '/tmp/import-floor.csv' CSV
\echo 'plain table:'
\copy t_plain FROM '/tmp/import-floor.csv' CSV
\echo 'revisions layout with its primary key:'
\copy t_key FROM '/tmp/import-floor.csv' CSV
\echo 'the same with COLLATE "C" keys:'
\copy t_key_c FROM '/tmp/import-floor.csv' CSV
\echo 'latest revision of each of the 60,000 cells:'
SELECT count(*) FROM (
  SELECT coalesce(max(r.r), 0)
    FROM unnest((SELECT array_agg(u) FROM src), (SELECT array_agg(y) FROM src), (SELECT array_agg(i) FROM src), (SELECT array_agg(m) FROM src))
         WITH ORDINALITY k(u, y, i, m, o)
    LEFT JOIN t_key r ON r.u = k.u AND r.y = k.y AND r.i = k.i AND r.m = k.m
   GROUP BY k.o) latest;
CREATE TABLE log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, seq bigint UNIQUE, at timestamptz NOT NULL, kind varchar(64),
                       key varchar(200), data jsonb, tp varchar(128));
CREATE INDEX ON log (id) WHERE seq IS NULL;
\echo 'one change-log row per revision:'
INSERT INTO log (at, kind, key, data, tp)
  SELECT now(), 'actual.revised', u || '/' || i || '/' || y || '/' || m, '{"revision":1}'::jsonb, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' FROM src;
\timing off
DROP SCHEMA import_floor CASCADE;
