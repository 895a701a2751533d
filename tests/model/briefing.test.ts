// A briefing's id: its folder's name.
import { describe, expect, it } from 'vitest';
import { briefingId } from '../../pipeline/model/briefing.js';

describe('briefing', () => {
  it("is named by its folder's name, however the path is written", () => {
    expect(briefingId('data/ai-security-workforce-2024')).toBe('ai-security-workforce-2024');
    expect(briefingId('./data/x/../cost-2024/')).toBe('cost-2024');
  });

});
