import { readFileSync } from 'node:fs'
import type { Font } from 'fontkit'
import * as fontkit from 'fontkit'

/**
 * The Chinese font the resume PDF embeds: Noto Sans SC (SIL OFL 1.1) as full TrueType files from
 * the npm package `@expo-google-fonts/noto-sans-sc` (a production dependency). Vercel's functions
 * have no system fonts, so the font travels with the code: the paths are written as literal
 * `require.resolve` calls, which Vercel's file tracing (nft) follows, so exactly these two files
 * (about 10.5 MB each) are copied into the function bundle, and they are found in node_modules at
 * run time wherever the code runs (dev server, tests, Vercel).
 *
 * Why this package: it ships the whole font (30,890 characters: GB 18030's common ideographs and
 * rarer name characters such as 玙 昳 䶮 龑 堉), while @fontsource/noto-sans-sc splits the font
 * by unicode-range or ships a "chinese-simplified" subset of about 7,900 characters that lacks
 * several characters of real names. pdfkit (through fontkit) subsets the font on embedding, so a
 * resume carries only the glyphs it uses.
 */
export const FONT_REGULAR = require.resolve(
  '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
)
export const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')

let loaded: { regular: Font; bold: Font } | undefined

/**
 * The two fonts, parsed once per process: fontkit decodes a table (the 30,000-entry glyph
 * metrics and locations, the character map) the first time it is used and keeps it, so a warm
 * function renders a resume without decoding 20 MB of font again. pdfkit takes the parsed font
 * as is and makes a fresh subset per document.
 */
export function resumeFonts(): { regular: Font; bold: Font } {
  loaded ??= { regular: open(FONT_REGULAR), bold: open(FONT_BOLD) }
  return loaded
}

function open(file: string): Font {
  const font = fontkit.create(readFileSync(file))
  if (!('layout' in font)) throw new Error(`${file} is a font collection, not a font`)
  return font
}
