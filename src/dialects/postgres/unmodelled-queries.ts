/**
 * The catalog query behind `unmodelled` (unmodelled.ts): everything in the requested
 * schemas that the model DSL cannot express, with the SQL that creates and drops it
 * where the catalog can give it, in one round trip. Objects an extension owns are left
 * out (the extension brings them back).
 *
 * Each branch returns the same columns; `rank` orders the branches the way a fresh
 * database must be built (extensions, then types and sequences, before the tables;
 * functions, views, triggers, rules and exclusion constraints after them), `position`
 * (the oid) keeps creation order inside a branch, so a view on a view comes after it.
 */

/** A name qualified with its schema, unless the schema is the connection's default one. */
const qualified = (schema: string, name: string) =>
  `CASE WHEN ${schema} = current_schema() THEN '' ELSE quote_ident(${schema}) || '.' END || quote_ident(${name})`

const notFromExtension = (catalog: string, oid: string) => `NOT EXISTS (
    SELECT 1 FROM pg_catalog.pg_depend e
    WHERE e.classid = '${catalog}'::regclass AND e.objid = ${oid} AND e.deptype = 'e'
  )`

export interface UnmodelledRow {
  readonly schema: string
  readonly name: string
  readonly kind: string
  readonly table: string | null
  readonly detail: string | null
  readonly create: string | null
  readonly drop: string | null
  readonly phase: 'beforeTables' | 'afterTables' | null
}

const TABLE = qualified('s.nspname', 'c.relname')

