import { bodyParagraphs, chance, int, links, logSnippets, pick, sample, type Rnd, type Topic } from '../seed-words.ts';

/**
 * Rich HTML descriptions for seeded tickets, as agents and customers write them in Zendesk: paragraphs,
 * and sometimes a list, a link, a code block or a table.
 */

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STEPS = [
  'Open the service start page',
  'Sign in with my usual account',
  'Fill in the first page of the form',
  'Press Continue',
  'Upload the supporting document',
  'Wait for the confirmation page',
];

const METRICS: readonly [string, string, string][] = [
  ['Error rate', '5.8%', '1%'],
  ['p95 latency', '4.2 s', '1.5 s'],
  ['Disk used', '92%', '85%'],
  ['Healthy targets', '0 of 3', '2 of 3'],
];

export function descriptionHtml(rnd: Rnd, topic: Topic): string {
  const parts = bodyParagraphs(rnd, topic).map((p) => `<p>${esc(p)}</p>`);
  if (chance(rnd, 0.35)) {
    const steps = sample(rnd, STEPS, int(rnd, 2, 4));
    parts.splice(1, 0, `<p>Steps to reproduce:</p><ol>${steps.map((s) => `<li>${esc(s)}</li>`).join('')}</ol>`);
  }
  if (topic === 'monitoring' || topic === 'outage' || topic === 'vulnerability' ? chance(rnd, 0.6) : chance(rnd, 0.15)) {
    parts.push(`<pre><code>${esc(pick(rnd, logSnippets))}</code></pre>`);
  }
  if (topic === 'monitoring' ? chance(rnd, 0.5) : chance(rnd, 0.08)) {
    const rows = sample(rnd, METRICS, int(rnd, 2, 3))
      .map(([m, v, t]) => `<tr><td>${esc(m)}</td><td>${esc(v)}</td><td>${esc(t)}</td></tr>`)
      .join('');
    parts.push(`<table><thead><tr><th>Metric</th><th>Value</th><th>Threshold</th></tr></thead><tbody>${rows}</tbody></table>`);
  }
  if (chance(rnd, 0.3)) {
    const l = pick(rnd, links);
    parts.push(`<p>See the <a href="${esc(l.href)}">${esc(l.text)}</a>.</p>`);
  }
  if (chance(rnd, 0.2)) parts.push('<ul><li>Browser: Edge</li><li>Device: work laptop</li></ul>');
  return parts.join('');
}

/** A short comment, sometimes with emphasis or a list, as HTML. */
export function commentHtml(rnd: Rnd, sentence: string): string {
  if (chance(rnd, 0.15)) return `<p>${esc(sentence)}</p><ul><li>Reference: ABC-${int(rnd, 1000, 9999)}</li><li>Checked: <strong>yes</strong></li></ul>`;
  return `<p>${esc(sentence)}</p>`;
}
