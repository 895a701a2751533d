// `npm run schema`: writes schema/*.schema.json from pipeline/model/schema.ts, the one definition of the data format.
// tests/model/schema.test.ts fails when the committed files drift from it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemaText, SCHEMA_FILES } from '../pipeline/model/schema.js';

mkdirSync('schema', { recursive: true });
for (const [name, schema] of Object.entries(SCHEMA_FILES)) {
  writeFileSync(join('schema', name), jsonSchemaText(schema));
  process.stdout.write(`wrote schema/${name}\n`);
}
