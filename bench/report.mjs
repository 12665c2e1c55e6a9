// Helpers the benchmark sections share: medians and aligned tables.

/** The median of some numbers. */
export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Milliseconds for people: `12.3 ms`. */
export const ms = (value) => `${value.toFixed(1)} ms`

/** Seconds for people: `3.21 s`. */
export const seconds = (milliseconds) => `${(milliseconds / 1000).toFixed(2)} s`

/** Prints rows as an aligned table; the first row is the header. */
export const table = (rows) => {
  const widths = rows[0].map((_, column) =>
    Math.max(...rows.map((row) => String(row[column]).length)),
  )
  for (const [index, row] of rows.entries()) {
    console.log(
      row
        .map((cell, column) => String(cell).padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
    )
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '))
  }
}
