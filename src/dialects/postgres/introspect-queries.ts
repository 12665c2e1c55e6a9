/**
 * The catalog queries of PostgreSQL introspection: six of them for the whole database,
 * however many tables it has (one per kind of object, never one per table). All but the
 * enums query take one parameter, the schemas to read (`text[]`, or NULL for
 * `current_schema()`).
 *
 * A table here is an ordinary or partitioned table (`relkind` r or p). Partitions are
 * left out (they follow their parent), and so are views, foreign tables and the
 * tables an extension owns (PostGIS's `spatial_ref_sys` must not look like a table
 * the models dropped).
 */

/** The tables of the requested schemas, as a CTE every query starts with. */
const TABLES = `WITH tables AS (
  SELECT c.oid, n.nspname::text AS schema, c.relname::text AS name
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
    AND n.nspname = ANY (COALESCE($1::text[], ARRAY[current_schema()::text]))
    AND NOT EXISTS (
      SELECT 1 FROM pg_catalog.pg_depend e
      WHERE e.classid = 'pg_catalog.pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e'
    )
)`

/** Column names of `conkey`-style attribute numbers, in key order. */
const keyNames = (keys: string, relation: string) => `ARRAY(
    SELECT a.attname::text
    FROM unnest(${keys}) WITH ORDINALITY AS k(attnum, position)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = ${relation} AND a.attnum = k.attnum
    ORDER BY k.position
  )`

export interface SchemaRow {
  /** `current_schema()`: tables there have no `schema` in the model. */
  readonly current: string | null
  /** The requested schemas that exist. */
  readonly existing: unknown
}

export const SCHEMAS_SQL = `SELECT current_schema()::text AS current, ARRAY(
  SELECT nspname::text FROM pg_catalog.pg_namespace
  WHERE nspname = ANY (COALESCE($1::text[], ARRAY[current_schema()::text]))
  ORDER BY 1
) AS existing`

export interface TableRow {
  readonly schema: string
  readonly name: string
  readonly comment: string | null
}

export const TABLES_SQL = `${TABLES}
SELECT t.schema, t.name, d.description AS comment
FROM tables t
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0`

export interface ColumnRow {
  readonly schema: string
  readonly table: string
  readonly name: string
  /** `format_type`: `character varying(20)`, `timestamp(3) with time zone`, `mood`... */
  readonly type: string
  readonly enum_schema: string | null
  readonly enum_name: string | null
  readonly not_null: boolean
  readonly default: string | null
  /** `a` (ALWAYS), `d` (BY DEFAULT) or empty. */
  readonly identity: string
  /** `s` for a generated column (its `default` is the generation expression). */
  readonly generated: string
  /** A `serial`: the default calls nextval on a sequence owned by this column. */
  readonly serial: boolean
  readonly comment: string | null
}

// A column default cannot refer to a column, so its text needs no relation to resolve
// names against: relation 0 spares PostgreSQL opening every table (on a fresh
// connection, building its cache entry), which is most of the query's time on a
// cold backend. A generated column's expression does refer to columns.
export const COLUMNS_SQL = `${TABLES}
SELECT t.schema, t.name AS table, a.attname::text AS name,
  pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
  CASE WHEN ty.typtype = 'e' THEN tn.nspname::text END AS enum_schema,
  CASE WHEN ty.typtype = 'e' THEN ty.typname::text END AS enum_name,
  a.attnotnull AS not_null,
  def.text AS default,
  a.attidentity::text AS identity,
  a.attgenerated::text AS generated,
  CASE WHEN def.text LIKE 'nextval(%' THEN EXISTS (
    SELECT 1 FROM pg_catalog.pg_depend dep
    JOIN pg_catalog.pg_class s ON s.oid = dep.objid AND s.relkind = 'S'
    WHERE dep.classid = 'pg_catalog.pg_class'::regclass
      AND dep.refclassid = 'pg_catalog.pg_class'::regclass
      AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'a'
  ) ELSE false END AS serial,
  d.description AS comment
FROM tables t
JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
JOIN pg_catalog.pg_namespace tn ON tn.oid = ty.typnamespace
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN LATERAL (
  SELECT CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, 0)
    ELSE pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END AS text
) def ON true
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = a.attrelid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = a.attnum
ORDER BY a.attrelid, a.attnum`

