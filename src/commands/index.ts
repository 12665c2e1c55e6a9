// One function per CLI verb; the CLI is a thin client of these.
export { type BranchesOptions, type BranchPoint, branches } from './branches.js'
export {
  type CreatedRevision,
  chooseVersionPath,
  type RevisionContent,
  resolveDependsOn,
} from './create-revision.js'
export { type HeadsOptions, heads } from './heads.js'
export { type HistoryOptions, history } from './history.js'
export { type InitOptions, type InitResult, init } from './init.js'
export { type LoadedGraph, loadGraph, type VersionPathsConfig } from './load-graph.js'
export { type MergeOptions, merge } from './merge.js'
export { type RevisionOptions, revision } from './revision.js'
export { type ShowOptions, show } from './show.js'
