// Foreign keys as MySQL/InnoDB keeps them: RESTRICT is NO ACTION, and the index InnoDB
// makes for a key (which introspection leaves out) goes when the key goes.
import { describe, expect, it } from 'vitest'
import { mysqlLike, pgLike } from './support/fake-dialect.js'
import { column, fk, id, schema, table } from './support/models.js'
import { compare } from './support/round-trip.js'

const innodb = {
  ...mysqlLike,
  capabilities: { ...mysqlLike.capabilities, foreignKeysNeedIndex: true, restrictIsNoAction: true },
}
const users = table('users', [id()])
const posts = (key: Parameters<typeof fk>[2] | null, indexes = false) =>
  table('posts', [id(), column('author_id', 'integer', { nullable: false })], {
    foreignKeys: key === null ? [] : [fk(['author_id'], 'users', key)],
    indexes: indexes ? [{ name: 'ix_posts_author', columns: ['author_id'], unique: false }] : [],
  })

describe('foreign keys on InnoDB', () => {
  it('counts restrict as no action (the catalog shows neither)', async () => {
    const model = schema([users, posts({ name: 'fk_posts_author', onDelete: 'restrict' })])
    const database = schema([users, posts({ name: 'fk_posts_author' })])
    expect((await compare(model, database, innodb)).changes).toEqual([])
    // PostgreSQL tells them apart.
    expect((await compare(model, database, pgLike)).changes.map((c) => c.kind)).toEqual([
      'changeForeignKey',
    ])
  })

  it("drops the key's own index with the key when nothing else serves it", async () => {
    const result = await compare(
      schema([users, posts(null)]),
      schema([users, posts({ name: 'fk_posts_author' })]),
      innodb,
    )
    expect(result.upgrade).toEqual([
      {
        kind: 'dropConstraint',
        name: 'fk_posts_author',
        table: 'posts',
        type: 'foreignKey',
      },
      { kind: 'dropIndex', name: 'fk_posts_author', table: 'posts' },
    ])
    // The downgrade creates the key again; InnoDB makes its index again.
    expect(result.downgrade.map((operation) => operation.kind)).toEqual(['createForeignKey'])
  })

  it('leaves indexes alone when another index serves the key, or the name is generated', async () => {
    const served = await compare(
      schema([users, posts(null, true)]),
      schema([users, posts({ name: 'fk_posts_author' }, true)]),
      innodb,
    )
    expect(served.upgrade.map((operation) => operation.kind)).toEqual(['dropConstraint'])
    const generated = await compare(
      schema([users, posts(null)]),
      schema([users, posts({ name: 'posts_ibfk_1' })]),
      innodb,
    )
    expect(generated.upgrade.map((operation) => operation.kind)).toEqual(['dropConstraint'])
  })
})
