/** Exit codes, documented in the README (a module of its own: `parindex --help` loads nothing else). */
export const EXIT = {
  ok: 0,
  /** `check`: the data contradicts a printed figure (an error-severity finding). */
  findings: 1,
  usage: 2,
  invalidData: 3,
  notFound: 4,
} as const;
