// The checks validation runs, in order, over one context (../context.ts); each reports what it finds and goes on.
// A new check is a file beside these exporting a function of the context, and an entry here.
import type { ValidationContext } from '../context.js';
import { checkBriefingId } from './briefing-id.js';
import { checkChartBudget } from './chart-budget.js';
import { checkChartResources } from './chart-resources.js';
import { checkCharts } from './charts.js';
import { checkCitations } from './citations.js';
import { checkCounts } from './counts.js';
import { checkDataPointRefs } from './data-point-refs.js';
import { checkDataPoints } from './data-points.js';
import { checkDerived } from './derived.js';
import { checkFiguresInProse } from './figures-in-prose.js';
import { checkFontCoverage } from './font-coverage.js';
import { checkKeyFigures } from './key-figures.js';
import { checkPlaceholders } from './placeholders.js';
import { checkPlacements } from './placements.js';
import { checkSectionContent } from './section-content.js';
import { checkSources } from './sources.js';
import { checkTables } from './tables.js';
import { checkUncitedSources } from './uncited-sources.js';
import { checkUniqueIds } from './unique-ids.js';
import { checkYamlContent } from './yaml-content.js';

export type Check = (context: ValidationContext) => void;

export const CHECKS: readonly Check[] = [
  checkBriefingId,
  checkYamlContent,
  checkFontCoverage,
  checkUniqueIds,
  checkDataPoints,
  checkDerived,
  checkSources,
  checkTables,
  checkCounts,
  checkChartResources,
  checkChartBudget,
  checkCharts,
  checkSectionContent,
  checkCitations,
  checkDataPointRefs,
  checkPlacements,
  checkPlaceholders,
  checkKeyFigures,
  checkFiguresInProse,
  checkUncitedSources,
];
