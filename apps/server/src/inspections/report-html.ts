import type { InspectionFinding, InspectionRunView } from '@portolan/api';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML text or attribute value: names from the cluster are anyone's input. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1f2328;background:#fff}
h1{font-size:1.4rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.meta{color:#57606a;margin:0 0 1rem}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}
.scores td.n{text-align:right;font-variant-numeric:tabular-nums}
.tag{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:12px;border:1px solid currentColor}
.failed.critical{color:#cf222e}.failed.warning{color:#9a6700}.failed.info{color:#0969da}.skipped{color:#57606a}.exempt{color:#8250df}
.why,.fix{color:#57606a;font-size:13px;margin-top:.2rem}
.object{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}
@media print{body{margin:0;font-size:11px}tr{break-inside:avoid}.tag{border:1px solid #000;color:#000!important}}
`;

const objectText = (object: InspectionFinding['object']) =>
  object
    ? `${object.kind ?? ''} ${object.namespace ? `${object.namespace}/` : ''}${object.name ?? ''}`.trim()
    : '';

function findingRow(finding: InspectionFinding): string {
  const tag = finding.status === 'failed' ? finding.severity : finding.status;
  return `<tr><td><span class="tag ${escapeHtml(finding.status)} ${escapeHtml(finding.severity)}">${escapeHtml(tag)}</span></td>
<td>${escapeHtml(finding.item)}<br><small>${escapeHtml(finding.level)}</small></td>
<td class="object">${escapeHtml(objectText(finding.object))}</td>
<td>${escapeHtml(finding.message)}${finding.why ? `<div class="why"><b>Why:</b> ${escapeHtml(finding.why)}</div>` : ''}${finding.fix ? `<div class="fix"><b>Fix:</b> ${escapeHtml(finding.fix)}</div>` : ''}</td></tr>`;
}

/** The report of one run as a page that stands alone: no script, no outside style, readable printed. */
export function reportHtml(run: InspectionRunView): string {
  const scores = run.scores ?? {};
  const levels = ['overall', 'cluster', 'node', 'workload'] as const;
  const scoreRows = levels
    .map((level) => {
      const score = scores[level];
      return score
        ? `<tr><td>${level}</td><td class="n">${score.score}</td><td class="n">${score.passed}</td><td class="n">${score.failed}</td><td class="n">${score.skipped}</td></tr>`
        : '';
    })
    .join('');
  const findings = run.findings ?? [];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Inspection ${escapeHtml(run.config)} of ${escapeHtml(run.cluster)}</title><style>${STYLE}</style></head>
<body>
<h1>Inspection ${escapeHtml(run.config)} of cluster ${escapeHtml(run.cluster)}</h1>
<p class="meta">Run ${escapeHtml(run.id)} · ${escapeHtml(run.state)} · started ${escapeHtml(run.startedAt)}${run.startedBy ? ` by ${escapeHtml(run.startedBy)}` : ` (${escapeHtml(run.trigger)})`}${run.durationMs === undefined ? '' : ` · took ${escapeHtml(Math.round(run.durationMs))} ms`}</p>
${run.error ? `<p><b>The run failed:</b> ${escapeHtml(run.error)}</p>` : ''}
<h2>Scores</h2>
<table class="scores"><thead><tr><th>Level</th><th>Score</th><th>Passed</th><th>Failed</th><th>Skipped</th></tr></thead><tbody>${scoreRows}</tbody></table>
<h2>Findings (${findings.length})</h2>
${run.hidden ? `<p class="meta">${escapeHtml(run.hidden)} finding(s) in namespaces you may not read are left out.</p>` : ''}
${findings.length === 0 ? '<p>No problem found.</p>' : `<table><thead><tr><th>Status</th><th>Item</th><th>Object</th><th>Finding</th></tr></thead><tbody>${findings.map(findingRow).join('\n')}</tbody></table>`}
</body></html>
`;
}
