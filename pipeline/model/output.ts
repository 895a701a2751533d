// What a build can be asked to produce.
export type Format = 'pdf' | 'html' | 'xlsx';
export const FORMATS: readonly Format[] = ['pdf', 'html', 'xlsx'];

export type PageSize = 'a4' | 'letter';
