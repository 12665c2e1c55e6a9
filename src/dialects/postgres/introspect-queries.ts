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

export const COLUMNS_SQL = `${TABLES}
SELECT t.schema, t.name AS table, a.attname::text AS name,
  pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
  CASE WHEN ty.typtype = 'e' THEN tn.nspname::text END AS enum_schema,
  CASE WHEN ty.typtype = 'e' THEN ty.typname::text END AS enum_name,
  a.attnotnull AS not_null,
  pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) AS default,
  a.attidentity::text AS identity,
  a.attgenerated::text AS generated,
  CASE WHEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) LIKE 'nextval(%' THEN EXISTS (
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
  /** `pg_get_indexdef`: the whole `CREATE INDEX` statement. */
  readonly definition: string
  /** Per key column: its name, or '' for an expression. */
  readonly key_columns: unknown
  readonly predicate: string | null
}

// Indexes that back a primary key, unique or exclusion constraint belong to the
// constraint and are not reported as indexes.
export const INDEXES_SQL = `${TABLES}
SELECT t.schema, t.name AS table, ic.relname::text AS name, i.indisunique AS unique,
  am.amname::text AS method, pg_catalog.pg_get_indexdef(i.indexrelid) AS definition,
  ARRAY(
    SELECT COALESCE(a.attname::text, '')
    FROM generate_series(0, i.indnkeyatts - 1) AS k(position)
    LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.position]
    ORDER BY k.position
  ) AS key_columns,
  pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate
FROM tables t
JOIN pg_catalog.pg_index i ON i.indrelid = t.oid
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
WHERE NOT EXISTS (
  SELECT 1 FROM pg_catalog.pg_constraint c
  WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x')
)`

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
