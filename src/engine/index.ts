/** The sync engine: pure planning (canonical values, three-way diff, ops) and its execution. */
export {
  SYSTEM_LABEL,
  canonicalGroup,
  canonicalPriority,
  canonicalStatus,
  canonicalTags,
  nativeGroup,
  nativePriority,
  nativeStatus,
  toCanonical,
  type CanonicalTicket,
  type Mapped,
  type Unmappable,
} from './canonical.ts';
export { allowsFrom, decideField, type FieldDecision, type FieldInput, type SideState } from './decide.ts';
export { fieldFingerprint, fieldSpecs, stableJson, ticketFingerprints, type FieldSpec } from './fingerprint.ts';
export { describeOp, isRemoteWrite, type Op } from './ops.ts';
export type {
  BaseOp,
  ClosedTicketOp,
  CommentMapOp,
  CommentOp,
  ConflictOp,
  CreateOp,
  DeadLetterOp,
  DeletedOp,
  LinkOp,
  StampOp,
  UpdateOp,
} from './ops.ts';
export { planTicket, sideHasNews, type NewsInput, type PlanInput } from './plan.ts';
export { scopeVerdict, createsFrom, type ScopeVerdict } from './scope.ts';
export { applyOps, ConnectionStopped, type ApplyOptions, type ApplyOutcome } from './apply.ts';
export type { ApplyEnv, EngineSystem } from './apply-env.ts';
export { processItem, type ItemResult, type ProcessContext } from './process.ts';
export { recoverCreateIntents, type RecoveredIntent } from './recover.ts';
export {
  planConnection,
  replayDeadLetter,
  syncConnection,
  type ConnectionPlan,
  type PlannedTicket,
  type ReplayResult,
  type SyncDeps,
  type SyncProgress,
} from './run.ts';
export { SummaryBuilder, apiCallsSince, readApiCalls, type MetricsSource, type SyncSummary } from './summary.ts';
