// Revision sets for the verify tests: five revisions on a `users` table, and variants.
import type { RevisionSpec } from '../support/project.js'

/** The five revisions of a clean project; `third` replaces parts of revision r3. */
export function fiveRevisions(third: Partial<RevisionSpec> = {}): RevisionSpec[] {
  return [
    {
      id: 'r1',
      message: 'create users',
      upgrade:
        "await op.createTable('users', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'name', type: 'varchar(100)' }])",
      downgrade: "await op.dropTable('users')",
    },
    {
      id: 'r2',
      down: 'r1',
      message: 'add email',
      upgrade: "await op.addColumn('users', { name: 'email', type: 'varchar(200)' })",
      downgrade: "await op.dropColumn('users', 'email')",
    },
    {
      id: 'r3',
      down: 'r2',
      message: 'index email',
      upgrade: "await op.createIndex('ix_users_email', 'users', ['email'])",
      downgrade: "await op.dropIndex('ix_users_email', { table: 'users' })",
      ...third,
    },
    {
      id: 'r4',
      down: 'r3',
      message: 'create posts',
      upgrade:
        "await op.createTable('posts', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'title', type: 'text' }])",
      downgrade: "await op.dropTable('posts')",
    },
    {
      id: 'r5',
      down: 'r4',
      message: 'add age',
      upgrade: "await op.addColumn('users', { name: 'age', type: 'integer' })",
      downgrade: "await op.dropColumn('users', 'age')",
    },
  ]
}

/** r3's downgrade forgets its index. */
export const FORGETS_INDEX: Partial<RevisionSpec> = { downgrade: '// forgot the index' }

/** r3 adds a column and its downgrade forgets it. */
export const FORGETS_COLUMN: Partial<RevisionSpec> = {
  message: 'add nickname',
  upgrade: "await op.addColumn('users', { name: 'nickname', type: 'varchar(50)' })",
  downgrade: '// forgot the column',
}
