import { z } from 'zod';

/** The two systems deskbridge joins. */
export const SystemName = z.enum(['zendesk', 'jsm']);
export type SystemName = z.infer<typeof SystemName>;

export const otherSystem = (s: SystemName): SystemName => (s === 'zendesk' ? 'jsm' : 'zendesk');

/** Canonical statuses: every native status (Zendesk incl. custom statuses, JSM workflow statuses) maps onto one. */
export const CANONICAL_STATUSES = ['new', 'open', 'waiting_on_customer', 'on_hold', 'resolved', 'closed'] as const;
export const CanonicalStatus = z.enum(CANONICAL_STATUSES);
export type CanonicalStatus = z.infer<typeof CanonicalStatus>;

/** Canonical priorities (Zendesk's four; JSM's five names map onto them in config). */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

/** Support line: 1st (contact centre, triage), 2nd (incident resolution), 3rd (product teams). */
export const Line = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Line = z.infer<typeof Line>;
