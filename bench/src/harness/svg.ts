/**
 * The bar chart next to docs/benchmarks.md: one panel per throughput or heap
 * scenario, bars scaled to the panel's largest figure, coloured by role.
 */
import type { RowSummary, ScenarioSummary } from './aggregate.js';
import { heapPer, roleLabel, roleRank, si, times } from './format.js';
import type { RunReport } from './results-json.js';
import type { Role } from './types.js';

const WIDTH = 960;
const LABEL_W = 330;
const BAR_W = 400;
const BAR_H = 16;
const GAP = 5;
const TITLE_H = 26;
const PANEL_GAP = 14;

const COLOURS: Record<Role, string> = {
  subject: '#2563eb',
  floor: '#16a34a',
  peer: '#9ca3af',
  'peer-codegen': '#f59e0b',
};

/** Escapes text for SVG. */
function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function barLabel(summary: ScenarioSummary, row: RowSummary): string {
  const value = summary.scenario.kind === 'heap' ? `${row.value.median.toFixed(0)} bytes` : `${si(row.value.median)} ops/s`;
  return `${value} · ${times(row.ratio.median)}`;
}

/** One panel's SVG elements, drawn from `top`; returns them and the panel height. */
function panel(summary: ScenarioSummary, top: number): { svg: string[]; height: number } {
  const rows = [...summary.rows].sort((a, b) => roleRank(a.role) - roleRank(b.role));
  const max = Math.max(...rows.map((r) => r.value.median).filter(Number.isFinite), 1);
  const unit = summary.scenario.kind === 'heap' ? `bytes per ${heapPer(summary.scenario)}, lower is better` : 'ops/s, higher is better';
  const svg = [
    `<text x="10" y="${top + 17}" class="title">${esc(`${summary.scenario.title}`)}</text>`,
    `<text x="${WIDTH - 10}" y="${top + 17}" class="note" text-anchor="end">${esc(`${unit}; ratio to ${summary.scenario.baseline.label}`)}</text>`,
  ];
  rows.forEach((row, i) => {
    const y = top + TITLE_H + i * (BAR_H + GAP);
    const w = Number.isFinite(row.value.median) ? Math.max(1, (row.value.median / max) * BAR_W) : 0;
    svg.push(
      `<text x="${LABEL_W - 8}" y="${y + BAR_H - 4}" text-anchor="end">${esc(row.name)}</text>`,
      `<rect x="${LABEL_W}" y="${y}" width="${w.toFixed(1)}" height="${BAR_H}" fill="${COLOURS[row.role]}"><title>${esc(`${row.name} (${roleLabel(row.role)})`)}</title></rect>`,
      `<text x="${(LABEL_W + w + 6).toFixed(1)}" y="${y + BAR_H - 4}">${esc(barLabel(summary, row))}</text>`,
    );
  });
  return { svg, height: TITLE_H + rows.length * (BAR_H + GAP) + PANEL_GAP };
}

/** The whole chart for a run. */
export function chartSvg(report: RunReport): string {
  const heading = `@mesh benchmarks: ${report.mode === 'quick' ? 'QUICK run (indicative only)' : 'full run'}, Node ${report.machine.node}, ${report.machine.cpu} (${report.machine.cores} cores), ${report.date.slice(0, 10)}`;
  const body: string[] = [];
  let y = 62;
  for (const group of report.groups) {
    for (const summary of group.summaries) {
      if (summary.scenario.kind === 'scaling') continue;
      const { svg, height } = panel(summary, y);
      body.push(...svg);
      y += height;
    }
  }
  const legend = (Object.keys(COLOURS) as Role[]).map(
    (role, i) =>
      `<rect x="${10 + i * 200}" y="32" width="12" height="12" fill="${COLOURS[role]}"/><text x="${28 + i * 200}" y="42">${esc(role === 'subject' ? '@mesh (subject)' : roleLabel(role))}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${y}" viewBox="0 0 ${WIDTH} ${y}" font-family="system-ui, sans-serif" font-size="12">`,
    '<style>.title{font-weight:600;font-size:13px}.note{fill:#555;font-size:11px}</style>',
    `<rect width="${WIDTH}" height="${y}" fill="#fff"/>`,
    `<text x="10" y="20" class="title">${esc(heading)}</text>`,
    ...legend,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
