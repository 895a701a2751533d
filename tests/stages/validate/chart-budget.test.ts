// What validation lets a chart expression call, the renderer runs: every allowed function, used once, validates
// with no error and draws. A function added to the list without an example here fails the first test.
import { describe, expect, it } from 'vitest';
import { checkBriefing } from '../../../pipeline/driver/check.js';
import { FUNCTIONS } from '../../../pipeline/stages/validate/checks/chart-budget.js';
import { drawnCharts } from '../../support/stages.js';
import { FIXTURE_DIR, memoryBriefing } from '../../support/memory-briefing.js';

const DAY = 'datetime(2024, 4, 31)';
const EXAMPLES: Record<string, string> = {
  abs: 'abs(-1)', acos: 'acos(0.5)', asin: 'asin(0.5)', atan: 'atan(1)', atan2: 'atan2(1, 1)', ceil: 'ceil(1.2)', clamp: 'clamp(5, 0, 1)',
  cos: 'cos(0)', exp: 'exp(1)', floor: 'floor(1.5)', hypot: 'hypot(3, 4)', isFinite: 'isFinite(datum.value)', isNaN: 'isNaN(datum.value)',
  log: 'log(2)', max: 'max(1, datum.value)', min: 'min(1, datum.value)', pow: 'pow(2, 3)', round: 'round(datum.value)', sin: 'sin(0)',
  sqrt: 'sqrt(4)', tan: 'tan(0)',
  isArray: 'isArray([1])', isBoolean: 'isBoolean(true)', isDate: `isDate(${DAY})`, isDefined: 'isDefined(datum.note)',
  isNumber: 'isNumber(datum.value)', isObject: 'isObject(datum)', isString: 'isString(datum.label)', isValid: 'isValid(datum.value)',
  toBoolean: 'toBoolean(1)', toDate: 'toDate(datum.periodStart)', toNumber: "toNumber('1.5')", toString: 'toString(datum.value)',
  if: "if(datum.value > 5, 'high', 'low')",
  indexof: "indexof(datum.label, 'AI')", lastindexof: "lastindexof(datum.label, 'a')", length: 'length(datum.label)', lower: 'lower(datum.label)',
  upper: 'upper(datum.label)', parseFloat: "parseFloat('1.5')", parseInt: "parseInt('12')", replace: "replace(datum.label, 'AI', 'A.I.')",
  slice: 'slice(datum.label, 0, 3)', split: "split(datum.label, ' ')", substring: 'substring(datum.label, 0, 3)', trim: 'trim(datum.label)',
  truncate: 'truncate(datum.label, 10)', pad: "pad(datum.unit, 12, '.')",
  format: "format(datum.value, '.2f')", timeFormat: `timeFormat(${DAY}, '%B %Y')`, utcFormat: `utcFormat(${DAY}, '%Y')`,
  timeParse: "timeParse(datum.periodStart, '%Y-%m-%d')", utcParse: "utcParse(datum.periodStart, '%Y-%m-%d')", monthFormat: 'monthFormat(4)',
  monthAbbrevFormat: 'monthAbbrevFormat(4)', dayFormat: 'dayFormat(1)', dayAbbrevFormat: 'dayAbbrevFormat(1)',
  datetime: DAY, date: `date(${DAY})`, day: `day(${DAY})`, dayofyear: `dayofyear(${DAY})`, year: `year(${DAY})`, quarter: `quarter(${DAY})`,
  month: `month(${DAY})`, week: `week(${DAY})`, hours: `hours(${DAY})`, minutes: `minutes(${DAY})`, seconds: `seconds(${DAY})`,
  milliseconds: `milliseconds(${DAY})`, time: `time(${DAY})`, timezoneoffset: `timezoneoffset(${DAY})`, utc: 'utc(2024, 4, 31)',
  utcdate: `utcdate(${DAY})`, utcday: `utcday(${DAY})`, utcdayofyear: `utcdayofyear(${DAY})`, utcyear: `utcyear(${DAY})`,
  utcquarter: `utcquarter(${DAY})`, utcmonth: `utcmonth(${DAY})`, utcweek: `utcweek(${DAY})`, utchours: `utchours(${DAY})`,
  utcminutes: `utcminutes(${DAY})`, utcseconds: `utcseconds(${DAY})`, utcmilliseconds: `utcmilliseconds(${DAY})`,
  extent: 'extent([1, datum.value])', inrange: 'inrange(datum.value, [0, 100])', peek: 'peek([1, 2])', sequence: 'sequence(3)', span: 'span([1, 3])',
};

describe('the chart expression functions validation allows', () => {
  it('each has an example here', () => {
    expect([...FUNCTIONS].filter((name) => !(name in EXAMPLES))).toEqual([]);
  });

  it('each validates without an error and is drawn by the renderer', async () => {
    const transforms = Object.entries(EXAMPLES).map(([name, expression]) => `    - { calculate: ${JSON.stringify(expression)}, as: f_${name} }`).join('\n');
    const chart = `id: every-function
title: Every function
caption: "Source: none."
alt: A chart that uses every allowed function.
dataPoints: [ai-share-software-postings-2024-05]
spec:
  transform:
${transforms}
  mark: bar
  encoding:
    x: { field: value, type: quantitative }
    y: { field: f_upper, type: nominal }
`;
    const checked = await checkBriefing(FIXTURE_DIR, memoryBriefing({ 'charts/every-function.yaml': chart }));
    expect(checked.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
    const { charts } = await drawnCharts(checked.resolved!);
    expect(charts.find((c) => c.id === 'every-function')!.svg).toContain('AI JOBS');
  });
});
