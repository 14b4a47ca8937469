import type {
  DestinationCategory,
  DestinationDefinitionsResponse,
  DestinationField,
} from '../../../src/contracts/destinations'
import type { Db } from '../db/tx'

/**
 * The definitions of the destination categories (app.destination_categories → fields → proofs,
 * 20261202000820_destinations.sql): one query, read by the definitions route, the save path (which
 * builds its zod schema from them) and the workbench's renderer of a destination.
 */
export async function loadDefinitions(db: Db): Promise<DestinationDefinitionsResponse> {
  const { rows } = await db.query<{ c: DestinationCategory }>(
    `select jsonb_build_object(
       'code', c.code, 'group', c.grp, 'label', c.label, 'nationalCode', c.national_code,
       'blocksSigning', c.blocks_signing, 'employed', c.employed,
       'fields', coalesce((select jsonb_agg(jsonb_build_object('field', f.field, 'label', f.label, 'input', f.input,
           'required', f.required, 'options', f.options, 'maxLength', f.max_length) order by f.sort)
         from app.destination_fields f where f.category = c.code), '[]'::jsonb),
       'proofs', coalesce((select jsonb_agg(jsonb_build_object('proof', p.proof, 'label', p.label,
           'required', p.required) order by p.sort)
         from app.destination_proofs p where p.category = c.code), '[]'::jsonb)) as c
     from app.destination_categories c order by c.sort`,
  )
  return { categories: rows.map((r) => r.c) }
}

export async function categoryOf(db: Db, code: string): Promise<DestinationCategory | null> {
  return (await loadDefinitions(db)).categories.find((c) => c.code === code) ?? null
}

/** A value as a person reads it: a select's label, else the value. */
export function displayValue(f: DestinationField | undefined, v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null
  const s = String(v)
  return f?.options?.find((o) => o.value === s)?.label ?? s
}
