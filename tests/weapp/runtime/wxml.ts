/**
 * What a student sees of a Taro page: Taro 4's weapp output renders every page through the generic
 * templates of `base.wxml` (`tmpl_0_<nn>`), driven by the page data tree `root.cn` (nodes with `nn`,
 * the compressed element name, `sid`, `cl` classes, `v` text, `pN` attributes and `cn` children).
 * This reads each template's element, which `pN` feeds which attribute and which events it binds
 * (`bind<event>="eh"`), and walks the data tree with that, so a name or attribute Taro renames in a
 * later version is read from the build instead of being guessed here.
 */

export interface TemplateInfo {
  /** the WXML element the template renders (`view`, `text`, `button`, `input`…); `#text` for text */
  tag: string
  /** attribute name → data key (`value` → `p25`) */
  attrs: Record<string, string>
  /** events bound to Taro's handler: `tap`, `input`, `change`… */
  events: string[]
  /** those of them bound with `catch<event>`: WeChat stops their bubbling at this element */
  catches: string[]
}

export interface RenderedNode {
  tag: string
  sid: string
  classes: string[]
  /** the text of a text node */
  value?: string
  attrs: Record<string, unknown>
  events: string[]
  /** events this element catches (`catchtouchmove`): they bubble no further */
  catches: string[]
  children: RenderedNode[]
  parent: RenderedNode | null
}

/** Template name → what it renders, for every `tmpl_0_<nn>` of base.wxml (depth 0 holds every kind). */
export function parseBaseTemplates(baseWxml: string): Map<string, TemplateInfo> {
  const out = new Map<string, TemplateInfo>()
  const re = /<template name="tmpl_0_([0-9]+(?:_focus)?)">\s*([\s\S]*?)<\/template>/g
  for (const m of baseWxml.matchAll(re)) {
    const [, name, body] = m as unknown as [string, string, string]
    if (body.startsWith('<block>{{i.v}}</block>')) {
      out.set(name, { tag: '#text', attrs: {}, events: [], catches: [] })
      continue
    }
    const open = /^<([a-z-]+)\s([^>]*)>/.exec(body)
    if (!open) continue // a dispatcher (`<template is=…>`), resolved through its `_focus` variant
    const [, tag, attrText] = open as unknown as [string, string, string]
    const attrs: Record<string, string> = {}
    const events: string[] = []
    const catches: string[] = []
    for (const a of attrText.matchAll(/([a-z:-]+)="([^"]*)"/g)) {
      const [, attr, expr] = a as unknown as [string, string, string]
      const bind = /^(bind|catch)([a-z]+)$/.exec(attr)
      if (bind && expr === 'eh') {
        events.push(bind[2]!)
        if (bind[1] === 'catch') catches.push(bind[2]!)
        continue
      }
      const key = /\bi\.(p[0-9]+)\b/.exec(expr)
      if (key) attrs[attr] = key[1]!
    }
    out.set(name.replace(/_focus$/, ''), {
      tag,
      attrs,
      events: [...new Set(events)],
      catches: [...new Set(catches)],
    })
  }
  return out
}

interface DataNode {
  nn?: string
  sid?: string
  cl?: string
  v?: string
  cn?: DataNode[]
  [key: string]: unknown
}

/** Builds the rendered tree of a page's `data.root`; an unknown `nn` throws (the build changed). */
export function renderTree(root: unknown, templates: Map<string, TemplateInfo>): RenderedNode {
  const top: RenderedNode = {
    tag: 'page',
    sid: '',
    classes: [],
    attrs: {},
    events: [],
    catches: [],
    children: [],
    parent: null,
  }
  const walk = (nodes: DataNode[] | undefined, parent: RenderedNode) => {
    for (const n of nodes ?? []) {
      if (!n || typeof n !== 'object') continue
      const t = templates.get(String(n.nn))
      if (!t) throw new Error(`page data has a node nn=${String(n.nn)} that base.wxml has no template for`)
      const attrs: Record<string, unknown> = {}
      for (const [attr, key] of Object.entries(t.attrs)) if (n[key] !== undefined) attrs[attr] = n[key]
      const node: RenderedNode = {
        tag: t.tag,
        sid: String(n.sid ?? ''),
        classes: typeof n.cl === 'string' ? n.cl.split(/\s+/).filter(Boolean) : [],
        value: t.tag === '#text' ? String(n.v ?? '') : undefined,
        attrs,
        events: t.events,
        catches: t.catches,
        children: [],
        parent,
      }
      parent.children.push(node)
      walk(n.cn, node)
    }
  }
  walk((root as DataNode | undefined)?.cn, top)
  return top
}

/**
 * The text a student reads, one line per `<text>` (its text nodes and nested texts joined) and per
 * block's loose text; inputs show their value (or placeholder, in brackets). Lines, not one run: our
 * styles set most texts apart, and a test reads `label\nvalue` more surely than a glued string.
 */
export function textOf(node: RenderedNode): string {
  const lines: string[] = []
  let run = ''
  const flush = () => {
    if (run.trim()) lines.push(run.trim())
    run = ''
  }
  const visit = (n: RenderedNode) => {
    if (n.tag === '#text') {
      run += n.value ?? ''
      return
    }
    if (n.tag === 'input' || n.tag === 'textarea') {
      flush()
      const v = n.attrs.value
      if (v !== undefined && v !== '') lines.push(String(v))
      else if (n.attrs.placeholder) lines.push(`[${String(n.attrs.placeholder)}]`)
      return
    }
    if (n.tag === 'text' && n.parent?.tag === 'text') {
      for (const c of n.children) visit(c)
      return
    }
    flush()
    for (const c of n.children) visit(c)
    flush()
  }
  visit(node)
  flush()
  return lines.join('\n')
}

/** Every node under `node` (itself included), depth first. */
export function allNodes(node: RenderedNode): RenderedNode[] {
  const out: RenderedNode[] = [node]
  for (const c of node.children) out.push(...allNodes(c))
  return out
}

/**
 * Nodes matching a small selector: `.class`, `tag`, `tag.class`, `.a.b`, and descendants separated
 * by spaces (`.e2e-bind-name input`).
 */
export function queryAll(root: RenderedNode, selector: string): RenderedNode[] {
  const parts = selector.trim().split(/\s+/)
  const matches = (n: RenderedNode, part: string) => {
    const m = /^([a-z#-]*)((?:\.[\w-]+)*)$/.exec(part)
    if (!m) throw new Error(`unsupported selector part: ${part}`)
    const [, tag, cls] = m as unknown as [string, string, string]
    if (tag && n.tag !== tag) return false
    return cls
      .split('.')
      .filter(Boolean)
      .every((c) => n.classes.includes(c))
  }
  let current = [root]
  for (const part of parts) {
    const next = new Set<RenderedNode>()
    for (const base of current)
      for (const n of allNodes(base)) if (n !== base && matches(n, part)) next.add(n)
    current = [...next]
  }
  return current
}