export interface ConstraintRow {
  readonly schema: string
  readonly table: string
  readonly name: string
  /** `p`, `u`, `f` or `c`. */
  readonly type: string
  readonly columns: unknown
  readonly referenced_schema: string | null
  readonly referenced_table: string | null
  readonly referenced_columns: unknown
  /** `a` no action, `r` restrict, `c` cascade, `n` set null, `d` set default. */
  readonly on_update: string
  readonly on_delete: string
  readonly deferrable: boolean
  readonly deferred: boolean
  /** A check's expression as the catalog prints it. */
  readonly expression: string | null
}

// conparentid <> 0 marks the copies PostgreSQL keeps for partitions (a foreign key to a
// partitioned table gets one per partition, on the referencing table).
export const CONSTRAINTS_SQL = `${TABLES}
SELECT t.schema, t.name AS table, c.conname::text AS name, c.contype::text AS type,
  ${keyNames('c.conkey', 'c.conrelid')} AS columns,
  rn.nspname::text AS referenced_schema, r.relname::text AS referenced_table,
  ${keyNames('c.confkey', 'c.confrelid')} AS referenced_columns,
  c.confupdtype::text AS on_update, c.confdeltype::text AS on_delete,
  c.condeferrable AS deferrable, c.condeferred AS deferred,
  CASE WHEN c.contype = 'c' THEN pg_catalog.pg_get_expr(c.conbin, c.conrelid) END AS expression
FROM tables t
JOIN pg_catalog.pg_constraint c ON c.conrelid = t.oid
LEFT JOIN pg_catalog.pg_class r ON r.oid = c.confrelid
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
WHERE c.contype IN ('p', 'u', 'f', 'c') AND c.conparentid = 0`

export interface IndexRow {
  readonly schema: string
  readonly table: string
  readonly name: string
  readonly unique: boolean
  readonly method: string
  /**
   * `pg_get_indexdef`: the whole `CREATE INDEX` statement; null for an index of plain
   * columns (whose items are exactly `key_columns`).
   */
  readonly definition: string | null
  /** Per key column: its name, or '' for an expression. */
  readonly key_columns: unknown
  readonly predicate: string | null
}

/**
 * The operator class PostgreSQL takes for a column of type `ty` in an index of access
 * method `p.am` when none is named, as GetDefaultOpClass chooses it: the default class
 * of the type itself, else the one default class the type converts to without a
 * function (preferring its category's preferred type). NULL when that is not certain
 * here (domains, arrays, enums, ranges, ties): the index then goes to pg_get_indexdef.
 */
const DEFAULT_OPCLASS = `(
    SELECT CASE
      WHEN count(*) FILTER (WHERE d.exact) > 0 THEN
        CASE WHEN count(*) FILTER (WHERE d.exact) = 1 THEN max(d.oid) FILTER (WHERE d.exact) END
      WHEN count(*) FILTER (WHERE d.preferred) = 1 THEN max(d.oid) FILTER (WHERE d.preferred)
      WHEN count(*) FILTER (WHERE d.preferred) = 0 AND count(*) = 1 THEN max(d.oid)
    END
    FROM (
      SELECT o.oid, o.opcintype = ty.oid AS exact,
        ot.typispreferred AND ot.typcategory = ty.typcategory AS preferred
      FROM pg_catalog.pg_opclass o
      JOIN pg_catalog.pg_type ot ON ot.oid = o.opcintype
      WHERE o.opcmethod = p.am AND o.opcdefault AND (
        o.opcintype = ty.oid
        OR (ty.typtype = 'b' AND ty.typelem = 0 AND ty.typcategory <> 'A' AND (
          ot.typname IN ('any', 'anyelement', 'anynonarray', 'anycompatible', 'anycompatiblenonarray')
          OR EXISTS (
            SELECT 1 FROM pg_catalog.pg_cast c
            WHERE c.castsource = ty.oid AND c.casttarget = o.opcintype
              AND c.castmethod = 'b' AND c.castcontext = 'i'
          )
        ))
      )
    ) d
  )`

