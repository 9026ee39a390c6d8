/** Text rendering of a replay report and of progress (bar on a terminal, plain lines otherwise). */
import type { ReplayProgress, ReplayReport } from './run.js';
import type { RangeBound, ReplaySelection } from './selection.js';

const n = (x: number): string => x.toLocaleString('en-US');

function bound(b: RangeBound): string {
  if (b.kind === 'time') return b.at;
  if (b.all !== undefined) return `offset ${b.all}`;
  return `offsets ${Object.entries(b.perPartition ?? {})
    .map(([p, o]) => `${p}:${o}`)
    .join(',')}`;
}

export function describeSelection(s: ReplaySelection): string {
  const parts = [`${bound(s.from)} .. ${bound(s.to)}`];
  if (s.standard) parts.push(`standard ${s.standard}`);
  if (s.bericht) parts.push(`bericht ${s.bericht}`);
  if (s.gemeente) parts.push(`gemeente ${s.gemeente}`);
  if (s.aanbieder) parts.push(`aanbieder ${s.aanbieder}`);
  if (s.decision) parts.push(`decision ${s.decision}`);
  return parts.join(', ');
}

export function formatReport(r: ReplayReport, opts: { maxLines?: number } = {}): string {
  const c = r.counts;
  const lines = [
    `Replay ${r.dryRun ? 'DRY-RUN' : 'run'} ${r.runId} from the ${r.source}, by ${r.operator}`,
    `selection: ${describeSelection(r.selection)}`,
    ...(r.rulesDate ? [`rules: as in force on ${r.rulesDate} (Europe/Amsterdam)`] : []),
    ...(r.registry ? [`registry: the stored version ${r.registry.versie}, in force at ${r.registry.asOf}`] : []),
    `selected ${n(c.selected)}  unchanged ${n(c.unchanged)}  changed ${n(c.changed)}${r.dryRun ? '' : `  re-delivered ${n(c.redelivered)}`}  skipped ${n(c.skipped)}  errors ${n(c.errors)}`,
  ];
  const transitions = Object.entries(c.byTransition).sort((a, b) => b[1] - a[1]);
  if (transitions.length > 0) {
    lines.push(r.dryRun ? 'would change:' : 'changed:');
    for (const [t, k] of transitions) lines.push(`  ${t.padEnd(18)} ${n(k)}`);
  }
  const max = opts.maxLines ?? 200;
  if (r.changes.length > 0) {
    lines.push(r.dryRun ? 'per bericht (nothing was changed):' : 'per bericht:');
    for (const ch of r.changes.slice(0, max)) {
      const re = ch.redelivered === true ? ' [re-delivered]' : '';
      lines.push(`  ${ch.berichtId}  ${ch.bericht} ${ch.sender}→${ch.ontvanger}  ${ch.receivedAt.slice(0, 19)}Z  ${ch.text}${re}`);
    }
    if (r.changes.length > max) lines.push(`  … ${n(r.changes.length - max)} more (use --json for all)`);
  }
  const secs = (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000;
  lines.push(`took ${secs.toFixed(1)} s${secs > 0 ? ` (${n(Math.round(c.selected / secs))} berichten/s)` : ''}`);
  return `${lines.join('\n')}\n`;
}

/** One progress rendering: a bar (TTY, carriage return) or a plain line (logs). */
export function formatProgress(p: ReplayProgress, tty: boolean): string {
  const rate = p.elapsedMs > 0 ? Math.round((p.done / p.elapsedMs) * 1000) : 0;
  if (tty && p.total !== undefined && p.total > 0) {
    const frac = Math.min(1, p.done / p.total);
    const width = 30;
    const full = Math.round(frac * width);
    return `\r[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(frac * 100).toFixed(0).padStart(3)}% ${n(p.done)}/${n(p.total)} changed ${n(p.changed)} · ${n(rate)}/s`;
  }
  const of = p.total !== undefined ? `/${n(p.total)}` : '';
  return `replay: ${n(p.done)}${of} done, ${n(p.changed)} changed, ${n(p.redelivered)} re-delivered, ${n(rate)}/s\n`;
}
