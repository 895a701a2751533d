// `briefpress new <id>`: a new briefing folder that validates and builds as it is, ready to be rewritten.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCommandLine } from '../options.js';
import { fileOutputs } from '../../build/file-effects.js';
import { CliError, EXIT } from '../../diagnostics/errors.js';
import { fillScaffold, readScaffold, titleFromId } from '../scaffold.js';
import { sectionRefSchema } from '../../model/schema.js';
import { LIMITS } from '../../model/limits.js';
import type { Command } from '../command.js';

/** A briefing id is its folder's name and follows the slug rule of every id inside a briefing. */
const briefingId = sectionRefSchema.shape.id;

export const newCommand: Command = {
  help: `Usage: briefpress new <id> [--title TEXT] [--dir DIR]

Creates DIR/<id>/ (DIR defaults to data) with a complete example briefing: metadata, two data points, two
sources, two sections, one chart and one table, each field commented. It validates and builds as it is;
replace the examples with your own.

  --title TEXT         the briefing's title (default: made from the id)
  --dir DIR            the folder that holds briefings (default: data)
  -h, --help           this help

The id is a slug (lowercase letters, digits and single hyphens). An existing folder is never touched.`,

  async run(args, io) {
    const { values, positionals } = parseCommandLine('new', args, { title: { type: 'string' }, dir: { type: 'string' } });
    if (positionals.length !== 1) throw new CliError('new takes one briefing id: briefpress new <id>', EXIT.usage);
    const id = positionals[0]!;
    if (!briefingId.safeParse(id).success) {
      throw new CliError(`${JSON.stringify(id)} cannot be a briefing id: use at most ${LIMITS.idLength} lowercase letters, digits and single hyphens, such as threat-report-2025`, EXIT.usage);
    }
    const folder = join(values.dir ?? 'data', id);
    if (await stat(folder).then(() => true, () => false)) throw new CliError(`${folder} already exists; choose another id or remove it first`, EXIT.usage);

    const files = fillScaffold(await readScaffold(), { id, title: values.title ?? titleFromId(id), date: new Date().toISOString().slice(0, 10) });
    for (const file of files) await fileOutputs.write(join(folder, file.path), file.text);
    io.stderr.write(
      `created ${folder}/: ${files.map((f) => f.path).join(', ')}\n` +
        `next: replace the examples, then\n  briefpress validate ${folder}\n  briefpress watch ${folder}     (a live preview)\n`,
    );
    return EXIT.ok;
  },
};
