// `briefpress new <id>`: a new briefing folder that validates and builds as it is, ready to be rewritten. Each
// data file names its JSON Schema by a path relative to where it was written, so an editor checks it at once.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { JSON_OPTION, QUIET_OPTION } from '../options.js';
import { eventLine } from '../events.js';
import { fileOutputs } from '../../driver/file-effects.js';
import { CliError, EXIT } from '../../diagnostics/errors.js';
import { fillScaffold, nameSchemas, readScaffold, titleFromId } from '../scaffold.js';
import { sectionRefSchema } from '../../model/schema.js';
import { LIMITS } from '../../model/limits.js';
import type { Command } from '../command.js';

/** A briefing id is its folder's name and follows the slug rule of every id inside a briefing. */
const briefingId = sectionRefSchema.shape.id;

const options = {
  title: { value: 'TEXT', help: "the briefing's title (default: made from the id)" },
  dir: { value: 'DIR', help: 'the folder that holds briefings (default: data)' },
  json: { ...JSON_OPTION, help: 'print {version, event: "created", folder, files} on stdout' },
  quiet: { ...QUIET_OPTION, help: 'print nothing but problems' },
} as const;

export const newCommand: Command<typeof options> = {
  spec: {
    name: 'new',
    arguments: '<id>',
    summary: 'start a briefing: data/<id>/ with an example of every field',
    description: `Creates DIR/<id>/ (DIR defaults to data) with a complete example briefing: metadata, two data points, two
sources, two sections, one chart and one table, each field commented. It validates and builds as it is;
replace the examples with your own. Each data file names its JSON Schema on its first line, for editors.`,
    options,
    notes: 'The id is a slug (lowercase letters, digits and single hyphens). An existing folder is never touched.',
  },

  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new CliError('new takes one briefing id: briefpress new <id>', EXIT.usage);
    const id = positionals[0]!;
    if (!briefingId.safeParse(id).success) {
      throw new CliError(`${JSON.stringify(id)} cannot be a briefing id: use at most ${LIMITS.idLength} lowercase letters, digits and single hyphens, such as threat-report-2025`, EXIT.usage);
    }
    const folder = join(values.dir ?? 'data', id);
    if (await stat(folder).then(() => true, () => false)) throw new CliError(`${folder} already exists; choose another id or remove it first`, EXIT.usage);

    const filled = fillScaffold(await readScaffold(), { id, title: values.title ?? titleFromId(id), date: new Date().toISOString().slice(0, 10) });
    const files = nameSchemas(filled, folder);
    for (const file of files) await fileOutputs.write(join(folder, file.path), file.text);
    const paths = files.map((f) => f.path);
    if (values.json) io.stdout.write(eventLine({ event: 'created', folder, files: paths }));
    else if (!values.quiet) {
      io.stderr.write(
        `created ${folder}/: ${paths.join(', ')}\n` +
          `next: replace the examples, then\n  briefpress validate ${folder}\n  briefpress watch ${folder}     (a live preview)\n`,
      );
    }
    return EXIT.ok;
  },
};
