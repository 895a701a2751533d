// The --json event stream of build and watch: one JSON object per line on stdout, each with the schema's
// `version` and its `event`. Fields are only ever added; a change that would break a reader raises the version.
//   start       {briefing, stage}                      a stage of a briefing starts
//   stage       {briefing, stage, ms}                  it finished, after ms milliseconds
//   skipped     {briefing, reason: "up to date"}       outputs up to date, left untouched
//   diagnostic  {file, line, column, severity, code, title, message, hint}   as validate --json has them
//   failed      {briefing, reason}                     the briefing was not built, or its preview not rebuilt
//   done        {briefing, files, folder}              build: its files are written in folder
//               {briefing, url}                        watch: its preview is rebuilt and served at url
//   info        {text, …}                              a line for people: the shard's share; watch adds url
//   summary     {built, skipped, failed, errors, warnings, exitCode}   the last event of a run
const EVENTS_VERSION = 1;

/** What a run did, as its summary event tells it. */
export interface Tally {
  built: string[];
  skipped: string[];
  failed: string[];
  errors: number;
  warnings: number;
}

export function eventLine(event: Record<string, unknown> & { event: string }): string {
  return `${JSON.stringify({ version: EVENTS_VERSION, ...event })}\n`;
}
