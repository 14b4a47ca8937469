/** A nullable timestamp column as the contracts send it. */
export const iso = (d: Date | null): string | null => d?.toISOString() ?? null
