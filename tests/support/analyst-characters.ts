/**
 * Characters analysts write that a Latin-only font lacks: with one, Chromium drew these from whatever fonts the
 * machine had (DejaVu Sans, Liberation Sans), so PDFs differed from machine to machine.
 */
export const ANALYST_CHARACTERS = '≥ ≤ → ← ± € £ ¥ ‰ ½ ✓ Łódź Ångström Straße Ærø İstanbul Curaçao Dvořák Ελλάδα Москва № ₹';
