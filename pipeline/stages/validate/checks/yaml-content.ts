// Keys like __proto__ in any YAML file (BP805), text values longer than LIMITS.textLength and words longer than
// LIMITS.wordLength outside a chart's spec (BP806).
import { diagnostic } from '../../../diagnostics/diagnostic.js';
import type { PathSegment } from '../../../diagnostics/yaml-source.js';
import { LIMITS } from '../../../model/limits.js';
import type { ValidationContext } from '../context.js';
import { RESERVED_KEYS } from '../shape.js';
import { tooLongWord } from '../prose.js';

export function checkYamlContent({ yamlFiles, report }: ValidationContext): void {
  for (const yaml of yamlFiles) {
    const visit = (node: unknown, path: PathSegment[]) => {
      if (typeof node === 'string' && node.length > LIMITS.textLength) {
        report(diagnostic('BP806', { file: yaml.file, ...yaml.locate(path) }, { what: 'the length of this text', actual: node.length, limit: LIMITS.textLength }));
      } else if (typeof node === 'string' && path[0] !== 'spec') {
        const word = tooLongWord(node);
        if (word) report(diagnostic('BP806', { file: yaml.file, ...yaml.locate(path) }, { what: 'the length of a word in this text', actual: word.length, limit: LIMITS.wordLength }));
      }
      if (Array.isArray(node)) return node.forEach((item, i) => visit(item, [...path, i]));
      if (!node || typeof node !== 'object') return;
      for (const key of Object.getOwnPropertyNames(node)) {
        if (RESERVED_KEYS.has(key)) report(diagnostic('BP805', { file: yaml.file, ...yaml.locate([...path, key], 'key') }, { key }));
        else visit((node as Record<string, unknown>)[key], [...path, key]);
      }
    };
    visit(yaml.value, []);
  }
}

