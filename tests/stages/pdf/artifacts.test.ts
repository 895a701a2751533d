import { describe, expect, it } from 'vitest';
import { contentOperators, markArtifactsInContent } from '../../../pipeline/stages/pdf/artifacts.js';

describe('pdf-artifacts', () => {
  it('reads operators past strings, hex strings, arrays and dictionaries that look like operators', () => {
    const ops = contentOperators('/P <</MCID 3 /T (a) >>BDC BT [(x\\) Tj \\(BT) 5 <0041>] TJ (nested (ET) ok) Tj ET EMC');
    expect(ops.map((o) => o.name)).toEqual(['BDC', 'BT', 'TJ', 'Tj', 'ET', 'EMC']);
  });

  it('wraps unmarked text objects, paths and XObjects, and leaves tagged content and clipping alone', () => {
    const content = [
      'q 0 0 10 10 re W n',
      '0 0 5 5 re f',
      'BT /F1 9 Tf (Page 1 of 9) Tj ET',
      '/P <</MCID 0>> BDC BT (tagged) Tj ET 1 1 2 2 re f EMC',
      '/Im1 Do Q',
    ].join('\n');
    const { content: marked, wrapped } = markArtifactsInContent(content);
    expect(wrapped).toBe(3);
    expect(marked).toBe([
      'q 0 0 10 10 re W n',
      '/Artifact BMC\n0 0 5 5 re f\nEMC',
      '/Artifact BMC\nBT /F1 9 Tf (Page 1 of 9) Tj ET\nEMC',
      '/P <</MCID 0>> BDC BT (tagged) Tj ET 1 1 2 2 re f EMC',
      '/Artifact BMC\n/Im1 Do\nEMC Q',
    ].join('\n'));
  });

  it('marks each bare text-showing operator of a partly tagged text object', () => {
    const { content } = markArtifactsInContent('BT /Span <</MCID 1>> BDC (a) Tj EMC 2 0 Td (b) Tj ET');
    expect(content).toBe('BT /Span <</MCID 1>> BDC (a) Tj EMC 2 0 Td /Artifact BMC\n(b) Tj\nEMC ET');
  });
});
