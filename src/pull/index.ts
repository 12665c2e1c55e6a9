/**
 * Adopting an existing database: `pull` (the live schema as model files) and `baseline`
 * (the first revision, which creates it from nothing). The Migrator's `pull` and
 * `baseline` methods run them; `renderModels` is the pure part.
 */
export type { BaselineOptions, BaselineResult, WrittenBaseline } from './baseline.js'
export type { PullSplit } from './model-plan.js'
export type { PullOptions, PullResult } from './pull.js'
export { type ModelFile, type RenderModelsOptions, renderModels } from './render-models.js'