// Indexes that back a primary key, unique or exclusion constraint belong to the
// constraint and are not reported as indexes.
//
// pg_get_indexdef opens the table (on a fresh connection, building its cache entry: most
// of the query's time), so it is asked only for the indexes with a key item that is more
// than a column's name (`special`): an expression, DESC or NULLS FIRST, a collation or an
// operator class other than the column's own, operator class options. The items of every
// other index are its key columns, as pg_get_indexdef would print them. The default
// operator classes are worked out once per column type and access method (`defaults`).
export const INDEXES_SQL = `${TABLES},
indexes AS (
  SELECT t.schema, t.name AS table_name, i.*, ic.relname::text AS index_name, ic.relam AS am
  FROM tables t
  JOIN pg_catalog.pg_index i ON i.indrelid = t.oid
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  WHERE NOT EXISTS (
    SELECT 1 FROM pg_catalog.pg_constraint c
    WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x')
  )
),
keys AS (
  SELECT x.indexrelid, x.am, a.attnum, a.atttypid, a.attcollation, ia.attoptions,
    k.key_opclass, k.key_option, k.key_collation
  FROM indexes x
  CROSS JOIN LATERAL unnest(x.indkey::int2[], x.indclass::oid[], x.indoption::int2[],
    x.indcollation::oid[]) WITH ORDINALITY
    AS k(key_attnum, key_opclass, key_option, key_collation, key_position)
  LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.key_attnum
  LEFT JOIN pg_catalog.pg_attribute ia
    ON ia.attrelid = x.indexrelid AND ia.attnum = k.key_position
  WHERE k.key_position <= x.indnkeyatts
),
defaults AS (
  SELECT p.type, p.am, ${DEFAULT_OPCLASS} AS opclass
  FROM (SELECT DISTINCT atttypid AS type, am FROM keys WHERE atttypid IS NOT NULL) p
  JOIN pg_catalog.pg_type ty ON ty.oid = p.type
),
special AS (
  SELECT DISTINCT k.indexrelid
  FROM keys k
  LEFT JOIN defaults d ON d.type = k.atttypid AND d.am = k.am
  WHERE k.attnum IS NULL OR k.key_option <> 0
    OR (k.key_collation <> 0 AND k.key_collation <> k.attcollation)
    OR k.attoptions IS NOT NULL OR k.key_opclass IS DISTINCT FROM d.opclass
)
SELECT x.schema, x.table_name AS table, x.index_name AS name, x.indisunique AS unique,
  am.amname::text AS method,
  CASE WHEN s.indexrelid IS NOT NULL THEN pg_catalog.pg_get_indexdef(x.indexrelid) END AS definition,
  ARRAY(
    SELECT COALESCE(a.attname::text, '')
    FROM generate_series(0, x.indnkeyatts - 1) AS k(position)
    LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[k.position]
    ORDER BY k.position
  ) AS key_columns,
  pg_catalog.pg_get_expr(x.indpred, x.indrelid) AS predicate
FROM indexes x
JOIN pg_catalog.pg_am am ON am.oid = x.am
LEFT JOIN special s ON s.indexrelid = x.indexrelid`

export interface EnumRow {
  readonly schema: string
  readonly name: string
  readonly labels: unknown
  /** Owned by an extension: used by columns, never reported as the database's own. */
  readonly extension: boolean
}

// Every enum of the database, not only those of the requested schemas: a column may use
// an enum from another schema, and its type needs the values.
export const ENUMS_SQL = `SELECT n.nspname::text AS schema, t.typname::text AS name,
  ARRAY(
    SELECT e.enumlabel::text FROM pg_catalog.pg_enum e
    WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder
  ) AS labels,
  EXISTS (
    SELECT 1 FROM pg_catalog.pg_depend d
    WHERE d.classid = 'pg_catalog.pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
  ) AS extension
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e'`
