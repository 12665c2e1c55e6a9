import { describe, expect, it } from 'vitest'
import { MigrationCreationError } from '../../src/errors.js'
import { slugify } from '../../src/script/slug.js'

// Expected values computed with Alembic's rule in Python 3.11:
//   slug = "_".join(re.findall(r"\w+", message)).lower()
//   if len(slug) > n: slug = slug[:n].rsplit("_", 1)[0] + "_"
describe('slugify', () => {
  it.each([
    ['Add users table', 40, 'add_users_table'],
    [
      'add a column to the accounts table for billing purposes',
      40,
      'add_a_column_to_the_accounts_table_for_',
    ],
    ['Add index on users.email (unique!)', 40, 'add_index_on_users_email_unique'],
    ['rev with -- dashes & ampersands', 40, 'rev_with_dashes_ampersands'],
    ['', 40, ''],
    ['!!!', 40, ''],
    ['  leading and trailing  ', 40, 'leading_and_trailing'],
    ['Ünïcödé Straße café', 40, 'ünïcödé_straße_café'],
    ['数据库 迁移 テーブル', 40, '数据库_迁移_テーブル'],
    ['snake_case_already here', 40, 'snake_case_already_here'],
    ['a'.repeat(50), 40, `${'a'.repeat(40)}_`],
    [
      'abcdefghij klmnopqrstuvwxyz0123456789 tail end',
      40,
      'abcdefghij_klmnopqrstuvwxyz0123456789_',
    ],
    ['one two three four five', 10, 'one_two_'],
    ['one two three four five', 7, 'one_'],
    ['one two three', 3, 'one_'],
    ['ΟΔΟΣ ΣΟΦΙΑΣ', 40, 'οδος_σοφιας'],
    ['emoji 🚀 launch', 40, 'emoji_launch'],
    ['x²³ ½ Ⅻ', 40, 'x²³_½_ⅻ'],
    ['cafe\u0301 au lait', 40, 'cafe_au_lait'],
    ['İstanbul', 40, 'i\u0307stanbul'],
    ['𝐀𝐁𝐂 math letters long long long long long', 20, '𝐀𝐁𝐂_math_letters_'],
    ['tab\tseparated\nnew line', 40, 'tab_separated_new_line'],
    ['add_column__double', 40, 'add_column__double'],
    ['exactly forty characters long message xx', 40, 'exactly_forty_characters_long_message_xx'],
  ])('%j (length %i) -> %j', (message, length, expected) => {
    expect(slugify(message, length)).toBe(expected)
  })

  it('defaults to 40 characters', () => {
    expect(slugify('add a column to the accounts table for billing purposes')).toBe(
      'add_a_column_to_the_accounts_table_for_',
    )
  })

  it.each([0, -1, 1.5, Number.NaN])('rejects truncateSlugLength %d', (length) => {
    expect(() => slugify('x', length)).toThrow(MigrationCreationError)
  })
})
