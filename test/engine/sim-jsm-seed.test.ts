import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/simulators/clock.ts';
import { JsmSimulator, type AdfDoc } from '../../src/simulators/jsm/index.ts';
import { statuses } from '../../src/simulators/jsm/universe.ts';

const NOW = Date.UTC(2024, 5, 3, 14, 0);
class FrozenClock extends SimClock {
  override now(): number {
    return NOW;
  }
}

const seeded = (seed: number, n = 60) => {
  const sim = new JsmSimulator({ seed, clock: new FrozenClock() });
  sim.seed(n);
  return sim;
};

const snapshot = (sim: JsmSimulator) =>
  sim.issues().map((i) => ({ ...i, comments: sim.comments(i.id).map((c) => ({ body: c.body, public: c.public, created: c.created, author: c.authorId })) }));

function nodeTypes(doc: AdfDoc | null): Set<string> {
  const out = new Set<string>();
  const walk = (n: { type: string; content?: unknown[]; marks?: { type: string }[] }) => {
    out.add(n.type);
    for (const m of n.marks ?? []) out.add(`mark:${m.type}`);
    for (const c of n.content ?? []) walk(c as never);
  };
  if (doc) walk(doc as never);
  return out;
}

describe('JSM simulator seeding', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(snapshot(seeded(11))).toEqual(snapshot(seeded(11)));
    expect(snapshot(seeded(12)).map((i) => i.summary)).not.toEqual(snapshot(seeded(11)).map((i) => i.summary));
  });

  it('covers every request type and workflow status, with Impact on every incident report', () => {
    const issues = seeded(5, 20).issues();
    expect(new Set(issues.map((i) => i.requestTypeId))).toEqual(new Set(['10', '11', '12', '13']));
    expect(new Set(issues.map((i) => i.status))).toEqual(new Set(statuses.map((s) => s.name)));
    expect(issues.filter((i) => i.requestTypeId === '11').every((i) => i.impact !== null)).toBe(true);
    expect(issues.filter((i) => i.requestTypeId === '10').every((i) => i.impact === null)).toBe(true);
    expect(new Set(issues.map((i) => i.priorityId)).size).toBeGreaterThanOrEqual(4);
  });

  it('writes ADF descriptions with paragraphs, lists, code blocks, links and tables', () => {
    const types = new Set(seeded(9).issues().flatMap((i) => [...nodeTypes(i.description)]));
    for (const t of ['paragraph', 'bulletList', 'codeBlock', 'table', 'mark:link', 'mark:strong']) expect(types).toContain(t);
  });

  it('adds 0–5 comments mixing public and internal, all in the past and in order', () => {
    const sim = seeded(21);
    const counts = sim.issues().map((i) => sim.comments(i.id).length);
    expect(Math.min(...counts)).toBe(0);
    expect(Math.max(...counts)).toBe(5);
    const all = sim.issues().flatMap((i) => sim.comments(i.id));
    expect(all.some((c) => c.public)).toBe(true);
    expect(all.some((c) => !c.public)).toBe(true);
    for (const i of sim.issues()) {
      const cs = sim.comments(i.id);
      expect(i.created).toBeLessThan(NOW);
      expect(i.updated).toBeLessThan(NOW);
      expect(i.updated).toBeGreaterThanOrEqual(Math.max(i.created, ...cs.map((c) => c.created)));
      expect(cs.map((c) => c.created)).toEqual([...cs.map((c) => c.created)].sort((a, b) => a - b));
      expect(i.resolvedAt !== null).toBe(i.status === 'Resolved' || i.status === 'Closed');
    }
  });

  it('keeps numbering going when seeded twice', () => {
    const sim = seeded(2, 3);
    sim.seed(2);
    expect(sim.issues().map((i) => i.key)).toEqual(['HELP-1', 'HELP-2', 'HELP-3', 'HELP-4', 'HELP-5']);
    expect(sim.issues().map((i) => i.id)).toEqual(['10001', '10002', '10003', '10004', '10005']);
  });
});
