export * from './schema.ts';
export { parseConfigText, loadConfigFile, loadRuntimeConfig, type LoadResult, type LoadOptions, type RuntimeLoadResult } from './load.ts';
export { resolveEnv, hasEnvRef, envRefNames, type ResolveResult } from './env-refs.ts';
export { formatProblem, formatPath, type Problem, type PathIssue, type PathSegment } from './problem.ts';
export type { SourceLocator } from './source-map.ts';
export { summarizeConfig, type ConfigSummary, type ConnectionSummary } from './summary.ts';