// $1: the schemas to read (text[]), NULL for current_schema().
export const UNMODELLED_SQL = `WITH schemas AS (
  SELECT oid, nspname::text FROM pg_catalog.pg_namespace
  WHERE nspname = ANY (COALESCE($1::text[], ARRAY[current_schema()::text]))
), found AS (
  SELECT 0 AS rank, e.oid::bigint AS position, s.nspname AS schema, e.extname::text AS name,
    'extension' AS kind, NULL::text AS "table", 'version ' || e.extversion AS detail,
    'CREATE EXTENSION IF NOT EXISTS ' || quote_ident(e.extname) || ' WITH SCHEMA ' || quote_ident(s.nspname) AS "create",
    'DROP EXTENSION IF EXISTS ' || quote_ident(e.extname) AS "drop", 'beforeTables' AS phase
  FROM pg_catalog.pg_extension e JOIN schemas s ON s.oid = e.extnamespace
  WHERE e.extname <> 'plpgsql'
UNION ALL
  SELECT 1, t.oid::bigint, s.nspname, t.typname::text,
    CASE t.typtype WHEN 'd' THEN 'domain' WHEN 'c' THEN 'composite type' ELSE 'range type' END,
    NULL, CASE t.typtype WHEN 'd' THEN pg_catalog.format_type(t.typbasetype, t.typtypmod) END,
    CASE t.typtype
      WHEN 'd' THEN 'CREATE DOMAIN ' || ${qualified('s.nspname', 't.typname')} || ' AS '
        || pg_catalog.format_type(t.typbasetype, t.typtypmod)
        || COALESCE(' DEFAULT ' || t.typdefault, '')
        || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END
        || COALESCE((
          SELECT string_agg(' CONSTRAINT ' || quote_ident(k.conname) || ' ' || pg_catalog.pg_get_constraintdef(k.oid), '' ORDER BY k.conname)
          FROM pg_catalog.pg_constraint k WHERE k.contypid = t.oid
        ), '')
      WHEN 'c' THEN 'CREATE TYPE ' || ${qualified('s.nspname', 't.typname')} || ' AS (' || COALESCE((
          SELECT string_agg(quote_ident(a.attname) || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
          FROM pg_catalog.pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
        ), '') || ')'
      ELSE 'CREATE TYPE ' || ${qualified('s.nspname', 't.typname')} || ' AS RANGE (SUBTYPE = '
        || pg_catalog.format_type(r.rngsubtype, NULL) || ')'
    END,
    CASE t.typtype WHEN 'd' THEN 'DROP DOMAIN ' ELSE 'DROP TYPE ' END || ${qualified('s.nspname', 't.typname')},
    'beforeTables'
  FROM pg_catalog.pg_type t
  JOIN schemas s ON s.oid = t.typnamespace
  LEFT JOIN pg_catalog.pg_range r ON r.rngtypid = t.oid
  WHERE (t.typtype IN ('d', 'r') OR (t.typtype = 'c' AND EXISTS (
      SELECT 1 FROM pg_catalog.pg_class k WHERE k.oid = t.typrelid AND k.relkind = 'c'
    ))) AND ${notFromExtension('pg_catalog.pg_type', 't.oid')}
UNION ALL
  SELECT 2, c.oid::bigint, s.nspname, c.relname::text, 'sequence', NULL, NULL,
    'CREATE SEQUENCE ' || ${TABLE} || ' AS ' || pg_catalog.format_type(q.seqtypid, NULL)
      || ' INCREMENT BY ' || q.seqincrement || ' MINVALUE ' || q.seqmin || ' MAXVALUE ' || q.seqmax
      || ' START WITH ' || q.seqstart || ' CACHE ' || q.seqcache
      || CASE WHEN q.seqcycle THEN ' CYCLE' ELSE '' END,
    'DROP SEQUENCE ' || ${TABLE}, 'beforeTables'
  FROM pg_catalog.pg_class c
  JOIN schemas s ON s.oid = c.relnamespace
  JOIN pg_catalog.pg_sequence q ON q.seqrelid = c.oid
  -- Sequences of serial and identity columns belong to their column ('a', 'i').
  WHERE c.relkind = 'S' AND NOT EXISTS (
    SELECT 1 FROM pg_catalog.pg_depend d
    WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e')
  )
UNION ALL
  SELECT 10, p.oid::bigint, s.nspname,
    p.proname::text || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')',
    CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window function' ELSE 'function' END,
    NULL, NULL,
    CASE WHEN p.prokind IN ('f', 'p') THEN rtrim(pg_catalog.pg_get_functiondef(p.oid), E'\\n') END,
    CASE WHEN p.prokind IN ('f', 'p') THEN
      CASE p.prokind WHEN 'p' THEN 'DROP PROCEDURE ' ELSE 'DROP FUNCTION ' END
      || ${qualified('s.nspname', 'p.proname')} || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')'
    END,
    'afterTables'
  FROM pg_catalog.pg_proc p JOIN schemas s ON s.oid = p.pronamespace
  -- A range type's constructors depend on it internally ('i'): the type brings them back.
  WHERE NOT EXISTS (
    SELECT 1 FROM pg_catalog.pg_depend e
    WHERE e.classid = 'pg_catalog.pg_proc'::regclass AND e.objid = p.oid AND e.deptype IN ('e', 'i')
  )
UNION ALL
  SELECT 11, c.oid::bigint, s.nspname, c.relname::text,
    CASE c.relkind WHEN 'v' THEN 'view' ELSE 'materialized view' END, NULL, NULL,
    CASE c.relkind WHEN 'v' THEN 'CREATE VIEW ' ELSE 'CREATE MATERIALIZED VIEW ' END || ${TABLE}
      || ' AS' || E'\\n' || rtrim(pg_catalog.pg_get_viewdef(c.oid), E';\\n '),
    CASE c.relkind WHEN 'v' THEN 'DROP VIEW ' ELSE 'DROP MATERIALIZED VIEW ' END || ${TABLE},
    'afterTables'
  FROM pg_catalog.pg_class c JOIN schemas s ON s.oid = c.relnamespace
  WHERE c.relkind IN ('v', 'm') AND ${notFromExtension('pg_catalog.pg_class', 'c.oid')}
UNION ALL
  SELECT 12, t.oid::bigint, s.nspname, t.tgname::text, 'trigger', c.relname::text, NULL,
    pg_catalog.pg_get_triggerdef(t.oid), 'DROP TRIGGER ' || quote_ident(t.tgname) || ' ON ' || ${TABLE},
    'afterTables'
  FROM pg_catalog.pg_trigger t
  JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
  JOIN schemas s ON s.oid = c.relnamespace
  -- Constraint triggers of foreign keys are internal; partitions' clones have a parent.
  WHERE NOT t.tgisinternal AND t.tgparentid = 0
UNION ALL
  SELECT 13, w.oid::bigint, s.nspname, w.rulename::text, 'rule', c.relname::text, NULL,
    rtrim(pg_catalog.pg_get_ruledef(w.oid), ';'),
    'DROP RULE ' || quote_ident(w.rulename) || ' ON ' || ${TABLE}, 'afterTables'
  FROM pg_catalog.pg_rewrite w
  JOIN pg_catalog.pg_class c ON c.oid = w.ev_class
  JOIN schemas s ON s.oid = c.relnamespace
  WHERE w.rulename <> '_RETURN'
UNION ALL
  SELECT 14, k.oid::bigint, s.nspname, k.conname::text, 'exclusion constraint', c.relname::text,
    pg_catalog.pg_get_constraintdef(k.oid),
    'ALTER TABLE ' || ${TABLE} || ' ADD CONSTRAINT ' || quote_ident(k.conname) || ' '
      || pg_catalog.pg_get_constraintdef(k.oid),
    'ALTER TABLE ' || ${TABLE} || ' DROP CONSTRAINT ' || quote_ident(k.conname), 'afterTables'
  FROM pg_catalog.pg_constraint k
  JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
  JOIN schemas s ON s.oid = c.relnamespace
  WHERE k.contype = 'x' AND k.conparentid = 0
UNION ALL
  SELECT 20, c.oid::bigint, s.nspname, c.relname::text,
    CASE WHEN c.relispartition THEN 'partition' WHEN c.relkind = 'p' THEN 'partitioned table'
      WHEN c.relkind = 'f' THEN 'foreign table' ELSE 'inheriting table' END,
    CASE WHEN c.relispartition OR i.inhparent IS NOT NULL THEN parent.relname::text
      WHEN c.relkind = 'p' THEN c.relname::text END,
    CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid)
      WHEN c.relkind = 'p' THEN 'PARTITION BY ' || pg_catalog.pg_get_partkeydef(c.oid)
      WHEN i.inhparent IS NOT NULL THEN 'INHERITS ' || parent.relname END,
    NULL, NULL, NULL
  FROM pg_catalog.pg_class c
  JOIN schemas s ON s.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_inherits i ON i.inhrelid = c.oid AND i.inhseqno = 1
  LEFT JOIN pg_catalog.pg_class parent ON parent.oid = i.inhparent
  WHERE c.relkind IN ('r', 'p', 'f') AND (c.relkind <> 'r' OR i.inhparent IS NOT NULL)
    AND ${notFromExtension('pg_catalog.pg_class', 'c.oid')}
UNION ALL
  SELECT 21, c.oid::bigint, s.nspname, a.attname::text, 'generated column', c.relname::text,
    'GENERATED ALWAYS AS (' || pg_catalog.pg_get_expr(d.adbin, d.adrelid) || ') STORED',
    NULL, NULL, NULL
  FROM pg_catalog.pg_attribute a
  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
  JOIN schemas s ON s.oid = c.relnamespace
  JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE a.attgenerated = 's' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
UNION ALL
  SELECT 22, y.oid::bigint, s.nspname, y.polname::text, 'row security policy', c.relname::text,
    NULL, NULL, NULL, NULL
  FROM pg_catalog.pg_policy y
  JOIN pg_catalog.pg_class c ON c.oid = y.polrelid
  JOIN schemas s ON s.oid = c.relnamespace
)
SELECT schema, name, kind, "table", detail, "create", "drop", phase FROM found
ORDER BY rank, position, name`
